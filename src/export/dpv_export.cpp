// The record in the W3C Data Privacy Vocabulary (DPV 2.x) as JSON-LD, for publication as open
// data: one node per record, each with a stable IRI under the base the user gives, the context
// inline (DPV publishes none, and a published register must not depend on fetching one). GDPR
// legal bases and transfer tools are DPV's own concepts (eu-gdpr:A6-1-e); what DPV has no
// concept for (Art. 10, a basis still to be determined) is a node of the register's, typed
// dpv:LegalBasis. docs/export-format.md lists the mapping; a test expands the file with an
// independent JSON-LD processor in safe mode and checks every DPV term against DPV 2.3.

#include <set>

#include <nlohmann/json.hpp>

#include "export/formats.hpp"

namespace ropa::detail {

namespace {

using json = nlohmann::ordered_json;

// Terms, not compact IRIs, as keys: an unknown key then fails expansion in safe mode instead
// of passing as an IRI nobody defined. No @vocab, for the same reason.
json dpv_context() {
    const auto link = [](const char* iri) { return json{{"@id", iri}, {"@type", "@id"}}; };
    const auto texts = [](const char* iri) { return json{{"@id", iri}, {"@container", "@language"}}; };
    return {
        {"dpv", "https://w3id.org/dpv#"},
        {"eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"},
        {"pd", "https://w3id.org/dpv/pd#"},
        {"loc", "https://w3id.org/dpv/loc#"},
        {"dct", "http://purl.org/dc/terms/"},
        {"skos", "http://www.w3.org/2004/02/skos/core#"},
        {"owl", "http://www.w3.org/2002/07/owl#"},
        {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
        {"xsd", "http://www.w3.org/2001/XMLSchema#"},
        {"identifier", "dct:identifier"},
        {"label", texts("skos:prefLabel")},
        {"description", texts("dct:description")},
        {"name", texts("dpv:hasName")},
        {"address", "dpv:hasAddress"},
        {"contact", "dpv:hasContact"},
        {"version", "owl:versionInfo"},
        {"modified", {{"@id", "dct:modified"}, {"@type", "xsd:dateTime"}}},
        {"created", {{"@id", "dct:created"}, {"@type", "xsd:date"}}},
        {"lastChanged", {{"@id", "dct:modified"}, {"@type", "xsd:date"}}},
        {"duration", {{"@id", "dpv:hasDuration"}, {"@type", "xsd:duration"}}},
        {"isPartOf", link("dct:isPartOf")},
        {"broader", link("skos:broader")},
        {"seeAlso", link("rdfs:seeAlso")},
        {"hasActivityStatus", link("dpv:hasActivityStatus")},
        {"hasDataController", link("dpv:hasDataController")},
        {"hasJointDataControllers", link("dpv:hasJointDataControllers")},
        {"hasDataProcessor", link("dpv:hasDataProcessor")},
        {"hasRepresentative", link("dpv:hasRepresentative")},
        {"hasDataProtectionOfficer", link("dpv:hasDataProtectionOfficer")},
        {"hasPurpose", link("dpv:hasPurpose")},
        {"hasLegalBasis", link("dpv:hasLegalBasis")},
        {"hasApplicableLaw", link("dpv:hasApplicableLaw")},
        {"hasPersonalData", link("dpv:hasPersonalData")},
        {"hasDataSubject", link("dpv:hasDataSubject")},
        {"hasRecipient", link("dpv:hasRecipient")},
        {"hasProcessing", link("dpv:hasProcessing")},
        {"hasThirdCountry", link("dpv:hasThirdCountry")},
        {"hasDataImporter", link("dpv:hasDataImporter")},
        {"hasCountry", link("dpv:hasCountry")},
        {"hasJurisdiction", link("dpv:hasJurisdiction")},
        {"hasStorageCondition", link("dpv:hasStorageCondition")},
        {"hasTechnicalOrganisationalMeasure", link("dpv:hasTechnicalOrganisationalMeasure")},
    };
}

// DPV's GDPR concept for a basis or transfer tool of the legal catalogue, "" where it has none.
std::string gdpr_concept(const std::string& code) {
    // art6-1-a .. art6-1-f, art9-2-a .. art9-2-j: eu-gdpr:A6-1-a ..
    if ((code.starts_with("art6-1-") || code.starts_with("art9-2-") || code.starts_with("art46-2-") ||
         code.starts_with("art49-1-")) &&
        code.size() == code.find_last_of('-') + 2 && std::islower(static_cast<unsigned char>(code.back())))
        return "eu-gdpr:A" + code.substr(3);
    if (code == "art45")
        return "eu-gdpr:A45-3";  // an adequacy decision (Art. 45(3))
    if (code == "art47")
        return "eu-gdpr:A46-2-b";  // binding corporate rules under Art. 47, by way of Art. 46(2)(b)
    if (code == "art49-1-2")
        return "eu-gdpr:A49-2";  // DPV's concept for Art. 49(1) second subparagraph (its definition's words)
    return "";
}

std::string country_iri(const std::string& code) { return code.empty() ? code : "loc:" + code; }

class DpvWriter {
public:
    DpvWriter(const RecordView& view, std::string base, std::ostream& out)
        : view_(view), base_(std::move(base)), out_(out) {}

    void write() {
        out_ << "{\n\"@context\": " << dpv_context().dump() << ",\n\"@graph\": [\n";
        node(register_node());
        if (view_.controller)
            node(controller_node(*view_.controller));
        for (const auto& record : view_.of(EntityKind::party))
            node(party_node(record));
        for (const auto& record : view_.of(EntityKind::processor))
            node(processor_node(record));
        for (const auto& record : view_.of(EntityKind::legal_source))
            node(law_node(record));
        for (const auto& record : view_.of(EntityKind::purpose))
            node(labelled(record, "purpose", "dpv:Purpose"));
        for (const auto& record : view_.of(EntityKind::data_category))
            node(category_node(record));
        for (const auto& record : view_.of(EntityKind::data_subject))
            node(labelled(record, "subject", "dpv:DataSubject"));
        for (const auto& record : view_.of(EntityKind::recipient))
            node(labelled(record, "recipient", "dpv:Recipient"));
        for (const auto& record : view_.of(EntityKind::security_measure))
            node(labelled(record, "measure", "dpv:TechnicalOrganisationalMeasure"));
        for (const auto& record : view_.of(EntityKind::transfer))
            node(transfer_node(record));
        view_.for_each_activity([&](const ActivityRecord& activity) { node(activity_node(activity)); });
        // The bases and tools DPV has no concept for (Art. 10, a basis still to be determined),
        // as nodes of the register's: those the record uses, not the whole catalogue.
        for (const auto& record : view_.of(EntityKind::legal_basis))
            if (own_concepts_.count("basis/" + *record.code))
                node(catalogue_node(record, "basis", "dpv:LegalBasis", "article"));
        for (const auto& record : view_.of(EntityKind::transfer_tool))
            if (own_concepts_.count("tool/" + *record.code))
                node(catalogue_node(record, "tool", "dpv:DataTransferLegalBasis", "article"));
        out_ << "\n]\n}\n";
    }

private:
    // One node per line: a diff of two versions reads record by record.
    void node(const json& value) {
        out_ << (first_ ? "" : ",\n") << value.dump();
        first_ = false;
    }

    std::string iri(const char* kind, const std::string& code) const { return base_ + kind + "/" + code; }

    std::string concept_of(EntityKind kind, const std::string& code) {
        const auto gdpr = gdpr_concept(code);
        if (!gdpr.empty())
            return gdpr;
        const char* folder = kind == EntityKind::legal_basis ? "basis" : "tool";
        own_concepts_.insert(std::string(folder) + "/" + code);
        return iri(folder, code);
    }

    static json texts(const FieldValue& value) {
        json out = json::object();
        if (const auto* text = std::get_if<LocalizedText>(&value))
            for (const auto& [lang, translation] : *text)
                out[lang] = translation.value;
        return out;
    }
    static std::string string_of(const Record& record, const char* field) {
        const auto it = record.fields.find(field);
        if (it == record.fields.end())
            return "";
        const auto* value = std::get_if<std::string>(&it->second);
        return value ? *value : "";
    }
    static void put_texts(json& out, const char* key, const Record& record, const char* field) {
        const auto it = record.fields.find(field);
        if (it == record.fields.end())
            return;
        if (auto value = texts(it->second); !value.empty())
            out[key] = std::move(value);
    }
    static void put_string(json& out, const char* key, const Record& record, const char* field) {
        if (auto value = string_of(record, field); !value.empty())
            out[key] = std::move(value);
    }

    json register_node() const {
        json out{{"@id", base_}, {"@type", "dpv:ROPA"},
                 {"label", {{"en", "Record of processing activities (GDPR Art. 30)"}}}};
        if (view_.controller)
            out["hasDataController"] = base_ + "controller";
        if (view_.version) {
            out["version"] = "change " + std::to_string(view_.version->id) + ", chain hash " + view_.version->hash;
            out["modified"] = view_.version->recorded_at;
        }
        out["description"] = {{"en", view_.approved_only ? "approved activities only"
                                                         : "all activities, each with its status"}};
        return out;
    }

    json controller_node(const Record& controller) const {
        json out{{"@id", base_ + "controller"}, {"@type", "dpv:DataController"}};
        put_texts(out, "name", controller, "name");
        put_string(out, "address", controller, "address");
        json contact = json::array();
        for (const char* field : {"email", "phone", "website"})
            if (auto value = string_of(controller, field); !value.empty())
                contact.push_back(value);
        if (!contact.empty())
            out["contact"] = contact;
        if (const auto name = string_of(controller, "representative_name"); !name.empty()) {
            json representative{{"@type", "dpv:Representative"}, {"name", name}};
            put_string(representative, "contact", controller, "representative_contact");
            out["hasRepresentative"] = representative;
        }
        json dpo{{"@type", "dpv:DataProtectionOfficer"}};
        put_string(dpo, "name", controller, "dpo_name");
        json dpo_contact = json::array();
        for (const char* field : {"dpo_email", "dpo_phone"})
            if (auto value = string_of(controller, field); !value.empty())
                dpo_contact.push_back(value);
        if (!dpo_contact.empty())
            dpo["contact"] = dpo_contact;
        put_string(dpo, "address", controller, "dpo_address");
        if (dpo.size() > 1)
            out["hasDataProtectionOfficer"] = dpo;
        return out;
    }

    // Another organisation (a party, a processor): who it is, where, whom to contact, its DPO.
    json organisation_node(const Record& record, const char* kind, const char* type) const {
        json out{{"@id", iri(kind, *record.code)}, {"@type", type}, {"identifier", *record.code}};
        for (const char* field : {"name", "address", "contact"})
            put_string(out, field, record, field);
        if (auto country = string_of(record, "country"); !country.empty())
            out["hasCountry"] = country_iri(country);
        if (auto dpo = string_of(record, "dpo_contact"); !dpo.empty())
            out["hasDataProtectionOfficer"] = json{{"@type", "dpv:DataProtectionOfficer"}, {"contact", dpo}};
        return out;
    }

    // A joint controller, or a controller the register's controller processes for.
    json party_node(const Record& party) const {
        auto out = organisation_node(party, "party", "dpv:DataController");
        if (auto representative = string_of(party, "representative"); !representative.empty())
            out["hasRepresentative"] = json{{"@type", "dpv:Representative"}, {"contact", representative}};
        return out;
    }

    json processor_node(const Record& processor) const {
        auto out = organisation_node(processor, "processor", "dpv:DataProcessor");
        // the Art. 28 contract, as the readable exports give it
        std::string contract = string_of(processor, "contract_reference");
        if (auto date = string_of(processor, "contract_date"); !date.empty())
            contract += (contract.empty() ? "of " : " of ") + date;
        if (!contract.empty())
            out["description"] = {{"en", "Art. 28 contract " + contract}};
        if (auto link = string_of(processor, "contract_link"); !link.empty())
            out["seeAlso"] = link;
        return out;
    }

    json catalogue_node(const Record& record, const char* kind, const char* type, const char* article) const {
        json out{{"@id", iri(kind, *record.code)}, {"@type", type}, {"identifier", *record.code}};
        put_texts(out, "label", record, "name");
        if (auto value = string_of(record, article); !value.empty())
            out["description"] = {{"en", value}};
        return out;
    }

    json law_node(const Record& source) const {
        json out{{"@id", iri("source", *source.code)}, {"@type", "dpv:Law"}, {"identifier", *source.code}};
        put_texts(out, "label", source, "title");
        std::string cited = string_of(source, "reference");
        if (auto article = string_of(source, "article"); !article.empty())
            cited += (cited.empty() ? "" : ", ") + article;
        if (!cited.empty())
            out["description"] = {{"en", cited}};
        if (auto jurisdiction = string_of(source, "jurisdiction"); !jurisdiction.empty())
            out["hasJurisdiction"] = country_iri(jurisdiction);
        if (auto url = string_of(source, "url"); !url.empty())
            out["seeAlso"] = url;
        return out;
    }

    json labelled(const Record& record, const char* kind, const char* type) const {
        json out{{"@id", iri(kind, *record.code)}, {"@type", type}, {"identifier", *record.code}};
        put_texts(out, "label", record, "name");
        put_texts(out, "description", record, "description");
        return out;
    }

    json category_node(const Record& category) const {
        auto out = labelled(category, "category", "dpv:PersonalData");
        const auto flag = [&](const char* field) {
            const auto* value = std::get_if<bool>(&category.fields.at(field));
            return value && *value;
        };
        // Art. 9 data as DPV's special category; Art. 10 data, which DPV types as personal data
        // only, as sensitive data under pd:Criminal
        if (flag("is_special"))
            out["@type"] = json::array({"dpv:PersonalData", "dpv:SpecialCategoryPersonalData"});
        if (flag("is_criminal")) {
            out["@type"] = json::array({"dpv:PersonalData", "dpv:SensitivePersonalData"});
            out["broader"] = "pd:Criminal";
        }
        return out;
    }

    json transfer_node(const Record& transfer) {
        json out{{"@id", iri("transfer", *transfer.code)}, {"@type", "dpv:CrossBorderTransfer"},
                 {"identifier", *transfer.code}};
        if (auto country = string_of(transfer, "country"); !country.empty())
            out["hasThirdCountry"] = country_iri(country);
        if (auto organisation = string_of(transfer, "international_organisation"); !organisation.empty())
            out["description"] = {{"en", "to the international organisation " + organisation}};
        if (auto tool = string_of(transfer, "transfer_tool"); !tool.empty())
            out["hasLegalBasis"] = concept_of(EntityKind::transfer_tool, tool);
        // who receives the data there: the processor, where the recipient is one, else the recipient
        if (auto recipient = string_of(transfer, "recipient"); !recipient.empty()) {
            const Record* r = view_.find(EntityKind::recipient, recipient);
            const auto processor = r ? string_of(*r, "processor") : std::string();
            out["hasDataImporter"] = processor.empty() ? iri("recipient", recipient) : iri("processor", processor);
        }
        if (auto safeguards = string_of(transfer, "safeguards_documentation"); !safeguards.empty())
            out["seeAlso"] = safeguards;
        return out;
    }

    json activity_node(const ActivityRecord& entry) {
        const auto& activity = entry.activity;
        const auto& code = *activity.code;
        json out{{"@id", iri("activity", code)}, {"@type", "dpv:Process"}, {"identifier", code}};
        put_texts(out, "label", activity, "name");
        put_texts(out, "description", activity, "description");
        out["isPartOf"] = base_;
        const auto status = string_of(activity, "status");
        out["hasActivityStatus"] = status == "active"    ? "dpv:ActivityOngoing"
                                   : status == "retired" ? "dpv:ActivityCompleted"
                                                         : "dpv:ActivityProposed";  // draft, in review
        const auto links = [&](LinkKind kind, const char* target) {
            json out_links = json::array();
            for (const auto& link : entry.links_of(kind))
                out_links.push_back(iri(target, link.to));
            return out_links;
        };
        const auto put = [&](const char* key, json value) {
            if (!value.empty())
                out[key] = std::move(value);
        };
        // Art. 30(1)(a): who decides. Processing done as processor (Art. 30(2)) is the other
        // controller's, with the register's controller as its processor.
        const auto on_behalf = string_of(activity, "on_behalf_of_party");
        const bool as_processor = string_of(activity, "role") == "processor";
        if (as_processor) {
            if (!on_behalf.empty())
                out["hasDataController"] = iri("party", on_behalf);
            if (view_.controller)
                out["hasDataProcessor"] = json::array({base_ + "controller"});
        } else if (view_.controller) {
            out["hasDataController"] = base_ + "controller";
        }
        if (const auto& joint = entry.links_of(LinkKind::activity_joint_controller); !joint.empty()) {
            json members = json::array();
            if (view_.controller)
                members.push_back(base_ + "controller");
            for (const auto& link : joint)
                members.push_back(iri("party", link.to));
            out["hasJointDataControllers"] = json{{"@type", "dpv:JointDataControllers"}, {"hasDataController", members}};
        }
        put("hasPurpose", links(LinkKind::activity_purpose, "purpose"));
        json bases = json::array(), laws = json::array();
        std::set<std::string> cited;
        for (const auto& link : entry.links_of(LinkKind::activity_legal_basis)) {
            bases.push_back(concept_of(EntityKind::legal_basis, link.to));
            for (const auto& source : cited_sources(link))
                if (cited.insert(source).second)
                    laws.push_back(iri("source", source));
        }
        put("hasLegalBasis", bases);
        put("hasApplicableLaw", laws);
        put("hasPersonalData", links(LinkKind::activity_data_category, "category"));
        put("hasDataSubject", links(LinkKind::activity_data_subject, "subject"));
        put("hasRecipient", links(LinkKind::activity_recipient, "recipient"));
        if (auto processors = links(LinkKind::activity_processor, "processor"); !processors.empty()) {
            if (out.contains("hasDataProcessor"))
                for (auto& processor : processors)
                    out["hasDataProcessor"].push_back(std::move(processor));
            else
                out["hasDataProcessor"] = std::move(processors);
        }
        put("hasProcessing", links(LinkKind::activity_transfer, "transfer"));
        put("hasTechnicalOrganisationalMeasure", links(LinkKind::activity_security_measure, "measure"));
        json storage = json::array();
        for (const auto& row : entry.retention)
            storage.push_back(retention_node(code, row));
        put("hasStorageCondition", storage);
        if (const auto* dates = view_.dates_of(activity.id)) {
            out["created"] = dates->created_on;
            out["lastChanged"] = dates->changed_on;
        }
        return out;
    }

    // A time limit for erasure (Art. 30(1)(f)) as DPV's storage duration: the duration in
    // ISO 8601 where one is given, the limit in words (with its event and criteria) in each
    // language its texts have, and the data and data subjects it applies to.
    // Its IRI names its scope, which is unique within the activity (one row per data category
    // and group of data subjects): ".../activity/PAY/retention/category/BANK/subject/STAFF", the
    // row for all the activity's data ".../activity/PAY/retention"; row ids are not stable.
    json retention_node(const std::string& activity, const Record& row) const {
        std::string scope = iri("activity", activity) + "/retention";
        if (auto category = string_of(row, "data_category"); !category.empty())
            scope += "/category/" + category;
        if (auto subject = string_of(row, "data_subject"); !subject.empty())
            scope += "/subject/" + subject;
        json out{{"@id", scope}, {"@type", "dpv:StorageDuration"}};
        const auto& f = row.fields;
        if (const auto* value = std::get_if<std::int64_t>(&f.at("duration_value"))) {
            const auto unit = string_of(row, "duration_unit");
            out["duration"] = "P" + std::to_string(*value) + (unit == "year" ? "Y" : unit == "month" ? "M" : "D");
        }
        std::set<std::string> languages;
        for (const char* field : {"trigger", "criteria", "justification"})
            if (const auto* text = std::get_if<LocalizedText>(&f.at(field)))
                for (const auto& [lang, translation] : *text)
                    languages.insert(lang);
        json words = json::object();
        for (const auto& lang : languages)
            words[lang] = retention_summary(row, TextPicker{lang});
        if (!words.empty())
            out["description"] = words;
        if (auto category = string_of(row, "data_category"); !category.empty())
            out["hasPersonalData"] = iri("category", category);
        if (auto subject = string_of(row, "data_subject"); !subject.empty())
            out["hasDataSubject"] = iri("subject", subject);
        return out;
    }

    const RecordView& view_;
    std::string base_;
    std::ostream& out_;
    bool first_ = true;
    std::set<std::string> own_concepts_;  ///< "basis/art10": used, and to be written after the activities
};

} // namespace

void write_dpv(const RecordView& view, const std::string& base, std::ostream& out) {
    DpvWriter(view, base, out).write();
}

} // namespace ropa::detail

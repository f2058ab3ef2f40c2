#include "export/record_view.hpp"

#include "domain/countries.hpp"

#include <set>

#include <algorithm>

namespace ropa::detail {

namespace {

const std::vector<Record> no_records;
const std::vector<Link> no_links;

std::string join(const std::vector<std::string>& items, const char* separator = "; ") {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string code_of(const Record& record) { return record.code ? *record.code : "#" + std::to_string(record.id); }

} // namespace

const std::vector<Record>& RecordView::of(EntityKind kind) const {
    auto it = records.find(kind);
    return it == records.end() ? no_records : it->second;
}

const std::vector<Link>& RecordView::links_from(LinkKind kind, const std::string& code) const {
    auto by_kind = links.find(kind);
    if (by_kind == links.end())
        return no_links;
    auto it = by_kind->second.find(code);
    return it == by_kind->second.end() ? no_links : it->second;
}

const Record* RecordView::find(EntityKind kind, const std::string& code) const {
    for (const auto& record : of(kind))
        if (record.code == code)
            return &record;
    return nullptr;
}

void RecordView::for_each_activity(const std::function<void(const ActivityRecord&)>& visit) const {
    if (!approved_only)
        return source->for_each_activity(visit);
    source->for_each_activity([&](const ActivityRecord& activity) {
        if (const auto* status = std::get_if<std::string>(&activity.activity.fields.at("status"));
            status && *status == "active")
            visit(activity);
    });
}

RecordView build_record_view(const Register& reg, bool with_change_log, const std::string& lang, bool approved_only,
                             const std::string& since) {
    RecordView view;
    view.source = &reg;
    view.approved_only = approved_only;
    view.version = reg.version();
    view.acknowledgements = reg.acknowledgements();
    view.checked_on = view.version ? view.version->recorded_at.substr(0, 10) : std::string();
    for (const auto& entity : entities()) {
        if (entity.kind == EntityKind::activity || entity.kind == EntityKind::retention)
            continue;  // read one activity at a time, with its retention rows
        auto records = reg.list(entity.kind);
        if (entity.kind == EntityKind::controller) {
            if (!records.empty())
                view.controller = std::move(records.front());
            continue;
        }
        view.records[entity.kind] = std::move(records);
    }
    for (const auto& link : links())
        if (link.from != EntityKind::activity)
            for (auto& found : reg.list_links(link.kind))
                view.links[link.kind][found.from].push_back(std::move(found));
    view.matrix = reg.purpose_matrix();
    if (approved_only) {
        // The record as the organisation stands by it: the purposes of its approved activities
        // and the data they may use, not those a draft is still being worked out with.
        std::set<std::string> purposes;
        view.for_each_activity([&](const ActivityRecord& activity) {
            for (const auto& link : activity.links_of(LinkKind::activity_purpose))
                purposes.insert(link.to);
        });
        auto& matrix = view.matrix;
        std::erase_if(matrix.rows, [&](const auto& row) { return !purposes.count(row.purpose.code); });
        std::vector<bool> used(matrix.columns.size(), false);
        for (const auto& row : matrix.rows)
            for (std::size_t c = 0; c < row.cells.size(); ++c)
                used[c] = used[c] || row.cells[c].has_value();
        std::vector<DataCategory> columns;
        for (std::size_t c = 0; c < matrix.columns.size(); ++c)
            if (used[c])
                columns.push_back(matrix.columns[c]);
        for (auto& row : matrix.rows) {
            std::vector<std::optional<PurposeMatrix::Cell>> cells;
            for (std::size_t c = 0; c < row.cells.size(); ++c)
                if (used[c])
                    cells.push_back(row.cells[c]);
            row.cells = std::move(cells);
        }
        matrix.columns = std::move(columns);
    }
    view.texts = reg.text_summary(lang);
    if (!since.empty() && view.version) {
        // Read from the file, up to the version shown: a past version (Register::at) holds no
        // history of its own, and the version is pinned by its id, whatever is written since.
        const auto file = Register::open(reg.file_path(), {.mode = OpenMode::read_only});
        view.since = since;
        view.changes_since = file.diff(since, std::to_string(view.version->id));
    }
    if (with_change_log && view.version) {
        // the log of the file up to the version shown; a past version has no log of its own
        for (const auto& change : reg.log_until(view.version->id))
            view.changes.insert(view.changes.begin(), change);
    }
    return view;
}

std::string TextPicker::operator()(const FieldValue& value) const {
    // Asked for one language, a text shown in another says which, and an unofficial translation
    // says so, at the text itself: a reader must not take either for the language asked.
    if (const auto* text = std::get_if<LocalizedText>(&value); text && !lang.empty()) {
        const Translation* chosen = pick(*text, lang);
        if (!chosen)
            return "";
        for (const auto& [tag, translation] : *text)
            if (&translation == chosen) {
                if (tag != lang)
                    return translation.value + " [" + tag + "]";
                if (translation.status == TextStatus::unofficial)
                    return translation.value + " [" + tag + ", unofficial translation]";
                return translation.value;
            }
    }
    return value_text(value, lang);
}

std::string country_shown(const std::string& code) {
    if (code.empty())
        return code;
    const auto name = country_name(code);
    return name.empty() ? code : std::string(name) + " (" + code + ")";
}

namespace {

/// "name (item; item; ...)", leaving out what is not recorded.
std::string with_details(std::string name, const std::vector<std::string>& details) {
    std::string shown;
    for (const auto& detail : details)
        if (!detail.empty())
            shown += (shown.empty() ? "" : "; ") + detail;
    return shown.empty() ? name : name + " (" + shown + ")";
}

} // namespace

std::string party_shown(const RecordView& view, const TextPicker& text, const std::string& code) {
    const Record* party = view.find(EntityKind::party, code);
    if (!party)
        return code;
    const auto& f = party->fields;
    const auto representative = text(f.at("representative")), dpo = text(f.at("dpo_contact"));
    return with_details(text.name_of(*party),
                        {text(f.at("address")), text(f.at("contact")), country_shown(text(f.at("country"))),
                         representative.empty() ? "" : "representative: " + representative,
                         dpo.empty() ? "" : "DPO: " + dpo});
}

std::string processor_shown(const RecordView& view, const TextPicker& text, const std::string& code) {
    const Record* processor = view.find(EntityKind::processor, code);
    if (!processor)
        return code;
    const auto& f = processor->fields;
    const auto dpo = text(f.at("dpo_contact")), reference = text(f.at("contract_reference")),
               date = text(f.at("contract_date")), link = text(f.at("contract_link"));
    std::string contract;
    if (!reference.empty() || !date.empty() || !link.empty()) {
        contract = "Art. 28 contract";
        if (!reference.empty())
            contract += " " + reference;
        if (!date.empty())
            contract += " of " + date;
        if (!link.empty())
            contract += ", " + link;
    }
    return with_details(text.name_of(*processor), {text(f.at("address")), text(f.at("contact")),
                                                   country_shown(text(f.at("country"))),
                                                   dpo.empty() ? "" : "DPO: " + dpo, contract});
}

std::string recipient_shown(const RecordView& view, const TextPicker& text, const std::string& code) {
    const Record* recipient = view.find(EntityKind::recipient, code);
    if (!recipient)
        return code;
    const auto& f = recipient->fields;
    std::string kind = text(f.at("kind"));
    if (kind == "public_authority")
        kind = "public authority";
    if (const auto processor = text(f.at("processor")); !processor.empty()) {
        const Record* p = view.find(EntityKind::processor, processor);
        kind += ": " + (p ? text.name_of(*p) : processor);
    }
    const auto location = text(f.at("location"));
    std::string shown = with_details(text.name_of(*recipient),
                                     {kind, location == "third_country"                ? "in a third country"
                                            : location == "international_organisation" ? "an international organisation"
                                            : location == "eea"                         ? "in the EEA"
                                                                                        : location});
    if (const auto description = text(f.at("description")); !description.empty())
        shown += ": " + description;
    return shown;
}

std::string TextPicker::name_of(const Record& record) const {
    for (const char* field : {"name", "title"})
        if (auto it = record.fields.find(field); it != record.fields.end()) {
            auto shown = (*this)(it->second);
            if (!shown.empty())
                return shown;
        }
    return code_of(record);
}

std::string retention_summary(const Record& retention, const TextPicker& text) {
    const auto& f = retention.fields;
    std::string out;
    if (const auto* value = std::get_if<std::int64_t>(&f.at("duration_value"))) {
        out = std::to_string(*value) + " " + text(f.at("duration_unit")) + (*value == 1 ? "" : "s");
        if (const auto trigger = text(f.at("trigger")); !trigger.empty())
            out += " from " + trigger;
    }
    // criteria beside a duration are part of the limit too
    if (const auto criteria = text(f.at("criteria")); !criteria.empty())
        out += (out.empty() ? "" : "; ") + criteria;
    if (const auto justification = text(f.at("justification")); !justification.empty())
        out += " (" + justification + ")";
    return out;
}

std::vector<std::string> activity_columns() {
    return {"Reference",
            "Name of the processing",
            "Description",
            "Role (Art. 30(1) controller / 30(2) processor)",
            "On behalf of (Art. 30(2)(a))",
            "Joint controllers (Art. 30(1)(a))",
            "Purposes (Art. 30(1)(b))",
            "Legal bases (Art. 6, 9, 10)",
            "Categories of data subjects (Art. 30(1)(c))",
            "Categories of personal data (Art. 30(1)(c))",
            "Special or criminal data (Art. 9, 10)",
            "Recipients (Art. 30(1)(d))",
            "Processors",
            "Transfers to third countries (Art. 30(1)(e))",
            "Time limits for erasure (Art. 30(1)(f))",
            "Security measures (Art. 30(1)(g))",
            "Source of the data (Art. 14(2)(f))",
            "Obligation to provide the data (Art. 13(2)(e))",
            "Automated decision-making, profiling (Art. 22, 13(2)(f))",
            "Systems used",
            "Where the data are kept",
            "Data subjects' rights",
            "Entry in another controller's register",
            "Department",
            "Process owner",
            "Mandated officials",
            "Status",
            "Approved by",
            "Approved at (UTC)",
            "Why approved",
            "Next review",
            "Start date",
            "End date",
            "DPIA required",
            "DPIA status",
            "DPIA link",
            "Replaced by",
            "Notes"};
}

std::string approval_mark(const std::string& status) {
    if (status == "draft" || status.empty())
        return " (draft: not approved)";
    if (status == "in_review")
        return " (in review: not approved)";
    return "";
}

std::vector<std::string> cited_sources(const Link& basis_link) {
    const auto it = basis_link.fields.find("legal_sources");
    const auto* codes = it == basis_link.fields.end() ? nullptr : std::get_if<Codes>(&it->second);
    return codes ? *codes : std::vector<std::string>{};
}

std::string basis_with_sources(const RecordView& view, const TextPicker& text, const std::string& basis_code,
                               const std::vector<std::string>& sources) {
    const Record* basis = view.find(EntityKind::legal_basis, basis_code);
    std::string shown = basis ? text(basis->fields.at("article")) : basis_code;
    std::string cited;
    for (const auto& code : sources) {
        const Record* act = view.find(EntityKind::legal_source, code);
        std::string citation = act ? text.name_of(*act) : code;
        if (act) {
            // the act's reference where its title alone does not name it ("Visumcode
            // (Verordening (EG) nr. 810/2009) art. 16"), then the provision
            if (const auto reference = text(act->fields.at("reference")); !reference.empty())
                citation += " (" + reference + ")";
            if (const auto article = text(act->fields.at("article")); !article.empty())
                citation += " " + article;
        }
        cited += (cited.empty() ? "" : "; ") + citation;
    }
    return cited.empty() ? shown : shown + ": " + cited;
}

std::vector<std::string> activity_row(const RecordView& view, const TextPicker& text, const ActivityRecord& entry) {
    auto names = [&](LinkKind kind, EntityKind target) {
        std::vector<std::string> out;
        for (const auto& link : entry.links_of(kind)) {
            const Record* record = view.find(target, link.to);
            out.push_back(record ? text.name_of(*record) : link.to);
        }
        return join(out);
    };
    const auto& activity = entry.activity;
    const std::string code = *activity.code;
    const auto& f = activity.fields;
    // Each basis with the law that lays it down: the activity's own source, else those its
    // purposes cite for that basis (a public body's key column; it used to print "Art. 6(1)(c)
    // GDPR" alone).
    std::vector<std::string> bases;
    for (const auto& link : entry.links_of(LinkKind::activity_legal_basis)) {
        std::vector<std::string> sources = cited_sources(link);
        if (sources.empty())
            for (const auto& purpose : entry.links_of(LinkKind::activity_purpose))
                for (const auto& allowed : view.links_from(LinkKind::purpose_legal_basis, purpose.to))
                    if (allowed.to == link.to)
                        for (const auto& cited : cited_sources(allowed))
                            if (std::find(sources.begin(), sources.end(), cited) == sources.end())
                                sources.push_back(cited);
        std::string basis = basis_with_sources(view, text, link.to, sources);
        if (auto it = link.fields.find("legitimate_interest"); it != link.fields.end() && !text(it->second).empty())
            basis += "; legitimate interest: " + text(it->second);
        if (auto it = link.fields.find("assessment_reference"); it != link.fields.end() && !text(it->second).empty())
            basis += " (assessment: " + text(it->second) + ")";
        bases.push_back(basis);
    }
    std::vector<std::string> sensitive;
    bool special = false, criminal = false;
    for (const auto& link : entry.links_of(LinkKind::activity_data_category))
        if (const Record* category = view.find(EntityKind::data_category, link.to)) {
            if (std::get_if<bool>(&category->fields.at("is_special")) &&
                std::get<bool>(category->fields.at("is_special"))) {
                sensitive.push_back(text.name_of(*category) + " (Art. 9)");
                special = true;
            }
            if (std::get_if<bool>(&category->fields.at("is_criminal")) &&
                std::get<bool>(category->fields.at("is_criminal"))) {
                sensitive.push_back(text.name_of(*category) + " (Art. 10)");
                criminal = true;
            }
        }
    // What is missing is said on paper too: a reader must not infer an Art. 9(2) condition
    // from a list of bases that has none (check reports it; the page must not hide it).
    auto has_basis_of_kind = [&](const char* kind) {
        for (const auto& link : entry.links_of(LinkKind::activity_legal_basis))
            if (const Record* basis = view.find(EntityKind::legal_basis, link.to))
                if (text(basis->fields.at("kind")) == kind)
                    return true;
        return false;
    };
    if (special && !has_basis_of_kind("special_category"))
        bases.push_back("no Art. 9(2) condition recorded");
    if (criminal && !has_basis_of_kind("criminal_data"))
        bases.push_back("no Art. 10 basis recorded");
    std::vector<std::string> transfers;
    for (const auto& link : entry.links_of(LinkKind::activity_transfer))
        if (const Record* transfer = view.find(EntityKind::transfer, link.to)) {
            std::string shown = country_shown(text(transfer->fields.at("country")));
            if (shown.empty())
                shown = text(transfer->fields.at("international_organisation"));
            if (const auto tool = text(transfer->fields.at("transfer_tool")); !tool.empty()) {
                const Record* t = view.find(EntityKind::transfer_tool, tool);
                shown += ", " + (t ? text(t->fields.at("article")) : tool);
            }
            if (const auto safeguards = text(transfer->fields.at("safeguards_documentation")); !safeguards.empty())
                shown += ", safeguards: " + safeguards;
            // to whom: the auditor should not have to cross-read the recipients
            if (const auto recipient = text(transfer->fields.at("recipient")); !recipient.empty()) {
                const Record* r = view.find(EntityKind::recipient, recipient);
                shown += ", to " + (r ? text.name_of(*r) : recipient);
            }
            transfers.push_back(shown);
        }
    std::vector<std::string> joint;
    for (const auto& link : entry.links_of(LinkKind::activity_joint_controller)) {
        std::string shown = party_shown(view, text, link.to);
        if (auto r = link.fields.find("responsibilities"); r != link.fields.end() && !text(r->second).empty())
            shown += ", responsible for: " + text(r->second);
        joint.push_back(shown);
    }
    std::vector<std::string> retention;
    for (const auto& row : entry.retention) {
        const auto category = text(row.fields.at("data_category"));
        const Record* c = category.empty() ? nullptr : view.find(EntityKind::data_category, category);
        const auto group = text(row.fields.at("data_subject"));
        const Record* g = group.empty() ? nullptr : view.find(EntityKind::data_subject, group);
        retention.push_back((category.empty() ? std::string("all data") : (c ? text.name_of(*c) : category)) +
                            (group.empty() ? "" : " of " + (g ? text.name_of(*g) : group)) + ": " +
                            retention_summary(row, text));
    }
    std::string on_behalf;
    if (const auto party_code = text(f.at("on_behalf_of_party")); !party_code.empty())
        on_behalf = party_shown(view, text, party_code);
    std::vector<std::string> recipients, processors;
    for (const auto& link : entry.links_of(LinkKind::activity_recipient))
        recipients.push_back(recipient_shown(view, text, link.to));
    const bool no_recipients = std::get_if<bool>(&f.at("no_recipients")) && std::get<bool>(f.at("no_recipients"));
    if (no_recipients)
        recipients.push_back(recipients.empty() ? "none: the data are disclosed to no recipient (confirmed)"
                                                : "also confirmed as disclosed to no recipient (contradiction)");
    // A data category with the data subjects it is about and where it comes from.
    std::vector<std::string> categories, sources;
    if (const auto source = text(f.at("data_source")); !source.empty())
        sources.push_back(source);
    for (const auto& link : entry.links_of(LinkKind::activity_data_category)) {
        const Record* record = view.find(EntityKind::data_category, link.to);
        std::string shown = record ? text.name_of(*record) : link.to;
        std::vector<std::string> about;
        if (auto it = link.fields.find("data_subjects"); it != link.fields.end())
            if (const auto* codes = std::get_if<Codes>(&it->second))
                for (const auto& subject_code : *codes) {
                    const Record* group = view.find(EntityKind::data_subject, subject_code);
                    about.push_back(group ? text.name_of(*group) : subject_code);
                }
        if (!about.empty())
            shown += " (of " + join(about, ", ") + ")";
        categories.push_back(shown);
        if (auto it = link.fields.find("source"); it != link.fields.end() && !text(it->second).empty())
            sources.push_back((record ? text.name_of(*record) : link.to) + ": " + text(it->second));
    }
    const auto flag = [&](const char* name) -> std::optional<bool> {
        const auto* value = std::get_if<bool>(&f.at(name));
        return value ? std::optional<bool>(*value) : std::nullopt;
    };
    std::vector<std::string> automated;
    if (const auto decision = flag("automated_decision"))
        automated.push_back(std::string("automated decisions (Art. 22): ") + (*decision ? "yes" : "no"));
    if (const auto profiling = flag("profiling"))
        automated.push_back(std::string("profiling: ") + (*profiling ? "yes" : "no"));
    if (const auto logic = text(f.at("automated_decision_logic")); !logic.empty())
        automated.push_back("logic and consequences: " + logic);
    // Art. 13(2)(e) in its own words: a statutory or contractual requirement, or a requirement
    // necessary to enter into a contract, or none (voluntary)
    std::string provision = text(f.at("provision_requirement"));
    if (provision == "statutory")
        provision = "statutory requirement";
    else if (provision == "contractual")
        provision = "contractual requirement";
    else if (provision == "contract_requirement")
        provision = "requirement necessary to enter into a contract";
    else if (provision == "voluntary")
        provision = "voluntary: no obligation to provide the data";
    else if (provision == "mixed")
        provision = "partly required, partly voluntary";
    for (const auto& link : entry.links_of(LinkKind::activity_processor))
        processors.push_back(processor_shown(view, text, link.to));
    return {code,
            text(f.at("name")),
            text(f.at("description")),
            text(f.at("role")).empty() ? "controller" : text(f.at("role")),
            on_behalf,
            join(joint),
            names(LinkKind::activity_purpose, EntityKind::purpose),
            join(bases),
            names(LinkKind::activity_data_subject, EntityKind::data_subject),
            join(categories),
            join(sensitive),
            join(recipients),
            join(processors),
            join(transfers),
            join(retention),
            names(LinkKind::activity_security_measure, EntityKind::security_measure),
            join(sources),
            provision,
            join(automated),
            text(f.at("systems")),
            text(f.at("data_location")),
            text(f.at("data_subject_rights")),
            text(f.at("external_reference")),
            text(f.at("department")),
            text(f.at("owner")),
            text(f.at("officials")),
            text(f.at("status")).empty() ? "draft" : text(f.at("status")),
            text(f.at("approved_by")),
            text(f.at("approved_at")),
            text(f.at("approval_reason")),
            text(f.at("next_review_date")),
            text(f.at("start_date")),
            text(f.at("end_date")),
            text(f.at("dpia_required")),
            text(f.at("dpia_status")),
            text(f.at("dpia_link")),
            text(f.at("replaced_by_activity")),
            text(f.at("notes"))};
}

std::vector<std::pair<std::string, std::string>> activity_items(const std::vector<std::string>& row) {
    const auto columns = activity_columns();
    const auto at = [&](const char* label) {
        return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), label) - columns.begin());
    };
    const bool processor = row[at("Role (Art. 30(1) controller / 30(2) processor)")] == "processor";
    std::vector<std::pair<std::string, std::string>> items;
    for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i) {
        std::string label = columns[i];
        const bool art30 = label.find("Art. 30") != std::string::npos || i < 2;
        if (processor) {
            if (label == "Description")
                label = "Categories of processing carried out on behalf of the controller (Art. 30(2)(b))";
            else if (label == "Transfers to third countries (Art. 30(1)(e))")
                label = "Transfers to third countries (Art. 30(2)(c))";
            else if (label == "Security measures (Art. 30(1)(g))")
                label = "Security measures (Art. 30(2)(d))";
            else if (row[i].empty() && label.find("Art. 30(1)") != std::string::npos)
                continue;  // an item of the controller's record, not of this one
        }
        if (row[i].empty() && !art30 && label != "Status")
            continue;
        items.emplace_back(std::move(label), row[i]);
    }
    return items;
}

std::vector<std::pair<std::string, std::string>> version_stamp(const RecordView& view, const TextPicker& text) {
    const bool unofficial = view.texts.shown_unofficial;
    std::vector<std::pair<std::string, std::string>> stamp;
    stamp.emplace_back("Controller", view.controller ? text.name_of(*view.controller) : "(not recorded)");
    if (view.version) {
        std::string version = "change " + std::to_string(view.version->id);
        for (const auto& tag : view.version->tags)
            version += ", tag " + tag;
        stamp.emplace_back("Version", version);
        stamp.emplace_back("Recorded at", view.version->recorded_at);
        stamp.emplace_back("Chain hash", view.version->hash);
        if (view.changes_since)
            stamp.emplace_back("Changes since", view.since + " (change " +
                                                    std::to_string(view.changes_since->from_change) + ")");
    } else {
        stamp.emplace_back("Version", "(no history)");
    }
    // Always there, so that a CSV has the same columns whichever activities it holds.
    stamp.emplace_back("Activities", view.approved_only ? "approved (active) activities only; drafts, activities in "
                                                          "review and retired ones are left out"
                                                        : "all, each with its status");
    stamp.emplace_back("Language", text.lang.empty() ? "each text in its source language" : text.lang);
    stamp.emplace_back("Translations", unofficial ? "some texts are unofficial translations; the source text is "
                                                    "authoritative"
                                                  : "no unofficial translations shown");
    return stamp;
}

} // namespace ropa::detail

// The entity and link descriptions: the one place that says which fields each record has.
// Field names are the storage column names (text fields store in <name>_text_id, references
// in <name>_id), which keeps the mapping mechanical.

#include "ropa/entity.hpp"

#include "domain/text_rules.hpp"
#include "ropa/error.hpp"

namespace ropa {

namespace {

using detail::max_description_bytes;
using detail::max_name_bytes;
using detail::max_short_field_bytes;

FieldInfo field(std::string name, FieldType type, std::string label, bool required = false) {
    FieldInfo f;
    f.name = std::move(name);
    f.type = type;
    f.label = std::move(label);
    f.required = required;
    return f;
}
FieldInfo text(std::string name, std::string label, bool required = false, std::size_t max = max_name_bytes) {
    auto f = field(std::move(name), FieldType::text, std::move(label), required);
    f.max_bytes = max;
    return f;
}
FieldInfo string(std::string name, std::string label, bool required = false,
                 std::size_t max = max_short_field_bytes) {
    auto f = field(std::move(name), FieldType::string, std::move(label), required);
    f.max_bytes = max;
    return f;
}
FieldInfo boolean(std::string name, std::string label) {
    return field(std::move(name), FieldType::boolean, std::move(label));
}
FieldInfo integer(std::string name, std::string label) {
    return field(std::move(name), FieldType::integer, std::move(label));
}
FieldInfo email(std::string name, std::string label) {
    auto f = field(std::move(name), FieldType::email, std::move(label));
    f.max_bytes = max_short_field_bytes;
    return f;
}
FieldInfo date(std::string name, std::string label) { return field(std::move(name), FieldType::date, std::move(label)); }
FieldInfo choice(std::string name, std::string label, std::vector<std::string> choices, bool required = false) {
    auto f = field(std::move(name), FieldType::choice, std::move(label), required);
    f.choices = std::move(choices);
    return f;
}
FieldInfo country(std::string name, std::string label, bool required = false, bool allow_eu = false) {
    auto f = field(std::move(name), FieldType::country, std::move(label), required);
    f.allow_eu = allow_eu;
    return f;
}
FieldInfo third_country(std::string name, std::string label) {
    auto f = country(std::move(name), std::move(label));
    f.outside_eea = true;
    return f;
}
FieldInfo reference(std::string name, EntityKind target, std::string label, bool required = false) {
    auto f = field(std::move(name), FieldType::reference, std::move(label), required);
    f.references = target;
    return f;
}
FieldInfo references(std::string name, EntityKind target, std::string label) {
    auto f = field(std::move(name), FieldType::references, std::move(label));
    f.references = target;
    return f;
}

std::vector<EntityInfo> make_entities() {
    using K = EntityKind;
    return {
        {K::controller, "controller", "Controller (Art. 30(1)(a))", false,
         {text("name", "Name of the controller (Art. 30(1)(a))", true), string("address", "Address (Art. 30(1)(a))"),
          email("email", "E-mail (Art. 30(1)(a))"), string("phone", "Telephone (Art. 30(1)(a))"),
          string("website", "Website"), string("registration_number", "Company or registration number"),
          boolean("is_public_authority", "Public authority or body (Art. 6(1) last sentence, Art. 37(1)(a))"),
          string("representative_name", "Representative (Art. 27, Art. 30(1)(a))"),
          string("representative_contact", "Representative's contact details (Art. 30(1)(a))"),
          string("dpo_name", "Data protection officer (Art. 30(1)(a))"), email("dpo_email", "DPO e-mail (Art. 30(1)(a))"),
          string("dpo_phone", "DPO telephone (Art. 30(1)(a))"), string("dpo_address", "DPO address (Art. 30(1)(a))")}},
        {K::party, "party", "Other controller: joint controller or controller we process for (Art. 30(1)(a), 30(2)(a))",
         true,
         {string("name", "Name", true, max_name_bytes), string("address", "Address"), string("contact", "Contact details"),
          country("country", "Country"), string("representative", "Representative (Art. 30(2)(a))"),
          string("dpo_contact", "DPO contact details (Art. 30(2)(a))")}},
        {K::processor, "processor", "Processor and its Art. 28 contract", true,
         {string("name", "Name", true, max_name_bytes), string("address", "Address"), string("contact", "Contact details"),
          country("country", "Country"), string("dpo_contact", "DPO contact details"),
          string("contract_reference", "Contract reference (Art. 28(3))"), date("contract_date", "Contract date"),
          string("contract_link", "Link to the contract")}},
        {K::legal_basis, "basis", "Legal basis (Art. 6(1), 9(2), 10)", true,
         {string("article", "Article", true), choice("kind", "Kind", {"lawfulness", "special_category", "criminal_data"}, true),
          text("name", "Name", true),
          boolean("to_be_determined", "Placeholder: basis still to be determined")}},
        {K::transfer_tool, "tool", "Transfer tool (Art. 45-49)", true,
         {string("article", "Article", true), boolean("requires_safeguards_documentation",
                                                      "Needs documented safeguards (Art. 49(1) second subparagraph)"),
          text("name", "Name", true)}},
        {K::legal_source, "source", "Legal source: Union or Member State law (Art. 6(3))", true,
         {text("title", "Title of the act", true), string("reference", "Reference (date, number)"),
          string("article", "Article"), country("jurisdiction", "Jurisdiction (EU or a country)", true, true),
          string("url", "Link to the text")}},
        {K::purpose_group, "group", "Group of purposes", true,
         {text("name", "Label"), string("provenance", "Where it comes from", false, max_description_bytes)}},
        {K::purpose, "purpose", "Purpose (Art. 30(1)(b))", true,
         {text("name", "Purpose (Art. 30(1)(b))", true), text("description", "Description", false, max_description_bytes),
          reference("group", K::purpose_group, "Group"), integer("display_order", "Position in the source document"),
          string("provenance", "Where it comes from", false, max_description_bytes)}},
        {K::data_category, "category", "Category of personal data (Art. 30(1)(c))", true,
         {text("name", "Category of personal data (Art. 30(1)(c))", true),
          text("description", "Description", false, max_description_bytes),
          boolean("is_special", "Special category of data (Art. 9(1))"),
          boolean("is_criminal", "Criminal convictions and offences (Art. 10)"),
          integer("display_order", "Position in the source document")}},
        {K::data_subject, "subject", "Category of data subjects (Art. 30(1)(c))", true,
         {text("name", "Category of data subjects (Art. 30(1)(c))", true),
          text("description", "Description", false, max_description_bytes)}},
        {K::recipient, "recipient", "Category of recipients (Art. 30(1)(d))", true,
         {text("name", "Category of recipients (Art. 30(1)(d))", true),
          choice("kind", "Kind", {"internal", "external", "processor", "public_authority"}, true),
          choice("location", "Location (Art. 30(1)(d): third countries, international organisations)",
                 {"eea", "third_country", "international_organisation"}),
          reference("processor", K::processor, "The processor, when the recipient is one"),
          text("description", "Description: who they are, what they receive", false, max_description_bytes)}},
        {K::transfer, "transfer", "Transfer to a third country or international organisation (Art. 30(1)(e))", true,
         {reference("recipient", K::recipient, "Recipient"), third_country("country", "Third country (Art. 30(1)(e))"),
          string("international_organisation", "International organisation (Art. 30(1)(e))"),
          reference("transfer_tool", K::transfer_tool, "Transfer tool (Art. 45-49)"),
          string("safeguards_documentation", "Documentation of suitable safeguards (Art. 30(1)(e), Art. 49(1))", false,
                 max_description_bytes)}},
        {K::measure_type, "measure-type", "Type of security measure (Art. 32(1))", true,
         {string("article", "Article"), text("name", "Name", true)}},
        {K::security_measure, "measure", "Technical or organisational security measure (Art. 30(1)(g))", true,
         {reference("type", K::measure_type, "Type (Art. 32(1))", true),
          text("name", "Security measure (Art. 30(1)(g))", true),
          text("description", "Description", false, max_description_bytes)}},
        {K::retention, "retention", "Time limit for erasure (Art. 30(1)(f))", false,
         {reference("activity", K::activity, "Processing activity", true),
          reference("data_category", K::data_category, "Data category (empty: all of the activity's data)"),
          integer("duration_value", "Duration (Art. 30(1)(f))"),
          choice("duration_unit", "Unit of the duration", {"day", "month", "year"}),
          text("trigger", "Event the duration counts from"),
          text("criteria", "Criteria, where no duration can be given", false, max_description_bytes),
          text("justification", "Justification", false, max_description_bytes),
          reference("data_subject", K::data_subject, "Category of data subjects (empty: all of the activity's)")}},
        {K::activity, "activity", "Processing activity (Art. 30(1), or 30(2) when done as processor)", true,
         {text("name", "Name of the processing activity", true),
          text("description", "Description (Art. 30(2)(b) for processing done as processor)", false,
               max_description_bytes),
          string("department", "Owning department"), string("owner", "Process owner"),
          choice("status", "Status (active: approved)", {"draft", "in_review", "active", "retired"}),
          date("start_date", "Start date"),
          date("end_date", "End date"), boolean("dpia_required", "DPIA required (Art. 35)"),
          choice("dpia_status", "DPIA status", {"not_started", "in_progress", "done"}),
          string("dpia_link", "Link to the DPIA"),
          choice("role", "Role: controller (Art. 30(1)) or processor (Art. 30(2))", {"controller", "processor"}),
          reference("on_behalf_of_party", K::party, "Controller on whose behalf (Art. 30(2)(a))"),
          reference("replaced_by_activity", K::activity, "Replaced by"),
          string("approved_by", "Approved by (set when it becomes active)"),
          string("approved_at", "Approved at (UTC)"),
          string("approval_reason", "Why it was approved", false, max_description_bytes),
          date("next_review_date", "Next review (set on approval: the review interval on, see ropa settings)"),
          text("data_source", "Source of the data, where not collected from the data subjects (Art. 14(2)(f))", false,
               max_description_bytes),
          choice("provision_requirement", "Whether the data subjects must provide the data (Art. 13(2)(e))",
                 {"statutory", "contractual", "contract_requirement", "voluntary", "mixed"}),
          boolean("automated_decision",
                  "Automated decision-making with legal or similarly significant effects (Art. 22)"),
          boolean("profiling", "Profiling (Art. 4(4))"),
          text("automated_decision_logic",
               "The logic involved, its significance and envisaged consequences (Art. 13(2)(f), 14(2)(g))", false,
               max_description_bytes),
          string("systems", "Software or systems used", false, max_description_bytes),
          string("data_location", "Where the data are kept (countries, hosting)", false, max_description_bytes),
          text("data_subject_rights", "Rights available to the data subjects, and how they exercise them", false,
               max_description_bytes),
          string("external_reference", "The matching entry in another controller's register"),
          boolean("no_recipients", "Confirmed: the data are disclosed to no recipient (Art. 30(1)(d))"),
          string("officials", "Officials mandated for it, beside its owner", false, max_description_bytes),
          text("notes", "Notes", false, max_description_bytes)}},
    };
}

std::vector<LinkInfo> make_links() {
    using K = EntityKind;
    using L = LinkKind;
    return {
        // An allowed link's provenance says where the permission was read (a seed's source
        // document, a cell of its table): the reviewer's way back to the source.
        {L::purpose_data_category, "purpose-category", K::purpose, K::data_category,
         "Allowed: the purpose may use this category of data",
         {text("note", "Note", false, max_description_bytes),
          string("provenance", "Where it comes from", false, max_description_bytes)}},
        {L::purpose_legal_basis, "purpose-basis", K::purpose, K::legal_basis,
         "Allowed: the purpose may rely on this legal basis",
         {references("legal_sources", K::legal_source, "Legal sources (Art. 6(3), 9(2), 10)"),
          string("provenance", "Where it comes from", false, max_description_bytes)}},
        {L::purpose_legal_source, "purpose-source", K::purpose, K::legal_source,
         "Legal source named in the purpose's text",
         {string("provenance", "Where it comes from", false, max_description_bytes)}},
        {L::activity_purpose, "activity-purpose", K::activity, K::purpose, "Purpose (Art. 30(1)(b))", {}},
        {L::activity_legal_basis, "activity-basis", K::activity, K::legal_basis, "Legal basis (Art. 6, 9, 10)",
         {references("legal_sources", K::legal_source, "Legal sources (Art. 6(3), 9(2), 10)"),
          string("legitimate_interest", "The legitimate interest pursued (Art. 6(1)(f), 13(1)(d))", false,
                 max_description_bytes),
          string("assessment_reference", "Reference of the legitimate interests assessment")}},
        {L::activity_data_category, "activity-category", K::activity, K::data_category,
         "Category of personal data (Art. 30(1)(c))",
         {string("source", "Where this data comes from (Art. 14(2)(f))", false, max_description_bytes),
          references("data_subjects", K::data_subject, "Data subjects it is about")}},
        {L::activity_data_subject, "activity-subject", K::activity, K::data_subject,
         "Category of data subjects (Art. 30(1)(c))", {}},
        {L::activity_recipient, "activity-recipient", K::activity, K::recipient, "Recipients (Art. 30(1)(d))", {}},
        {L::activity_transfer, "activity-transfer", K::activity, K::transfer, "Transfers (Art. 30(1)(e))", {}},
        {L::activity_security_measure, "activity-measure", K::activity, K::security_measure,
         "Security measures (Art. 30(1)(g))", {}},
        {L::activity_joint_controller, "activity-joint-controller", K::activity, K::party,
         "Joint controller (Art. 26, Art. 30(1)(a))", {string("responsibilities", "Respective responsibilities")}},
        {L::activity_processor, "activity-processor", K::activity, K::processor, "Processor engaged", {}},
    };
}

} // namespace

const std::vector<EntityInfo>& entities() {
    static const std::vector<EntityInfo> all = make_entities();
    return all;
}

const EntityInfo& entity_info(EntityKind kind) {
    for (const auto& info : entities())
        if (info.kind == kind)
            return info;
    throw Error(Errc::internal, "unknown entity kind");
}

std::string value_text(const FieldValue& value, std::string_view lang) {
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    if (const auto* number = std::get_if<std::int64_t>(&value))
        return std::to_string(*number);
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? "yes" : "no";
    if (const auto* codes = std::get_if<Codes>(&value)) {
        std::string out;
        for (const auto& code : *codes)
            out += (out.empty() ? "" : ", ") + code;
        return out;
    }
    if (const auto* localized = std::get_if<LocalizedText>(&value))
        return std::string(pick_value(*localized, lang));
    return "";
}

std::string value_text_all_languages(const FieldValue& value) {
    if (const auto* localized = std::get_if<LocalizedText>(&value)) {
        std::string out;
        for (const auto& [lang, translation] : *localized)
            out += (out.empty() ? "" : " | ") + lang + ": " + translation.value +
                   (translation.status == TextStatus::source ? ""
                    : translation.status == TextStatus::official ? " (official translation)"
                                                                 : " (unofficial translation)");
        return out;
    }
    return value_text(value);
}

const EntityInfo* find_entity(std::string_view name) {
    for (const auto& info : entities())
        if (info.name == name)
            return &info;
    return nullptr;
}

const std::vector<LinkInfo>& links() {
    static const std::vector<LinkInfo> all = make_links();
    return all;
}

const LinkInfo& link_info(LinkKind kind) {
    for (const auto& info : links())
        if (info.kind == kind)
            return info;
    throw Error(Errc::internal, "unknown link kind");
}

const LinkInfo* find_link(std::string_view name) {
    for (const auto& info : links())
        if (info.name == name)
            return &info;
    return nullptr;
}

} // namespace ropa

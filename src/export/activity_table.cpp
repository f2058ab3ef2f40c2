// The activity register as a table and as one sheet per activity: the columns in Art. 30 order,
// each activity's row, and its sheet's items (record_view.hpp), shared by every tabular format.

#include <algorithm>

#include "export/record_view.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

std::string join_with(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

namespace {

std::string join(const std::vector<std::string>& items) { return one_per_line(items); }

} // namespace

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
            "Notes",
            "Recorded on",
            "Last changed on",
            "Last changed in change",
            "Revision"};
}

std::size_t activity_column(std::string_view heading) {
    static const auto columns = activity_columns();
    const auto it = std::find(columns.begin(), columns.end(), heading);
    if (it == columns.end())
        throw Error(Errc::internal, "template: no column \"" + std::string(heading) + "\" in the activity table");
    return static_cast<std::size_t>(it - columns.begin());
}

std::string approval_mark(const ActivityRecord& activity, const TextPicker& text) {
    const auto* value = std::get_if<std::string>(&activity.activity.fields.at("status"));
    const std::string status = value ? *value : "";
    if (status == "draft" || status.empty())
        return " (" + text.label("draft: not approved") + ")";
    if (status == "in_review")
        return " (" + text.label("in review: not approved") + ")";
    return "";
}

std::vector<std::string> cited_sources(const Link& basis_link) {
    const auto it = basis_link.fields.find("legal_sources");
    const auto* codes = it == basis_link.fields.end() ? nullptr : std::get_if<Codes>(&it->second);
    return codes ? *codes : std::vector<std::string>{};
}

std::vector<std::string> sources_of_basis(const RecordView& view, const ActivityRecord& entry, const Link& basis_link) {
    std::vector<std::string> sources = cited_sources(basis_link);
    if (sources.empty())
        for (const auto& purpose : entry.links_of(LinkKind::activity_purpose))
            for (const auto& allowed : view.links_from(LinkKind::purpose_legal_basis, purpose.to))
                if (allowed.to == basis_link.to)
                    for (const auto& cited : cited_sources(allowed))
                        if (std::find(sources.begin(), sources.end(), cited) == sources.end())
                            sources.push_back(cited);
    return sources;
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
        std::string basis = basis_with_sources(view, text, link.to, sources_of_basis(view, entry, link));
        if (auto it = link.fields.find("legitimate_interest"); it != link.fields.end() && !text(it->second).empty())
            basis += "; " + text.label("legitimate interest") + ": " + text(it->second);
        if (auto it = link.fields.find("assessment_reference"); it != link.fields.end() && !text(it->second).empty())
            basis += " (" + text.label("assessment") + ": " + text(it->second) + ")";
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
        bases.push_back(text.label("no Art. 9(2) condition recorded"));
    if (criminal && !has_basis_of_kind("criminal_data"))
        bases.push_back(text.label("no Art. 10 basis recorded"));
    std::vector<std::string> transfers;
    for (const auto& link : entry.links_of(LinkKind::activity_transfer))
        if (const Record* transfer = view.find(EntityKind::transfer, link.to)) {
            std::string shown = country_shown(text(transfer->fields.at("country")), text);
            if (shown.empty())
                shown = text(transfer->fields.at("international_organisation"));
            if (const auto tool = text(transfer->fields.at("transfer_tool")); !tool.empty()) {
                const Record* t = view.find(EntityKind::transfer_tool, tool);
                shown += ", " + (t ? text(t->fields.at("article")) : tool);
            }
            if (const auto safeguards = text(transfer->fields.at("safeguards_documentation")); !safeguards.empty())
                shown += ", " + text.label("safeguards") + ": " + safeguards;
            // to whom: the auditor should not have to cross-read the recipients
            if (const auto recipient = text(transfer->fields.at("recipient")); !recipient.empty()) {
                const Record* r = view.find(EntityKind::recipient, recipient);
                shown += ", " + text.label("to the recipient") + " " + (r ? text.name_of(*r) : recipient);
            }
            transfers.push_back(shown);
        }
    std::vector<std::string> joint;
    for (const auto& link : entry.links_of(LinkKind::activity_joint_controller)) {
        std::string shown = party_shown(view, text, link.to);
        if (auto r = link.fields.find("responsibilities"); r != link.fields.end() && !text(r->second).empty())
            shown += ", " + text.label("responsible for") + ": " + text(r->second);
        joint.push_back(shown);
    }
    std::vector<std::string> retention;
    for (const auto& row : entry.retention) {
        const auto category = text(row.fields.at("data_category"));
        const Record* c = category.empty() ? nullptr : view.find(EntityKind::data_category, category);
        const auto group = text(row.fields.at("data_subject"));
        const Record* g = group.empty() ? nullptr : view.find(EntityKind::data_subject, group);
        retention.push_back((category.empty() ? text.label("all data") : (c ? text.name_of(*c) : category)) +
                            (group.empty() ? "" : " " + text.label("of") + " " + (g ? text.name_of(*g) : group)) + ": " +
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
        recipients.push_back(recipients.empty() ? text.label("none: the data are disclosed to no recipient (confirmed)")
                                                : text.label("also confirmed as disclosed to no recipient (contradiction)"));
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
            shown += " (" + text.label("of") + " " + join_with(about, ", ") + ")";
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
        automated.push_back(text.label("automated decisions (Art. 22)") + ": " + text.label(*decision ? "yes" : "no"));
    if (const auto profiling = flag("profiling"))
        automated.push_back(text.label("profiling") + ": " + text.label(*profiling ? "yes" : "no"));
    if (const auto logic = text(f.at("automated_decision_logic")); !logic.empty())
        automated.push_back(text.label("logic and consequences") + ": " + logic);
    // Art. 13(2)(e) in its own words: a statutory or contractual requirement, or a requirement
    // necessary to enter into a contract, or none (voluntary)
    std::string provision = text(f.at("provision_requirement"));
    if (provision == "statutory")
        provision = text.label("statutory requirement");
    else if (provision == "contractual")
        provision = text.label("contractual requirement");
    else if (provision == "contract_requirement")
        provision = text.label("requirement necessary to enter into a contract");
    else if (provision == "voluntary")
        provision = text.label("voluntary: no obligation to provide the data");
    else if (provision == "mixed")
        provision = text.label("partly required, partly voluntary");
    for (const auto& link : entry.links_of(LinkKind::activity_processor))
        processors.push_back(processor_shown(view, text, link.to));
    const RecordDates* dates = view.dates_of(activity.id);
    return {code,
            text(f.at("name")),
            text(f.at("description")),
            text.label(text(f.at("role")).empty() ? "controller" : text(f.at("role"))),
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
            text.label(text(f.at("status")).empty() ? "draft" : text(f.at("status"))),
            text(f.at("approved_by")),
            text(f.at("approved_at")),
            text(f.at("approval_reason")),
            text(f.at("next_review_date")),
            text(f.at("start_date")),
            text(f.at("end_date")),
            text(f.at("dpia_required")),
            text(f.at("dpia_status")).empty() ? std::string() : text.label(text(f.at("dpia_status"))),
            text(f.at("dpia_link")),
            text(f.at("replaced_by_activity")),
            text(f.at("notes")),
            dates ? dates->created_on : std::string(),
            dates ? dates->changed_on : std::string(),
            dates ? std::to_string(dates->changed_in) : std::string(),
            std::to_string(activity.revision)};
}

std::vector<std::pair<std::string, std::string>> activity_items(const std::vector<std::string>& row,
                                                                const TextPicker& text) {
    const auto columns = activity_columns();
    const auto at = [&](const char* label) {
        return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), label) - columns.begin());
    };
    const bool processor = row[at("Role (Art. 30(1) controller / 30(2) processor)")] == text.label("processor");
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
        if (label == "Recorded on")
            break;  // the record's history, one item below
        if (row[i].empty() && !art30 && label != "Status")
            continue;
        items.emplace_back(std::move(label), row[i]);
    }
    // Its history in one line: when the entry was made and last changed (the CNIL's model asks
    // for both), the change to look up in the log, and the record's revision.
    if (const auto recorded = at("Recorded on"); recorded + 3 < row.size() && !row[recorded].empty())
        items.emplace_back("History of this entry",
                           text.label("recorded on") + " " + row[recorded] + ", " + text.label("last changed on") + " " +
                               row[recorded + 1] + " (" + text.label("change") + " " + row[recorded + 2] + "), " +
                               text.label("revision") + " " + row[recorded + 3]);
    return items;
}

} // namespace ropa::detail

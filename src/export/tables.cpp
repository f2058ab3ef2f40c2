// Tables shared by the tabular formats: the matrix, the legal catalogue, the controller.

#include "export/formats.hpp"

#include <functional>

namespace ropa::detail {

std::vector<std::string> matrix_columns(const RecordView& view, const TextPicker& text) {
    std::vector<std::string> columns{text.label("Code"), text.label("Purpose (Art. 30(1)(b))"), text.label("Group"),
                                     text.label("Allowed legal bases")};
    for (const auto& category : view.matrix.columns)
        columns.push_back(text.name_of(Record{EntityKind::data_category, category.id, category.code, 1,
                                              {{"name", category.name}}}));
    columns.push_back(text.label("Notes"));
    return columns;
}

std::vector<std::vector<std::string>> matrix_rows(const RecordView& view, const TextPicker& text) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : view.matrix.rows) {
        std::string group;
        if (row.purpose.group_code) {
            const Record* g = view.find(EntityKind::purpose_group, *row.purpose.group_code);
            group = g ? text.name_of(*g) : *row.purpose.group_code;
        }
        std::vector<std::string> bases;
        for (const auto& link : view.links_from(LinkKind::purpose_legal_basis, row.purpose.code))
            bases.push_back(basis_with_sources(view, text, link.to, cited_sources(link)));
        std::vector<std::string> cells{row.purpose.code, text(FieldValue(row.purpose.name)), group,
                                       one_per_line(bases)};
        std::vector<std::string> notes;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            cells.push_back(row.cells[c] ? "\u2713" : "");
            if (row.cells[c] && !row.cells[c]->note.empty())
                notes.push_back("[" + std::to_string(c + 1) + "] " + text(FieldValue(row.cells[c]->note)));
        }
        cells.push_back(one_per_line(notes));
        rows.push_back(std::move(cells));
    }
    return rows;
}

std::vector<std::string> changes_columns() { return {"Change", "Entity", "Record", "Field", "Before", "After"}; }

std::vector<std::vector<std::string>> changes_rows(const RecordView& view, const TextPicker& text) {
    std::vector<std::vector<std::string>> rows;
    if (!view.changes_since)
        return rows;
    for (const auto& record : view.changes_since->records) {
        const auto kind = text.label(record.kind == RecordDiff::Kind::added     ? "added"
                                     : record.kind == RecordDiff::Kind::removed ? "removed"
                                                                                : "changed");
        if (record.fields.empty())
            rows.push_back({kind, record.entity, record.code, "", "", ""});
        for (const auto& field : record.fields)
            rows.push_back({kind, record.entity, record.code, field.name, field.before, field.after});
    }
    return rows;
}

std::vector<std::vector<std::string>> catalogue_rows(const RecordView& view, const TextPicker& text) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& basis : view.of(EntityKind::legal_basis)) {
        // The placeholders are not law: an activity relying on one shows it where it is used.
        if (const auto* placeholder = std::get_if<bool>(&basis.fields.at("to_be_determined")); placeholder && *placeholder)
            continue;
        rows.push_back({text.label("legal basis"), *basis.code, text(basis.fields.at("article")), text.name_of(basis)});
    }
    for (const auto& tool : view.of(EntityKind::transfer_tool))
        rows.push_back({text.label("transfer tool"), *tool.code, text(tool.fields.at("article")), text.name_of(tool)});
    for (const auto& source : view.of(EntityKind::legal_source)) {
        std::string reference = text(source.fields.at("reference"));
        if (const auto article = text(source.fields.at("article")); !article.empty())
            reference += (reference.empty() ? "" : ", ") + article;
        rows.push_back({text.label("legal source") + " (" + text(source.fields.at("jurisdiction")) + ")", *source.code, reference,
                        text.name_of(source)});
    }
    return rows;
}

std::vector<std::pair<std::string, std::string>> controller_rows(const RecordView& view, const TextPicker& text) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& field : entity_info(EntityKind::controller).fields)
        rows.emplace_back(field.label, view.controller ? text(view.controller->fields.at(field.name)) : "");
    return rows;
}

std::vector<std::string> check_columns() { return {"Record", "Severity", "Article", "Finding", "Code"}; }

std::vector<std::pair<std::string, std::string>> check_table(const RecordView& view, const TextPicker& text,
                                                             const std::function<void(const std::vector<std::string>&)>& row) {
    // One record at a time, nothing held but the totals: the items a record lacks, then its
    // findings (a warning the DPO accepted with who accepted it, when and why).
    std::size_t errors = 0, warnings = 0, accepted = 0;
    CheckVisit visit;
    visit.date = view.checked_on;
    visit.approved_only = view.approved_only;
    visit.incomplete = [&](const MissingItems& m) {
        if (!m.missing.empty())
            row({m.subject, text.label("incomplete"), "Art. 30",
                 std::to_string(m.present) + " " + text.label("of|count") + " " + std::to_string(m.items) + " " +
                     text.label("items recorded; missing:") + " " + join_with(m.missing, "; "),
                 ""});
        if (!m.missing_required.empty())
            row({m.subject, text.label("incomplete"), text.label("required by this register"),
                 std::to_string(m.required_present) + " " + text.label("of|count") + " " + std::to_string(m.required) +
                     " " + text.label(m.required == 1 ? "field recorded; missing:" : "fields recorded; missing:") + " " +
                     join_with(m.missing_required, "; "),
                 ""});
    };
    visit.finding = [&](const Finding& f) {
        std::string finding = f.message;
        if (f.acknowledgement)
            finding += " (" + text.label("accepted by") + " " + f.acknowledgement->acknowledged_by + " " + text.label("on") +
                       " " + f.acknowledgement->acknowledged_at.substr(0, 10) + ": " + f.acknowledgement->reason + ")";
        errors += f.severity == Severity::error;
        warnings += f.severity == Severity::warning && !f.acknowledgement;
        accepted += f.acknowledgement.has_value();
        row({f.subject,
             text.label(f.severity == Severity::error ? "error" : f.acknowledgement ? "accepted" : "warning"),
             f.article, finding, f.code});
    };
    const auto report = view.source->check_each(visit);
    const auto& c = report.completeness;
    std::vector<std::pair<std::string, std::string>> summary;
    summary.emplace_back("Checked", text.label("this version, as on") + " " +
                                        (view.checked_on.empty() ? text.label("the day of export") : view.checked_on) +
                                        (view.approved_only ? ", " + text.label("its approved activities") : "") +
                                        " (ropa check)");
    summary.emplace_back("Completeness", std::to_string(c.present) + " " + text.label("of|count") + " " +
                                             std::to_string(c.items) + " " + text.label("Art. 30 items recorded") + " (" +
                                             std::to_string(c.percent()) + "%); " +
                                             std::to_string(c.complete_activities) + " " + text.label("of|count") + " " +
                                             std::to_string(report.activities_checked) + " " +
                                             text.label("activities complete"));
    // the fields the DPO requires beyond Art. 30, where the register requires some (a register
    // that requires none exports the bytes it did before they could be required)
    if (c.required > 0)
        summary.emplace_back("Required by this register",
                             std::to_string(c.required_present) + " " + text.label("of|count") + " " +
                                 std::to_string(c.required) + " " +
                                 text.label(c.required == 1 ? "field recorded" : "fields recorded") + " (" +
                                 std::to_string(c.required_percent()) + "%): " +
                                 join_with(view.settings.required_fields, ", "));
    summary.emplace_back("Findings", std::to_string(errors) + " " + text.label(errors == 1 ? "error" : "errors") + ", " +
                                         std::to_string(warnings) + " " +
                                         text.label(warnings == 1 ? "open warning" : "open warnings") + ", " +
                                         std::to_string(accepted) + " " + text.label("accepted by the DPO"));
    return summary;
}

} // namespace ropa::detail

// Tables shared by the tabular formats: the matrix, the legal catalogue, the controller.

#include "export/formats.hpp"

namespace ropa::detail {

std::vector<std::string> matrix_columns(const RecordView& view, const TextPicker& text) {
    std::vector<std::string> columns{"Code", "Purpose (Art. 30(1)(b))", "Group", "Allowed legal bases"};
    for (const auto& category : view.matrix.columns)
        columns.push_back(text.name_of(Record{EntityKind::data_category, category.id, category.code, 1,
                                              {{"name", category.name}}}));
    columns.push_back("Notes");
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
        std::string bases;
        for (const auto& link : view.links_from(LinkKind::purpose_legal_basis, row.purpose.code)) {
            const auto sources = cited_sources(link);
            bases += (bases.empty() ? "" : "; ") + basis_with_sources(view, text, link.to, sources);
        }
        std::vector<std::string> cells{row.purpose.code, text(FieldValue(row.purpose.name)), group, bases};
        std::string notes;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            cells.push_back(row.cells[c] ? "\u2713" : "");
            if (row.cells[c] && !row.cells[c]->note.empty())
                notes += (notes.empty() ? "" : "; ") + std::string("[") + std::to_string(c + 1) + "] " +
                         text(FieldValue(row.cells[c]->note));
        }
        cells.push_back(notes);
        rows.push_back(std::move(cells));
    }
    return rows;
}

std::vector<std::string> changes_columns() { return {"Change", "Entity", "Record", "Field", "Before", "After"}; }

std::vector<std::vector<std::string>> changes_rows(const RecordView& view) {
    std::vector<std::vector<std::string>> rows;
    if (!view.changes_since)
        return rows;
    for (const auto& record : view.changes_since->records) {
        const char* kind = record.kind == RecordDiff::Kind::added     ? "added"
                           : record.kind == RecordDiff::Kind::removed ? "removed"
                                                                      : "changed";
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
        rows.push_back({"legal basis", *basis.code, text(basis.fields.at("article")), text.name_of(basis)});
    }
    for (const auto& tool : view.of(EntityKind::transfer_tool))
        rows.push_back({"transfer tool", *tool.code, text(tool.fields.at("article")), text.name_of(tool)});
    for (const auto& source : view.of(EntityKind::legal_source)) {
        std::string reference = text(source.fields.at("reference"));
        if (const auto article = text(source.fields.at("article")); !article.empty())
            reference += (reference.empty() ? "" : ", ") + article;
        rows.push_back({"legal source (" + text(source.fields.at("jurisdiction")) + ")", *source.code, reference,
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

} // namespace ropa::detail

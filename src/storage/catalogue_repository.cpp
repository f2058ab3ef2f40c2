#include "storage/catalogue_repository.hpp"

#include "storage/record_store.hpp"

#include <SQLiteCpp/Statement.h>

#include "storage/text_store.hpp"

namespace ropa::detail {

namespace {

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

std::optional<int> optional_int(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getInt();
}

LegalBasisKind legal_basis_kind_from(const std::string& stored) {
    if (stored == "special_category")
        return LegalBasisKind::special_category;
    if (stored == "criminal_data")
        return LegalBasisKind::criminal_data;
    return LegalBasisKind::lawfulness;
}

} // namespace

std::optional<Controller> read_controller(const Database& db) {
    const auto texts = load_texts(db, "SELECT name_text_id FROM controller");
    PreparedStatement query(db,
        "SELECT name_text_id, address, email, phone, website, registration_number, is_public_authority,"
        " representative_name, representative_contact, dpo_name, dpo_email, dpo_phone, dpo_address, revision"
        " FROM controller WHERE id = 1");
    if (!query.executeStep())
        return std::nullopt;
    Controller c;
    c.name = text_or_empty(texts, query.getColumn(0));
    c.address = optional_text(query.getColumn(1));
    c.email = optional_text(query.getColumn(2));
    c.phone = optional_text(query.getColumn(3));
    c.website = optional_text(query.getColumn(4));
    c.registration_number = optional_text(query.getColumn(5));
    c.is_public_authority = query.getColumn(6).getInt() != 0;
    c.representative_name = optional_text(query.getColumn(7));
    c.representative_contact = optional_text(query.getColumn(8));
    c.dpo_name = optional_text(query.getColumn(9));
    c.dpo_email = optional_text(query.getColumn(10));
    c.dpo_phone = optional_text(query.getColumn(11));
    c.dpo_address = optional_text(query.getColumn(12));
    c.revision = query.getColumn(13).getInt64();
    return c;
}

std::vector<LegalBasis> read_legal_bases(const Database& db) {
    const auto texts = load_texts(db, "SELECT name_text_id FROM legal_basis");
    PreparedStatement query(db,
        "SELECT id, code, article, kind, name_text_id, to_be_determined FROM legal_basis ORDER BY id");
    std::vector<LegalBasis> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          query.getColumn(2).getString(), legal_basis_kind_from(query.getColumn(3).getString()),
                          text_or_empty(texts, query.getColumn(4)), query.getColumn(5).getInt() != 0});
    return result;
}

std::vector<TransferTool> read_transfer_tools(const Database& db) {
    const auto texts = load_texts(db, "SELECT name_text_id FROM transfer_tool");
    PreparedStatement query(db,
        "SELECT id, code, article, requires_safeguards_documentation, name_text_id FROM transfer_tool ORDER BY id");
    std::vector<TransferTool> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          query.getColumn(2).getString(), query.getColumn(3).getInt() != 0,
                          text_or_empty(texts, query.getColumn(4))});
    return result;
}

std::vector<LegalSource> read_legal_sources(const Database& db) {
    const auto texts = load_texts(db, "SELECT title_text_id FROM legal_source");
    PreparedStatement query(db,
        "SELECT id, code, title_text_id, reference, article, url, jurisdiction FROM legal_source ORDER BY code");
    std::vector<LegalSource> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          text_or_empty(texts, query.getColumn(2)), optional_text(query.getColumn(3)),
                          optional_text(query.getColumn(4)), optional_text(query.getColumn(5)),
                          query.getColumn(6).getString()});
    return result;
}

std::vector<PurposeGroup> read_purpose_groups(const Database& db) {
    const auto texts = load_texts(db, "SELECT name_text_id FROM purpose_group");
    PreparedStatement query(db, "SELECT id, code, name_text_id, provenance FROM purpose_group ORDER BY code");
    std::vector<PurposeGroup> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          text_or_empty(texts, query.getColumn(2)), optional_text(query.getColumn(3))});
    return result;
}

std::vector<Purpose> read_purposes(const Database& db) {
    const auto texts =
        load_texts(db, "SELECT name_text_id FROM purpose UNION ALL SELECT description_text_id FROM purpose");
    PreparedStatement query(db,
        "SELECT p.id, p.code, p.name_text_id, p.description_text_id, g.code, p.display_order, p.provenance,"
        " p.revision FROM purpose p LEFT JOIN purpose_group g ON g.id = p.group_id"
        " ORDER BY p.display_order IS NULL, p.display_order, p.code");
    std::vector<Purpose> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          text_or_empty(texts, query.getColumn(2)), text_or_empty(texts, query.getColumn(3)),
                          optional_text(query.getColumn(4)), optional_int(query.getColumn(5)),
                          optional_text(query.getColumn(6)), query.getColumn(7).getInt64()});
    return result;
}

std::vector<DataCategory> read_data_categories(const Database& db) {
    const auto texts = load_texts(
        db, "SELECT name_text_id FROM data_category UNION ALL SELECT description_text_id FROM data_category");
    PreparedStatement query(db,
        "SELECT id, code, name_text_id, description_text_id, is_special, is_criminal, display_order, revision"
        " FROM data_category ORDER BY display_order IS NULL, display_order, code");
    std::vector<DataCategory> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          text_or_empty(texts, query.getColumn(2)), text_or_empty(texts, query.getColumn(3)),
                          query.getColumn(4).getInt() != 0, query.getColumn(5).getInt() != 0,
                          optional_int(query.getColumn(6)), query.getColumn(7).getInt64()});
    return result;
}

std::vector<PurposeCategoryLink> read_purpose_category_links(const Database& db) {
    const auto texts = load_texts(db, "SELECT note_text_id FROM purpose_data_category");
    PreparedStatement query(db,
        "SELECT p.code, c.code, l.note_text_id, l.provenance FROM purpose_data_category l"
        " JOIN purpose p ON p.id = l.purpose_id JOIN data_category c ON c.id = l.data_category_id"
        " ORDER BY p.code, c.code");
    std::vector<PurposeCategoryLink> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          text_or_empty(texts, query.getColumn(2)), optional_text(query.getColumn(3))});
    return result;
}

std::vector<PurposeBasisLink> read_purpose_basis_links(const Database& db) {
    PreparedStatement query(db,
        "SELECT p.code, b.code, s.code, l.provenance FROM purpose_legal_basis l"
        " JOIN purpose p ON p.id = l.purpose_id JOIN legal_basis b ON b.id = l.legal_basis_id"
        " LEFT JOIN purpose_legal_basis_legal_source x ON x.purpose_id = l.purpose_id AND x.legal_basis_id = "
        "l.legal_basis_id LEFT JOIN legal_source s ON s.id = x.legal_source_id ORDER BY p.code, b.code, s.code");
    std::vector<PurposeBasisLink> result;
    while (query.executeStep()) {
        const std::string purpose = query.getColumn(0).getString(), basis = query.getColumn(1).getString();
        if (result.empty() || result.back().purpose_code != purpose || result.back().legal_basis_code != basis)
            result.push_back({purpose, basis, {}, optional_text(query.getColumn(3))});
        if (!query.getColumn(2).isNull())
            result.back().legal_source_codes.push_back(query.getColumn(2).getString());
    }
    for (auto& link : result)
        sort_codes(link.legal_source_codes);
    return result;
}

std::vector<PurposeSourceLink> read_purpose_source_links(const Database& db) {
    PreparedStatement query(db,
        "SELECT p.code, s.code, l.provenance FROM purpose_legal_source l"
        " JOIN purpose p ON p.id = l.purpose_id JOIN legal_source s ON s.id = l.legal_source_id"
        " ORDER BY p.code, s.code");
    std::vector<PurposeSourceLink> result;
    while (query.executeStep())
        result.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                          optional_text(query.getColumn(2))});
    return result;
}

std::vector<TableCount> count_rows(const Database& db) {
    std::vector<std::string> tables;
    PreparedStatement names(db,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    while (names.executeStep())
        tables.push_back(names.getColumn(0).getString());
    std::vector<TableCount> result;
    for (const auto& table : tables) {
        // The name comes from the schema itself, never from user input; quoted all the same.
        std::string quoted = "\"";
        for (char ch : table)
            quoted += (ch == '"') ? std::string("\"\"") : std::string(1, ch);
        quoted += "\"";
        PreparedStatement count(db, "SELECT count(*) FROM " + quoted);
        count.executeStep();
        result.push_back({table, count.getColumn(0).getInt64()});
    }
    return result;
}

} // namespace ropa::detail

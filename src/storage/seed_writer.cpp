#include "storage/seed_writer.hpp"

#include <SQLiteCpp/Statement.h>

#include "storage/text_store.hpp"

namespace ropa::detail {

namespace {

// `table` is always a constant of this file, never user text.
Id id_by_code(Database& db, const char* table, const std::string& code, const char* what) {
    PreparedStatement query(db, std::string("SELECT id FROM ") + table + " WHERE code = ?");
    query.bind(1, code);
    if (!query.executeStep())
        throw Error(Errc::not_found, std::string("seed names ") + what + " \"" + code + "\", which the register lacks");
    return query.getColumn(0).getInt64();
}

void bind_optional(PreparedStatement& statement, int index, const std::optional<std::string>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

void bind_optional(PreparedStatement& statement, int index, const std::optional<Id>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

void bind_optional(PreparedStatement& statement, int index, const std::optional<int>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

void refuse_taken(Database& db, const char* table, const std::string& code, const char* what) {
    PreparedStatement query(db, std::string("SELECT 1 FROM ") + table + " WHERE code = ?");
    query.bind(1, code);
    if (query.executeStep())
        throw Error(Errc::conflict, std::string("the register already has ") + what + " \"" + code +
                                        "\"; a seed only loads into a register without its records");
}

} // namespace

bool seed_applied(const Database& db, std::string_view name) {
    PreparedStatement query(db, "SELECT 1 FROM seed_applied WHERE name = ?");
    query.bind(1, std::string(name));
    return query.executeStep();
}

std::vector<std::string> seeds_applied(const Database& db) {
    PreparedStatement query(db, "SELECT name FROM seed_applied ORDER BY name");
    std::vector<std::string> names;
    while (query.executeStep())
        names.push_back(query.getColumn(0).getString());
    return names;
}

void write_seed(Database& db, const SeedData& seed) {
    if (db.execAndGet("SELECT count(*) FROM controller").getInt() > 0)
        throw Error(Errc::conflict, "the register already has a controller; seed \"" + seed.name +
                                        "\" only loads into a register without one");
    {
        const auto name = insert_text(db, seed.controller.name);
        PreparedStatement insert(db,
            "INSERT INTO controller (id, name_text_id, address, is_public_authority) VALUES (1, ?, ?, ?)");
        bind_optional(insert, 1, name);
        bind_optional(insert, 2, seed.controller.address);
        insert.bind(3, seed.controller.is_public_authority ? 1 : 0);
        insert.exec();
    }
    for (const auto& source : seed.legal_sources) {
        refuse_taken(db, "legal_source", source.code, "legal source");
        const auto title = insert_text(db, source.title);
        PreparedStatement insert(db,
            "INSERT INTO legal_source (code, title_text_id, reference, article, jurisdiction, url)"
            " VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, source.code);
        bind_optional(insert, 2, title);
        bind_optional(insert, 3, source.reference);
        bind_optional(insert, 4, source.article);
        insert.bind(5, source.jurisdiction);
        bind_optional(insert, 6, source.url);
        insert.exec();
    }
    for (const auto& category : seed.data_categories) {
        refuse_taken(db, "data_category", category.code, "data category");
        const auto name = insert_text(db, category.name);
        const auto description = insert_text(db, category.description);
        PreparedStatement insert(db,
            "INSERT INTO data_category (code, name_text_id, description_text_id, is_special, is_criminal,"
            " display_order) VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, category.code);
        bind_optional(insert, 2, name);
        bind_optional(insert, 3, description);
        insert.bind(4, category.is_special ? 1 : 0);
        insert.bind(5, category.is_criminal ? 1 : 0);
        bind_optional(insert, 6, category.display_order);
        insert.exec();
    }
    for (const auto& group : seed.groups) {
        refuse_taken(db, "purpose_group", group.group.code, "purpose group");
        const auto name = insert_text(db, group.group.name);
        PreparedStatement insert(db, "INSERT INTO purpose_group (code, name_text_id, provenance) VALUES (?, ?, ?)");
        insert.bind(1, group.group.code);
        bind_optional(insert, 2, name);
        bind_optional(insert, 3, group.group.provenance);
        insert.exec();
    }
    for (const auto& purpose : seed.purposes) {
        refuse_taken(db, "purpose", purpose.code, "purpose");
        const auto name = insert_text(db, purpose.name);
        const auto description = insert_text(db, purpose.description);
        std::optional<Id> group;
        if (purpose.group_code)
            group = id_by_code(db, "purpose_group", *purpose.group_code, "purpose group");
        PreparedStatement insert(db,
            "INSERT INTO purpose (code, name_text_id, description_text_id, group_id, display_order, provenance)"
            " VALUES (?, ?, ?, ?, ?, ?)");
        insert.bind(1, purpose.code);
        bind_optional(insert, 2, name);
        bind_optional(insert, 3, description);
        bind_optional(insert, 4, group);
        bind_optional(insert, 5, purpose.display_order);
        bind_optional(insert, 6, purpose.provenance);
        insert.exec();
    }
    for (const auto& link : seed.category_links) {
        const auto note = insert_text(db, link.note);
        PreparedStatement insert(db,
            "INSERT INTO purpose_data_category (purpose_id, data_category_id, note_text_id, provenance)"
            " VALUES (?, ?, ?, ?)");
        insert.bind(1, id_by_code(db, "purpose", link.purpose_code, "purpose"));
        insert.bind(2, id_by_code(db, "data_category", link.data_category_code, "data category"));
        bind_optional(insert, 3, note);
        bind_optional(insert, 4, link.provenance);
        insert.exec();
    }
    for (const auto& link : seed.basis_links) {
        PreparedStatement insert(db,
            "INSERT INTO purpose_legal_basis (purpose_id, legal_basis_id, provenance) VALUES (?, ?, ?)");
        const Id purpose = id_by_code(db, "purpose", link.purpose_code, "purpose");
        const Id basis = id_by_code(db, "legal_basis", link.legal_basis_code, "legal basis");
        insert.bind(1, purpose);
        insert.bind(2, basis);
        bind_optional(insert, 3, link.provenance);
        insert.exec();
        for (const auto& source : link.legal_source_codes) {
            PreparedStatement cite(db,
                "INSERT INTO purpose_legal_basis_legal_source (purpose_id, legal_basis_id, legal_source_id)"
                " VALUES (?, ?, ?)");
            cite.bind(1, purpose);
            cite.bind(2, basis);
            cite.bind(3, id_by_code(db, "legal_source", source, "legal source"));
            cite.exec();
        }
    }
    for (const auto& link : seed.source_links) {
        PreparedStatement insert(db,
            "INSERT INTO purpose_legal_source (purpose_id, legal_source_id, provenance) VALUES (?, ?, ?)");
        insert.bind(1, id_by_code(db, "purpose", link.purpose_code, "purpose"));
        insert.bind(2, id_by_code(db, "legal_source", link.legal_source_code, "legal source"));
        bind_optional(insert, 3, link.provenance);
        insert.exec();
    }
    PreparedStatement mark(db, "INSERT INTO seed_applied (name, content_sha256) VALUES (?, ?)");
    mark.bind(1, seed.name);
    mark.bind(2, seed.sha256);
    mark.exec();
}

} // namespace ropa::detail

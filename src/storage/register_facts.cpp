#include "storage/register_facts.hpp"

#include <SQLiteCpp/Statement.h>

namespace ropa::detail {

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

void mark_seed_applied(Database& db, std::string_view name, std::string_view sha256) {
    PreparedStatement mark(db, "INSERT INTO seed_applied (name, content_sha256) VALUES (?, ?)");
    mark.bind(1, std::string(name));
    mark.bind(2, std::string(sha256));
    mark.exec();
}

} // namespace ropa::detail

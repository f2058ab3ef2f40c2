#include "storage/history_store.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>

#include "domain/field_validation.hpp"
#include "storage/record_sql.hpp"
#include "storage/record_store.hpp"

namespace ropa::detail {

namespace {

std::optional<std::string> optional_column(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

/// Whether the row image `image` (history's JSON text) holds the same values as the columns
/// given as `values` + column name (the columns of the row compared, selected under those
/// names): each column present with an equal value, and no other. Verify compares
/// values, so that a change in how SQLite spells JSON (number or escape formatting) is not
/// taken for rows edited outside ropa; it runs only where the texts differ.
std::string same_values_sql(const VersionedTable& table, const std::string& image, const std::string& values) {
    std::string sql = "((SELECT count(*) FROM json_each(" + image + ")) = " + std::to_string(table.columns.size());
    for (const auto& column : table.columns)
        sql += " AND json_type(" + image + ", '$.\"" + column + "\"') IS NOT NULL AND json_extract(" + image +
               ", '$.\"" + column + "\"') IS " + values + column;
    return sql + ")";
}

const VersionedTable* find_table(const std::vector<VersionedTable>& tables, const std::string& name) {
    for (const auto& table : tables)
        if (table.name == name)
            return &table;
    return nullptr;
}


} // namespace

std::string row_image_sql(const VersionedTable& table, const std::string& alias) {
    std::string sql = "json_object(";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        sql += (i ? ", '" : "'") + table.columns[i] + "', " + alias + "." + table.columns[i];
    return sql + ")";
}

// Always text, as row_key stores it: a bare integer id would give the comparison with row_key
// numeric affinity, and SQLite could no longer search row_history_by_row for it (verify then
// scanned the history once per row: minutes for a register of 10,000 activities).
std::string row_key_sql(const VersionedTable& table, const std::string& alias) {
    if (table.key_columns.size() == 1)
        return "CAST(" + alias + "." + table.key_columns[0] + " AS TEXT)";
    std::string sql;
    for (std::size_t i = 0; i < table.key_columns.size(); ++i)
        sql += (i ? " || ':' || " : "") + alias + "." + table.key_columns[i];
    return sql;
}

std::vector<VersionedTable> versioned_tables(const Database& db) {
    std::vector<std::string> names;
    PreparedStatement list(db,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        " AND name NOT IN ('change', 'row_history') ORDER BY name");
    while (list.executeStep())
        names.push_back(list.getColumn(0).getString());
    std::vector<VersionedTable> tables;
    for (const auto& name : names) {
        VersionedTable table{name, {}, {}};
        std::map<int, std::string> key;
        PreparedStatement info(db, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
        info.bind(1, name);
        while (info.executeStep()) {
            table.columns.push_back(info.getColumn(0).getString());
            if (int pk = info.getColumn(1).getInt(); pk > 0)
                key[pk] = info.getColumn(0).getString();
        }
        for (const auto& [order, column] : key)
            table.key_columns.push_back(column);
        if (table.key_columns.empty())
            table.key_columns.push_back("rowid");  // a table ropa did not make (verify names it)
        tables.push_back(std::move(table));
    }
    return tables;
}

Id open_change(Database& db, const ChangeRequest& change) {
    // Recorded times never go backwards, even if the clock does: --at TIME relies on it.
    PreparedStatement insert(db,
        "INSERT INTO change (recorded_at, actor, reason, state, prev_hash) VALUES ("
        " max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce((SELECT max(recorded_at) FROM change), '')),"
        " ?, ?, 'open', (SELECT hash FROM change WHERE state = 'sealed' ORDER BY id DESC LIMIT 1))");
    insert.bind(1, change.actor);
    insert.bind(2, change.reason);
    insert.exec();
    return db.getLastInsertRowid();
}

std::size_t open_change_effects(const Database& db) {
    PreparedStatement query(db,
        "SELECT count(*) FROM row_history WHERE change_id = (SELECT id FROM change WHERE state = 'open')");
    query.executeStep();
    return static_cast<std::size_t>(query.getColumn(0).getInt64());
}

namespace {
// Each effect of the change in the order it happened, one at a time.
void for_each_effect(const Database& db, Id change_id, const std::function<void(RowEffect&&)>& visit) {
    PreparedStatement query(db,
        "SELECT table_name, row_key, before, after FROM row_history WHERE change_id = ? ORDER BY seq");
    query.bind(1, change_id);
    while (query.executeStep())
        visit({query.getColumn(0).getString(), query.getColumn(1).getString(), optional_column(query.getColumn(2)),
               optional_column(query.getColumn(3))});
}
}  // namespace

std::vector<RowEffect> effects_of(const Database& db, Id change_id) {
    std::vector<RowEffect> effects;
    for_each_effect(db, change_id, [&](RowEffect&& effect) { effects.push_back(std::move(effect)); });
    return effects;
}

namespace {
ChangeHeader header_of(const Database& db, Id change_id) {
    PreparedStatement query(db, "SELECT recorded_at, actor, reason, coalesce(prev_hash, '') FROM change WHERE id = ?");
    query.bind(1, change_id);
    if (!query.executeStep())
        throw Error(Errc::not_found, "no change " + std::to_string(change_id));
    return {change_id, query.getColumn(0).getString(), query.getColumn(1).getString(),
            query.getColumn(2).getString(), query.getColumn(3).getString()};
}

// The change's hash, its effects read one at a time (ChangeHasher): sealing or verifying a
// change of millions of rows never holds them all.
std::string hash_of_change(const Database& db, Id change_id) {
    PreparedStatement count(db, "SELECT count(*) FROM row_history WHERE change_id = ?");
    count.bind(1, change_id);
    count.executeStep();
    ChangeHasher hasher(header_of(db, change_id), static_cast<std::size_t>(count.getColumn(0).getInt64()));
    for_each_effect(db, change_id, [&](RowEffect&& effect) { hasher.add(effect); });
    return hasher.hex_digest();
}
}  // namespace

void seal_open_change(Database& db) {
    PreparedStatement open(db, "SELECT id FROM change WHERE state = 'open'");
    if (!open.executeStep())
        return;
    const Id id = open.getColumn(0).getInt64();
    const auto hash = hash_of_change(db, id);
    PreparedStatement seal(db, "UPDATE change SET state = 'sealed', hash = ? WHERE id = ?");
    seal.bind(1, hash);
    seal.bind(2, id);
    seal.exec();
}

namespace {
// A change that only made a tag is sealed in the chain but shows nothing new: the register's
// version stays the change the tag names (so an export made just after tagging carries the tag).
constexpr const char* shows_content =
    "(NOT EXISTS (SELECT 1 FROM row_history h WHERE h.change_id = c.id)"
    " OR EXISTS (SELECT 1 FROM row_history h WHERE h.change_id = c.id AND h.table_name <> 'tag'))";
}  // namespace

std::optional<Id> latest_change(const Database& db) {
    PreparedStatement query(db, "SELECT max(id) FROM change c WHERE state = 'sealed' AND " + std::string(shows_content));
    query.executeStep();
    if (query.getColumn(0).isNull())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

Id resolve_version(const Database& db, std::string_view ref) {
    const std::string text(ref);
    const bool all_digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    if (all_digits && text.size() < 19) {
        PreparedStatement query(db, "SELECT id FROM change WHERE id = ? AND state = 'sealed'");
        query.bind(1, static_cast<std::int64_t>(std::stoll(text)));
        if (query.executeStep())
            return query.getColumn(0).getInt64();
        throw Error(Errc::not_found, "no change " + text + " (see ropa log)", "at");
    }
    {
        PreparedStatement query(db, "SELECT change_id FROM tag WHERE name = ?");
        query.bind(1, text);
        if (query.executeStep())
            return query.getColumn(0).getInt64();
    }
    // A chain hash, as every export's stamp gives it.
    if (text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos) {
        if (const auto change = change_with_hash(db, text))
            return *change;
        throw Error(Errc::not_found, "no change of this register has the hash " + text.substr(0, 12) + "...", "at");
    }
    // A moment: YYYY-MM-DD (end of that day, UTC) or an ISO 8601 time.
    const bool looks_like_a_date = text.size() >= 10 && text[4] == '-' && text[7] == '-';
    const auto instant = utc_instant(text, true);
    if (looks_like_a_date && !instant)
        throw Error(Errc::validation,
                    "\"" + text + "\" is not a valid ISO 8601 date or time (" + moment_forms + ")", "at");
    if (!instant)
        throw Error(Errc::not_found, "\"" + text + "\" is not a change id, a tag or an ISO 8601 date or time", "at");
    PreparedStatement query(db,
        "SELECT max(id) FROM change c WHERE state = 'sealed' AND recorded_at <= ? AND " + std::string(shows_content));
    query.bind(1, *instant);
    query.executeStep();
    if (query.getColumn(0).isNull())
        throw Error(Errc::not_found, "the register's history begins after " + text, "at");
    return query.getColumn(0).getInt64();
}

namespace {
/// SQL for the code a record of `entity` had at change ?2, from the id in `id_sql`: its
/// latest image in history at or before that change (a record the change removed keeps the
/// code it had). One lookup in row_history_by_row.
std::string code_at_change(EntityKind entity, const std::string& id_sql) {
    return "(SELECT coalesce(json_extract(coalesce(c.after, c.before), '$.code'), '#' || " + id_sql +
           ") FROM row_history c WHERE c.table_name = '" + table_of(entity) + "' AND c.row_key = CAST(" + id_sql +
           " AS TEXT) AND c.change_id <= ?2 ORDER BY c.seq DESC LIMIT 1)";
}

/// How an effect on `table` is named in the log, as SQL over its image `image`: a record by
/// its code (or a tag by its name), a link as "FROM -> TO" with the codes of its two ends (as
/// `diff` names it), a basis's citation as "FROM -> TO: SOURCE". NULL where there is no name
/// (retention rows, texts): those are counted.
std::string label_sql(const std::string& table, const std::string& image) {
    auto column = [&](const std::string& name) { return "json_extract(" + image + ", '$." + name + "')"; };
    for (const auto& link : links()) {
        const auto sql = link_table_of(link.kind);
        const std::string ends = code_at_change(link.from, column(sql.from_column)) + " || ' -> ' || " +
                                 code_at_change(link.to, column(sql.to_column));
        if (table == sql.table)
            return ends;
        for (const auto& field : link.fields)
            if (field.type == FieldType::references && field.references) {
                const auto citation = citation_table_of(link.kind, field);
                if (table == citation.table)
                    return ends + " || ': ' || " + code_at_change(*field.references, column(citation.target_column));
            }
    }
    return "coalesce(" + column("code") + ", " + column("name") + ")";
}

std::string summary_of(const Database& db, Id change_id) {
    // Per table, in the order the change first touched it: what was added, changed, removed,
    // named (as diff names them) where few enough to read, else counted. Texts are shown through
    // the records that own them. Names are looked up only for the groups that show them, so the
    // summary of an import of 100,000 activities costs one pass, not a lookup per row.
    PreparedStatement groups(db,
        "SELECT table_name, kind, count(*) FROM ("
        " SELECT table_name, seq, CASE WHEN before IS NULL THEN 0 WHEN after IS NULL THEN 2 ELSE 1 END AS kind"
        " FROM row_history WHERE change_id = ? AND table_name NOT IN ('localized_text', 'translation'))"
        " GROUP BY table_name, kind ORDER BY min(seq)");
    groups.bind(1, change_id);
    constexpr std::int64_t named_up_to = 3;
    const char* verbs[] = {" added", " changed", " removed"};
    std::vector<std::pair<std::string, std::string>> parts;  // table noun, what happened to it
    while (groups.executeStep()) {
        const auto table = groups.getColumn(0).getString();
        const int kind = groups.getColumn(1).getInt();
        const auto count = groups.getColumn(2).getInt64();
        std::string what = std::to_string(count);
        if (count <= named_up_to) {
            PreparedStatement labels(db,
                "SELECT " + label_sql(table, "coalesce(h.after, h.before)") +
                    " FROM row_history h WHERE h.change_id = ?2 AND h.table_name = ?1 AND"
                    " CASE WHEN h.before IS NULL THEN 0 WHEN h.after IS NULL THEN 2 ELSE 1 END = ?3 ORDER BY h.seq");
            labels.bind(1, table);
            labels.bind(2, change_id);
            labels.bind(3, kind);
            std::vector<std::string> names;
            bool all_named = true;
            while (labels.executeStep()) {
                if (labels.getColumn(0).isNull())
                    all_named = false;
                else
                    names.push_back(labels.getColumn(0).getString());
            }
            if (all_named)
                what = join(names);
        }
        what += verbs[kind];
        const auto noun = noun_of_table(table);
        auto it = std::find_if(parts.begin(), parts.end(), [&](const auto& part) { return part.first == noun; });
        if (it == parts.end())
            parts.emplace_back(noun, what);
        else
            it->second += ", " + what;
    }
    std::string summary;
    for (const auto& [noun, what] : parts)
        summary += (summary.empty() ? "" : "; ") + noun + ": " + what;
    if (summary.empty()) {
        PreparedStatement texts(db, "SELECT count(*) FROM row_history WHERE change_id = ?");
        texts.bind(1, change_id);
        texts.executeStep();
        summary = texts.getColumn(0).getInt64() ? "texts changed" : "no effect";
    }
    return summary;
}
}  // namespace

ChangeInfo read_change(const Database& db, Id change_id, bool with_summary) {
    PreparedStatement query(db,
        "SELECT id, recorded_at, actor, reason, coalesce(hash, ''), coalesce(prev_hash, '') FROM change WHERE id = ?");
    query.bind(1, change_id);
    if (!query.executeStep())
        throw Error(Errc::not_found, "no change " + std::to_string(change_id));
    ChangeInfo info{query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                    query.getColumn(3).getString(), query.getColumn(4).getString(), query.getColumn(5).getString(),
                    {}, with_summary ? summary_of(db, change_id) : std::string()};
    PreparedStatement tags(db, "SELECT name FROM tag WHERE change_id = ? ORDER BY name");
    tags.bind(1, change_id);
    while (tags.executeStep())
        info.tags.push_back(tags.getColumn(0).getString());
    return info;
}

std::vector<ChangeInfo> list_changes(const Database& db, const LogFilter& filter, std::optional<Id> up_to) {
    std::string where = "c.state = 'sealed'";
    std::vector<std::string> parameters;
    if (up_to) {
        where += " AND c.id <= ?";
        parameters.push_back(std::to_string(*up_to));
    }
    if (filter.entity) {
        const auto* entity = find_entity(*filter.entity);
        if (!entity)
            throw Error(Errc::validation, "--entity: no entity called \"" + *filter.entity + "\"", "entity");
        where += " AND c.id IN (SELECT change_id FROM row_history WHERE (table_name = ?";
        parameters.push_back(table_of_entity(entity->kind));
        if (filter.code) {
            // the record's id: a record removed since is found through its history
            std::optional<Id> id = find_id(db, entity->kind, *filter.code);
            if (!id) {
                PreparedStatement past(db,
                    "SELECT row_key FROM row_history WHERE table_name = ? AND json_extract(coalesce(after, before), "
                    "'$.code') = ? LIMIT 1");
                past.bind(1, table_of_entity(entity->kind));
                past.bind(2, *filter.code);
                if (!past.executeStep())
                    throw Error(Errc::not_found, "no " + entity->name + " \"" + *filter.code + "\" in the history", "entity");
                id = std::stoll(past.getColumn(0).getString());
            }
            where += " AND row_key = ?)";
            parameters.push_back(std::to_string(*id));
            // and the record's own links with their citations (their keys start with its id),
            // and an activity's retention rows, which are part of it
            for (const auto& table : link_tables_from(entity->kind)) {
                where += " OR (table_name = ? AND row_key LIKE ?)";
                parameters.push_back(table);
                parameters.push_back(std::to_string(*id) + ":%");
            }
            if (entity->kind == EntityKind::activity) {
                where += " OR (table_name = 'retention' AND json_extract(coalesce(after, before), '$.activity_id') = CAST(? AS INTEGER))";
                parameters.push_back(std::to_string(*id));
            }
        } else {
            where += ")";
        }
        where += ")";
    }
    if (filter.since) {
        const auto instant = utc_instant(*filter.since, false);
        if (!instant)
            throw Error(Errc::validation,
                        "--since: \"" + *filter.since + "\" is not an ISO 8601 date or time (" + moment_forms + ")",
                        "since");
        where += " AND c.recorded_at >= ?";
        parameters.push_back(*instant);
    }
    PreparedStatement query(db, "SELECT c.id FROM change c WHERE " + where + " ORDER BY c.id DESC");
    for (std::size_t i = 0; i < parameters.size(); ++i)
        query.bind(static_cast<int>(i + 1), parameters[i]);
    std::vector<Id> ids;
    while (query.executeStep())
        ids.push_back(query.getColumn(0).getInt64());
    std::vector<ChangeInfo> changes;
    for (Id id : ids)
        changes.push_back(read_change(db, id));
    return changes;
}

void create_tag(Database& db, const TagInfo& tag) {
    PreparedStatement exists(db, "SELECT change_id FROM tag WHERE name = ?");
    exists.bind(1, tag.name);
    if (exists.executeStep())
        throw Error(Errc::conflict, "tag " + tag.name + " already names change " + exists.getColumn(0).getString() +
                                        "; tags cannot be moved", "tag");
    PreparedStatement insert(db,
        "INSERT INTO tag (name, change_id, created_at, actor, message, signer_key, signature) VALUES (?, ?, "
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, nullif(?, ''), nullif(?, ''))");
    insert.bind(1, tag.name);
    insert.bind(2, tag.change_id);
    insert.bind(3, tag.actor);
    insert.bind(4, tag.message);
    insert.bind(5, tag.signer_key);
    insert.bind(6, tag.signature);
    insert.exec();
}

std::optional<Id> change_with_hash(const Database& db, const std::string& hash) {
    PreparedStatement query(db, "SELECT id FROM change WHERE hash = ? AND state = 'sealed' ORDER BY id LIMIT 1");
    query.bind(1, hash);
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::vector<TagInfo> list_tags(const Database& db) {
    PreparedStatement query(db,
        "SELECT name, change_id, created_at, actor, message, coalesce(signer_key, ''), coalesce(signature, '')"
        " FROM tag ORDER BY change_id, name");
    std::vector<TagInfo> tags;
    while (query.executeStep())
        tags.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                        query.getColumn(3).getString(), query.getColumn(4).getString(), query.getColumn(5).getString(),
                        query.getColumn(6).getString()});
    return tags;
}

std::unique_ptr<Database> materialize(const Database& db, const std::filesystem::path& path,
                                              Id change_id) {
    // A temporary database (SQLite deletes it on close): kept in the page cache while small, on
    // disk when large, so reading an old version of a large register does not fill memory.
    auto snapshot = std::make_unique<Database>("", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    const auto tables = versioned_tables(db);
    {
        PreparedStatement schema(db,
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            " AND name NOT IN ('change', 'row_history', 'tag')");
        while (schema.executeStep())
            snapshot->exec(schema.getColumn(0).getString());
    }
    // Read-only; on a file whose folder the user cannot write, immutable (see open_read_only).
    try {
        SQLite::Statement attach(*snapshot, "ATTACH DATABASE ? AS src");
        attach.bind(1, file_uri(path, "mode=ro"));
        attach.exec();
        snapshot->execAndGet("SELECT count(*) FROM src.sqlite_schema");
    } catch (const SQLite::Exception&) {
        try {
            snapshot->exec("DETACH DATABASE src");
        } catch (const SQLite::Exception&) {
        }
        SQLite::Statement attach(*snapshot, "ATTACH DATABASE ? AS src");
        attach.bind(1, file_uri(path, "immutable=1"));
        attach.exec();
    }
    snapshot->exec("PRAGMA main.cache_size = -16384");  // the snapshot's pages while it is built
    snapshot->exec("BEGIN");
    for (const auto& table : tables) {
        if (table.name == "tag")
            continue;  // tags are history's own: sealed in the chain, not part of a version's content
        // A column added by a later level is absent from the images recorded before it: such a
        // row reads with the column's default, as the migration gave it to the rows it found.
        std::map<std::string, std::string> defaults;
        {
            SQLite::Statement info(*snapshot, "SELECT name, dflt_value FROM pragma_table_info(?)");
            info.bind(1, table.name);
            while (info.executeStep())
                if (!info.getColumn(1).isNull())
                    defaults[info.getColumn(0).getString()] = info.getColumn(1).getString();
        }
        std::string columns, values;
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const std::string& column = table.columns[i];
            const std::string extract = "json_extract(h.after, '$." + column + "')";
            columns += (i ? ", " : "") + column;
            const auto fallback = defaults.find(column);
            values += (i ? ", " : "") +
                      (fallback == defaults.end()
                           ? extract
                           : "CASE WHEN json_type(h.after, '$." + column + "') IS NULL THEN " + fallback->second +
                                 " ELSE " + extract + " END");
        }
        // Each row's latest version at or before the change: one pass over row_history_by_row
        // (seq, the rowid, is in the index), then each chosen entry read by its rowid.
        SQLite::Statement fill(*snapshot,
            "INSERT INTO main." + table.name + " (" + columns + ") SELECT " + values +
                " FROM (SELECT max(seq) AS seq FROM src.row_history WHERE table_name = ?1 AND change_id <= ?2"
                " GROUP BY row_key) latest JOIN src.row_history h ON h.seq = latest.seq WHERE h.after IS NOT NULL");
        fill.bind(1, table.name);
        fill.bind(2, change_id);
        fill.exec();
    }
    // Before level 6 a basis link cited at most one source, in its own legal_source_id column;
    // level 6 moved citations to tables of their own. A version from before reads its
    // citations from the link rows as they were then (images recorded since carry no such key).
    for (const auto& [link_table, owner_column] : {std::pair<std::string, std::string>{"purpose_legal_basis", "purpose_id"},
                                                   {"activity_legal_basis", "activity_id"}}) {
        SQLite::Statement upcast(*snapshot,
            "INSERT OR IGNORE INTO main." + link_table + "_legal_source (" + owner_column +
                ", legal_basis_id, legal_source_id) SELECT json_extract(h.after, '$." + owner_column +
                "'), json_extract(h.after, '$.legal_basis_id'), json_extract(h.after, '$.legal_source_id')"
                " FROM (SELECT max(seq) AS seq FROM src.row_history WHERE table_name = ?1 AND change_id <= ?2"
                " GROUP BY row_key) latest JOIN src.row_history h ON h.seq = latest.seq"
                " WHERE h.after IS NOT NULL AND json_extract(h.after, '$.legal_source_id') IS NOT NULL");
        upcast.bind(1, link_table);
        upcast.bind(2, change_id);
        upcast.exec();
    }
    {
        // the indexes too, after the rows (cheaper), so reads of the snapshot plan as on the file
        SQLite::Statement indexes(*snapshot,
            "SELECT sql FROM src.sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name NOT IN ('change', 'row_history', 'tag')");
        std::vector<std::string> statements;
        while (indexes.executeStep())
            statements.push_back(indexes.getColumn(0).getString());
        for (const auto& sql : statements)
            snapshot->exec(sql);
    }
    snapshot->exec("COMMIT");
    snapshot->exec("DETACH DATABASE src");
    // The snapshot is at the file's schema level, so the same reads accept it.
    const auto level = const_cast<Database&>(db).execAndGet("PRAGMA user_version").getInt();
    snapshot->exec("PRAGMA user_version = " + std::to_string(level));
    return snapshot;
}

VerifyReport verify_history(Database& db) {
    VerifyReport report;
    {
        PreparedStatement integrity(db, "PRAGMA integrity_check");
        while (integrity.executeStep())
            if (auto line = integrity.getColumn(0).getString(); line != "ok")
                report.problems.push_back("integrity_check: " + line);
        PreparedStatement keys(db, "PRAGMA foreign_key_check");
        while (keys.executeStep())
            report.problems.push_back("foreign_key_check: " + keys.getColumn(0).getString() + " row " +
                                      keys.getColumn(1).getString() + " refers to a missing " +
                                      keys.getColumn(2).getString());
    }
    // The chain.
    {
        PreparedStatement changes(db,
            "SELECT id, state, coalesce(hash, ''), coalesce(prev_hash, ''), recorded_at FROM change ORDER BY id");
        std::string previous, previous_time;
        Id previous_id = 0;
        std::vector<std::tuple<Id, std::string, std::string, std::string, std::string>> rows;
        while (changes.executeStep())
            rows.emplace_back(changes.getColumn(0).getInt64(), changes.getColumn(1).getString(),
                              changes.getColumn(2).getString(), changes.getColumn(3).getString(),
                              changes.getColumn(4).getString());
        for (const auto& [id, state, hash, prev, recorded_at] : rows) {
            report.changes_checked++;
            const std::string which = "change " + std::to_string(id);
            // Changes are numbered without gaps and recorded in time order (open_change never
            // lets time go backwards): a gap or a step back is a change removed or inserted.
            if (id != previous_id + 1)
                report.problems.push_back(which + " follows change " + std::to_string(previous_id) +
                                          ": the changes between them are missing");
            if (recorded_at < previous_time)
                report.problems.push_back(which + " is recorded at " + recorded_at + ", before the change preceding it (" +
                                          previous_time + "): inserted or re-dated outside ropa");
            previous_id = id;
            previous_time = recorded_at;
            if (state != "sealed") {
                report.problems.push_back(which + " is not sealed: written outside ropa, or left open");
                continue;
            }
            if (prev != previous)
                report.problems.push_back(which + ": its previous-hash does not match change before it (a change "
                                                  "was removed, inserted or rewritten)");
            if (hash_of_change(db, id) != hash)
                report.problems.push_back(which + ": its content does not match its hash (its history, actor, time "
                                                  "or reason was edited outside ropa)");
            previous = hash;
        }
        // AUTOINCREMENT remembers the highest id ever given: newer changes cut off the end of
        // the chain (a truncated history) leave it above the last change.
        PreparedStatement counter(db, "SELECT seq FROM sqlite_sequence WHERE name = 'change'");
        if (counter.executeStep() && counter.getColumn(0).getInt64() > previous_id)
            report.problems.push_back("changes after " + std::to_string(previous_id) + " are missing: change " +
                                      counter.getColumn(0).getString() +
                                      " was recorded once (history truncated outside ropa)");
    }
    // Every row against the history.
    for (const auto& table : versioned_tables(db)) {
        const std::string latest =
            "SELECT h.row_key AS k, h.after AS j FROM row_history h WHERE h.table_name = ?1 AND h.seq = "
            "(SELECT max(x.seq) FROM row_history x WHERE x.table_name = ?1 AND x.row_key = h.row_key)";
        std::string actual = "SELECT " + row_key_sql(table, "t") + " AS k, " + row_image_sql(table, "t") + " AS j";
        for (const auto& column : table.columns)
            actual += ", t." + column + " AS v_" + column;
        actual += " FROM " + table.name + " t";
        PreparedStatement rows(db, "SELECT count(*) FROM " + table.name);
        rows.executeStep();
        report.rows_checked += static_cast<std::size_t>(rows.getColumn(0).getInt64());
        PreparedStatement differing(db,
            "SELECT a.k, l.j IS NULL FROM (" + actual + ") a LEFT JOIN (" + latest +
                ") l ON l.k = a.k WHERE l.j IS NULL OR (l.j IS NOT a.j AND NOT " + same_values_sql(table, "l.j", "a.v_") +
                ") ORDER BY a.k");
        differing.bind(1, table.name);
        while (differing.executeStep())
            report.problems.push_back(table.name + " row " + differing.getColumn(0).getString() +
                                      (differing.getColumn(1).getInt() ? " was inserted outside ropa (no history)"
                                                                       : " was edited outside ropa"));
        // NOT IN, not a correlated NOT EXISTS: SQLite builds the table's keys once into a
        // temporary index, where NOT EXISTS rescanned the table for every history row
        // (quadratic: minutes for a register of 10,000 activities). Keys are never NULL.
        PreparedStatement missing(db,
            "SELECT l.k FROM (" + latest + ") l WHERE l.j IS NOT NULL AND l.k NOT IN (SELECT a.k FROM (" + actual +
                ") a WHERE a.k IS NOT NULL) ORDER BY l.k");
        missing.bind(1, table.name);
        while (missing.executeStep())
            report.problems.push_back(table.name + " row " + missing.getColumn(0).getString() +
                                      " was deleted outside ropa");
    }
    return report;
}

void apply_inverse(Database& db, Id change_id) {
    const auto tables = versioned_tables(db);
    auto effects = effects_of(db, change_id);
    // A row changed again after this change cannot be restored without losing that change.
    for (const auto& effect : effects) {
        if (effect.table == "tag")
            throw Error(Errc::validation, "change " + std::to_string(change_id) + " created tag " + effect.row_key +
                                              "; a tag names a version for good and cannot be undone");
        PreparedStatement later(db,
            "SELECT max(change_id) FROM row_history WHERE table_name = ? AND row_key = ? AND change_id > ?");
        later.bind(1, effect.table);
        later.bind(2, effect.row_key);
        later.bind(3, change_id);
        later.executeStep();
        if (!later.getColumn(0).isNull())
            throw Error(Errc::conflict, "change " + std::to_string(change_id) + " cannot be reverted: " +
                                            noun_of_table(effect.table) + " " + effect.row_key +
                                            " was changed again by change " + later.getColumn(0).getString() +
                                            "; revert that one first");
    }
    db.exec("PRAGMA defer_foreign_keys = ON");  // rows come back in reverse order; check at commit
    for (auto it = effects.rbegin(); it != effects.rend(); ++it) {
        const auto* table = find_table(tables, it->table);
        if (!table)
            throw Error(Errc::internal, "history names an unknown table " + it->table);
        std::string key_match;
        for (std::size_t i = 0; i < table->key_columns.size(); ++i)
            key_match += (i ? " AND " : "") + table->key_columns[i] + " = json_extract(?1, '$." +
                         table->key_columns[i] + "')";
        if (it->after) {  // undo an insert or an update: remove the row as it is now
            PreparedStatement remove(db, "DELETE FROM " + table->name + " WHERE " + key_match);
            remove.bind(1, *it->after);
            remove.exec();
        }
        if (it->before) {  // put the earlier version back
            std::string columns, values;
            bool has_revision = false;
            for (std::size_t i = 0; i < table->columns.size(); ++i) {
                columns += (i ? ", " : "") + table->columns[i];
                // Putting a record back is an edit: its revision moves on past any it had, so
                // an editor still holding an old revision is refused (the rows' data goes back).
                has_revision = has_revision || table->columns[i] == "revision";
                values += (i ? ", " : "") +
                          (table->columns[i] == "revision"
                               ? std::string("coalesce(json_extract(?2, '$.revision'), json_extract(?1, '$.revision')) + 1")
                               : "json_extract(?1, '$." + table->columns[i] + "')");
            }
            PreparedStatement insert(db, "INSERT INTO " + table->name + " (" + columns + ") VALUES (" + values + ")");
            insert.bind(1, *it->before);
            if (has_revision && it->after)
                insert.bind(2, *it->after);
            insert.exec();
        }
    }
}

} // namespace ropa::detail

// History in SQL, how it is read: the version a register shows, a version named by id, tag,
// hash or time, the log with each change's summary, and tags.

#include <algorithm>

#include <SQLiteCpp/Statement.h>

#include "domain/field_validation.hpp"
#include "storage/history_store.hpp"
#include "storage/record_sql.hpp"
#include "storage/record_store.hpp"

namespace ropa::detail {

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
    for (const auto& last : {up_to, filter.until})
        if (last) {
            where += " AND c.id <= ?";
            parameters.push_back(std::to_string(*last));
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
            // "#12": the record with id 12, removed since or not (history is keyed by id)
            if (!id && filter.code->size() > 1 && filter.code->front() == '#' && filter.code->size() < 19 &&
                filter.code->find_first_not_of("0123456789", 1) == std::string::npos)
                id = std::stoll(filter.code->substr(1));
            if (!id) {
                PreparedStatement past(db,
                    "SELECT row_key FROM row_history WHERE table_name = ? AND json_extract(coalesce(after, before), "
                    "'$.code') = ? ORDER BY seq DESC LIMIT 1");
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
            // (as a range of keys, "ID:" up to "ID;", which the index on (table_name, row_key)
            // answers, where LIKE 'ID:%' made SQLite read every row of history)
            for (const auto& table : link_tables_from(entity->kind)) {
                where += " OR (table_name = ? AND row_key >= ? AND row_key < ?)";
                parameters.push_back(table);
                parameters.push_back(std::to_string(*id) + ":");
                parameters.push_back(std::to_string(*id) + ";");
            }
            if (entity->kind == EntityKind::activity) {
                // `? + 0`, a number without affinity, so that the index on this very expression
                // (row_history_retention_by_activity, level 9) answers: CAST(? AS INTEGER) has
                // INTEGER affinity, which SQLite would apply to the indexed side, and it read
                // every retention row's history instead
                where += " OR (table_name = 'retention' AND json_extract(coalesce(after, before), '$.activity_id') = ? + 0)";
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
    // a limit beyond any history is no limit (SQLite's LIMIT takes a signed 64-bit number)
    where += " ORDER BY c.id DESC";
    if (filter.limit && *filter.limit < static_cast<std::size_t>(INT64_MAX)) {
        where += " LIMIT ?";
        parameters.push_back(std::to_string(*filter.limit));
    }
    PreparedStatement query(db, "SELECT c.id FROM change c WHERE " + where);
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

} // namespace ropa::detail

#include "web/api.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropa/error.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "web/write_rules.hpp"
#include "web/reading.hpp"

namespace ropa::web {

namespace {

using nlohmann::json;

constexpr const char* json_type = "application/json";

Reply answer(int status, std::string body) { return {status, json_type, std::move(body) + "\n", "", ""}; }

// An error's JSON: a message may quote what was sent, bytes that are not UTF-8 included; they
// are written as U+FFFD rather than failing the answer.
std::string dumped(const json& body) { return body.dump(2, ' ', false, json::error_handler_t::replace); }

int status_of(Errc code) {
    switch (code) {
    case Errc::validation:
    case Errc::rule_violation: return 422;
    case Errc::not_found: return 404;
    case Errc::conflict: return 409;
    case Errc::not_a_register:
    case Errc::schema_too_new:
    case Errc::schema_too_old:
    case Errc::storage:
    case Errc::io:
    case Errc::internal: return 500;
    }
    return 500;
}

Reply refusal(const Error& error) {
    json broken = json::array();
    for (const auto& rule : error.broken_rules())
        broken.push_back({{"code", rule.code}, {"rule", rule.rule}, {"article", rule.article}, {"message", rule.message}});
    const json body{{"error",
                     {{"code", std::string(to_string(error.code()))},
                      {"message", error.what()},
                      {"field", error.field()},
                      {"broken_rules", broken}}}};
    return answer(status_of(error.code()), dumped(body));
}

std::string parameter(const Query& query, const char* name) {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

const EntityInfo& entity_named(const std::string& noun) {
    const auto* entity = find_entity(noun);
    if (!entity)
        throw Error(Errc::not_found, "there is no kind of record \"" + noun + "\"", "path");
    return *entity;
}

const LinkInfo& link_named(const std::string& name) {
    const auto* info = find_link(name);
    if (!info)
        throw Error(Errc::not_found, "there is no kind of link \"" + name + "\"", "path");
    return *info;
}

// A whole number from the query, from `least` to `most`; std::nullopt when not given.
std::optional<std::int64_t> number_parameter(const Query& query, const char* name, std::int64_t least, std::int64_t most) {
    const auto text = parameter(query, name);
    if (text.empty())
        return std::nullopt;
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos || std::stoll(text) < least ||
        std::stoll(text) > most)
        throw Error(Errc::validation,
                    std::string(name) + ": \"" + text + "\" is not a whole number from " + std::to_string(least) + " to " +
                        std::to_string(most),
                    name);
    return std::stoll(text);
}

constexpr std::int64_t most_per_page = 10000;
constexpr std::int64_t most_offset = 1'000'000'000'000;

// The page `?limit=` and `?offset=` ask of `items` (all when no limit is given).
template <typename T> std::vector<T> page_of(std::vector<T> items, const Query& query) {
    const auto limit = number_parameter(query, "limit", 1, most_per_page);
    const auto offset = static_cast<std::size_t>(number_parameter(query, "offset", 0, most_offset).value_or(0));
    if (offset >= items.size())
        return {};
    items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(offset));
    if (limit && items.size() > static_cast<std::size_t>(*limit))
        items.resize(static_cast<std::size_t>(*limit));
    return items;
}

std::string array_of(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items)
        out += (out.size() > 1 ? "," : "") + item;
    return out + "]";
}

Reply read(const Reading& r, const std::vector<std::string>& parts, const Query& query) {
    const auto n = parts.size();
    if (n == 1 && parts[0] == "model")
        return answer(200, model_json(2));
    if (n == 1 && parts[0] == "tags")
        return answer(200, tags_json(r.file.tags(), 2));
    if (n == 1 && parts[0] == "check")
        return answer(200, check_json(r.view.check(), 2));
    if (n == 1 && parts[0] == "log") {
        LogFilter filter;
        if (const auto shown = r.view.version(); shown && !r.at.empty())
            filter.until = shown->id;
        if (const auto before = number_parameter(query, "before", 1, std::numeric_limits<std::int64_t>::max()))
            filter.until = std::min(filter.until.value_or(*before - 1), *before - 1);
        if (const auto limit = number_parameter(query, "limit", 1, most_per_page))
            filter.limit = static_cast<std::size_t>(*limit);
        return answer(200, changes_json(r.file.log(filter), 2));
    }
    if (n == 1 && parts[0] == "diff")
        return answer(200, diff_json(r.file.diff(parameter(query, "from"), parameter(query, "to")), 2));
    if (n == 2 && parts[0] == "records") {
        RecordFilter filter;
        if (const auto q = parameter(query, "q"); !q.empty())
            filter.search = q;
        // the page asked for, read alone
        if (const auto limit = number_parameter(query, "limit", 1, most_per_page))
            filter.limit = static_cast<std::size_t>(*limit);
        filter.offset = static_cast<std::size_t>(number_parameter(query, "offset", 0, most_offset).value_or(0));
        std::vector<std::string> records;
        for (const auto& record : r.view.list(entity_named(parts[1]).kind, filter))
            records.push_back(record_json(record));
        return answer(200, array_of(records));
    }
    if (n == 3 && parts[0] == "records")
        return answer(200, record_json(r.view.get(entity_named(parts[1]).kind, parts[2])));
    if (n == 2 && parts[0] == "links") {
        const auto from = parameter(query, "from");
        std::vector<std::string> found;
        for (const auto& link : page_of(r.view.list_links(link_named(parts[1]).kind,
                                                          from.empty() ? std::nullopt : std::optional<std::string>(from)),
                                        query))
            found.push_back(link_json(link));
        return answer(200, array_of(found));
    }
    if (n == 3 && parts[0] == "activities" && parts[2] == "document")
        return answer(200, activity_document(r.view, parts[1]));
    throw Error(Errc::not_found, "there is no API resource /api/v1/" + [&] {
        std::string joined;
        for (const auto& part : parts)
            joined += (joined.empty() ? "" : "/") + part;
        return joined;
    }(), "path");
}

// The body's JSON, a name given twice in one object refused (as ropa import refuses it: the
// parser alone would keep the last, and a "reason" given twice would be recorded unseen).
json body_of(const std::string& text) {
    json body;
    std::vector<std::set<std::string>> names;
    std::string twice;
    const json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start)
            names.emplace_back();
        else if (event == json::parse_event_t::object_end && !names.empty())
            names.pop_back();
        else if (event == json::parse_event_t::key && !names.empty() && !names.back().insert(parsed.get<std::string>()).second &&
                 twice.empty())
            twice = parsed.get<std::string>();
        return true;
    };
    try {
        body = json::parse(text.empty() ? std::string("{}") : text, check);
        if (!twice.empty())
            throw Error(Errc::validation, "body: \"" + twice + "\" is given twice in one object; give it once", "body");
    } catch (const json::parse_error& e) {
        throw Error(Errc::validation, "body: not JSON (at byte " + std::to_string(e.byte) + ")", "body");
    }
    if (!body.is_object())
        throw Error(Errc::validation, "body: a JSON object is expected", "body");
    return body;
}

std::string string_member(const json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return {};
    if (!it->is_string())
        throw Error(Errc::validation, std::string(name) + ": a string is expected", name);
    return it->get<std::string>();
}

std::optional<std::int64_t> revision_member(const json& body) {
    const auto it = body.find("revision");
    if (it == body.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer())
        throw Error(Errc::validation, "revision: a whole number is expected", "revision");
    return it->get<std::int64_t>();
}

std::string object_member(const json& body, const char* name) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return "{}";
    if (!it->is_object())
        throw Error(Errc::validation, std::string(name) + ": a JSON object is expected", name);
    return it->dump();
}

// Fields as sent. A text may come back as a record's JSON gives it, each language with its
// status ({"en": {"value": "Payroll", "status": "source"}}): its values are taken, so that a
// record read, changed and sent back is understood.
std::string fields_member(const json& body) {
    auto fields = json::parse(object_member(body, "fields"));
    for (auto& [name, value] : fields.items()) {
        if (!value.is_object() || value.empty())
            continue;
        const bool as_read = std::all_of(value.begin(), value.end(), [](const json& translation) {
            return translation.is_object() && translation.contains("value") && translation.at("value").is_string();
        });
        if (as_read)
            for (auto& [lang, translation] : value.items())
                translation = translation.at("value");
    }
    return fields.dump();
}

void require_allowed(const std::optional<std::string>& why_not) {
    if (why_not)
        throw Error(Errc::rule_violation, "not allowed: " + *why_not, "role");
}

Reply write(const std::filesystem::path& db, const ApiRequest& request, const std::vector<std::string>& parts,
            const Visitor& visitor) {
    const auto body = body_of(request.body);
    auto reason = string_member(body, "reason");
    if (reason.empty())
        reason = parameter(request.query, "reason");
    const ChangeRequest change{visitor.user, reason};
    const std::lock_guard lock(write_lock());
    auto file = Register::open(db);
    const auto n = parts.size();
    const auto& method = request.method;
    // a tag names the newest version (no change of its own, so no reason: its message says why)
    if (parts[0] == "tags" && n == 1 && method == "POST") {
        if (!visitor.may(Role::dpo))
            throw Error(Errc::rule_violation, "not allowed: tagging a version is the DPO's", "role");
        const auto tag = file.tag(string_member(body, "name"), string_member(body, "message"), visitor.user);
        return answer(201, json::parse(tags_json({tag}))[0].dump(2));
    }
    const auto role = [&](const EntityInfo& entity, const std::optional<Record>& before, const Fields& changes) {
        return role_refusal(visitor, entity, file, before, changes);
    };
    if (reason.empty())
        throw Error(Errc::validation, "reason: say why; every change is recorded with its reason", "reason");

    if (parts[0] == "records" && n == 2 && method == "POST") {
        const auto& entity = entity_named(parts[1]);
        const auto fields = fields_from_json(entity.kind, fields_member(body));
        require_allowed(role(entity, std::nullopt, fields));
        const auto code = string_member(body, "code");
        const auto created =
            file.create(entity.kind, code.empty() ? std::nullopt : std::optional<std::string>(code), fields, change);
        return answer(201, record_json(created));
    }
    if (parts[0] == "records" && n == 3 && (method == "PATCH" || method == "DELETE")) {
        const auto& entity = entity_named(parts[1]);
        const auto before = file.get(entity.kind, parts[2]);
        if (method == "DELETE") {
            require_allowed(role(entity, before, {}));
            file.remove(entity.kind, parts[2], change);
            return answer(200, R"({"removed": true})");
        }
        const auto fields = fields_from_json(entity.kind, fields_member(body));
        require_allowed(role(entity, before, fields));
        return answer(200, record_json(file.update(entity.kind, parts[2], fields, revision_member(body), change)));
    }
    if (parts[0] == "links" && n == 2 && method == "POST") {
        const auto& info = link_named(parts[1]);
        const auto from = string_member(body, "from");
        const auto& from_entity = entity_info(info.from);
        require_allowed(role(from_entity, file.find(from_entity.kind, from), {}));
        const Link link{info.kind, from, string_member(body, "to"), link_fields_from_json(info.kind, object_member(body, "fields"))};
        file.link(link, change);
        return answer(201, link_json(link));
    }
    if (parts[0] == "links" && n == 4 && (method == "PATCH" || method == "DELETE")) {
        const auto& info = link_named(parts[1]);
        const auto& from_entity = entity_info(info.from);
        require_allowed(role(from_entity, file.get(from_entity.kind, parts[2]), {}));
        if (method == "DELETE") {
            file.unlink(info.kind, parts[2], parts[3], change);
            return answer(200, R"({"removed": true})");
        }
        const Link link{info.kind, parts[2], parts[3], link_fields_from_json(info.kind, object_member(body, "fields"))};
        file.edit_link(link, change);
        return answer(200, link_json(link));
    }
    if (parts[0] == "activities" && n == 3 && parts[2] == "document" && method == "PUT") {
        const auto document = object_member(body, "document");
        // the status the document gives (a wrong type is the library's to refuse, naming it)
        const auto given = json::parse(document);
        Fields changes;
        if (const auto it = given.find("status"); it != given.end() && it->is_string())
            changes["status"] = it->get<std::string>();
        require_allowed(role(entity_info(EntityKind::activity), file.find(EntityKind::activity, parts[1]), changes));
        file.apply_activity_document(document, change, revision_member(body));
        return answer(200, activity_document(file, parts[1]));
    }
    throw Error(Errc::not_found, "there is no API operation " + method + " " + request.path, "path");
}

} // namespace

Reply api_error(int status, std::string_view code, const std::string& message, const std::string& field) {
    const json body{{"error", {{"code", std::string(code)}, {"message", message}, {"field", field}, {"broken_rules", json::array()}}}};
    return answer(status, dumped(body));
}

Reply api(const std::filesystem::path& db, const ApiRequest& request, const Visitor& visitor) {
    try {
        const auto parts = split(request.path, '/');
        if (parts.empty())
            throw Error(Errc::not_found, "name a resource under /api/v1/ (the OpenAPI document: /api/v1/openapi.json)", "path");
        if (request.method != "GET" && request.method != "HEAD") {
            try {
                return write(db, request, parts, visitor);
            } catch (const Error& e) {
                if (e.code() == Errc::rule_violation && e.field() == "role")
                    return api_error(403, "forbidden", e.what(), "role");
                throw;
            }
        }
        const auto at = parameter(request.query, "at");
        if ((!at.empty() || parts[0] == "diff" || parts[0] == "log") && !visitor.may(Role::auditor))
            return api_error(403, "forbidden",
                             "your role (" + std::string(to_string(visitor.role)) +
                                 ") reads the newest version; past versions, the log and differences are for auditors",
                             "role");
        const auto file = Register::open(db, {.mode = OpenMode::read_only});
        std::optional<Snapshot> past;
        if (!at.empty())
            past.emplace(file.at(at));
        const RegisterView& view = past ? static_cast<const RegisterView&>(*past) : file;
        const Reading reading{file, view, at, file.settings().default_language, false, visitor};
        Reply reply;
        view.read_consistently([&] { reply = read(reading, parts, request.query); });
        return reply;
    } catch (const Error& e) {
        return refusal(e);
    } catch (const std::exception& e) {
        return api_error(500, "internal", std::string("internal error: ") + e.what());
    }
}

} // namespace ropa::web

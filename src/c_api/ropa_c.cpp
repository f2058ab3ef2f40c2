// The C API: every entry point catches everything, so no exception crosses into C.

#include "ropa/ropa.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "ropa/version.hpp"

struct ropa_register {
    ropa::Register reg;
};

namespace {

thread_local std::string last_error;
thread_local std::string last_error_json = "null";

// Text for C is valid UTF-8 whatever the input held: a message may quote what the caller gave
// (a code with a stray byte), and a binding that decodes it (Python's ctypes) must be able to.
// nlohmann/json's dump replaces each invalid sequence with U+FFFD; reading the JSON string
// back gives the repaired text.
std::string valid_utf8(const std::string& text) {
    const auto quoted = nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(quoted).get<std::string>();
}

int fail(int code, const std::string& message, const std::string& field = {},
         const std::vector<ropa::Error::BrokenRule>& broken = {}) {
    last_error = valid_utf8(message);
    static constexpr const char* names[] = {"ok",       "validation", "rule_violation", "not_found",
                                            "conflict", "not_a_register", "schema_too_new", "schema_too_old",
                                            "storage",  "io",         "internal"};
    nlohmann::ordered_json error{{"code", code},
                                             {"name", code >= 0 && code <= 10 ? names[code] : "internal"},
                                             {"message", last_error},
                                             {"field", field.empty() ? nlohmann::ordered_json(nullptr)
                                                                     : nlohmann::ordered_json(valid_utf8(field))},
                                             {"rules", nlohmann::ordered_json::array()}};
    for (const auto& rule : broken)
        error["rules"].push_back({{"code", rule.code},
                                  {"rule", rule.rule},
                                  {"article", rule.article},
                                  {"message", valid_utf8(rule.message)}});
    last_error_json = error.dump();
    return code;
}

char* copy_out(const std::string& text) {
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (!out)
        throw std::bad_alloc();
    std::memcpy(out, text.data(), text.size());
    out[text.size()] = '\0';
    return out;
}

// Runs `body`, turning every failure into a status code and a message.
template <class Body>
int guarded(Body&& body) {
    try {
        last_error.clear();
        last_error_json = "null";
        body();
        return ROPA_OK;
    } catch (const ropa::Error& e) {
        return fail(static_cast<int>(e.code()), e.what(), e.field(), e.broken_rules());
    } catch (const std::bad_alloc&) {
        return fail(ROPA_E_INTERNAL, "out of memory");
    } catch (const std::exception& e) {
        return fail(ROPA_E_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(ROPA_E_INTERNAL, "internal error");
    }
}

void require(const void* pointer, const char* name) {
    if (!pointer)
        throw ropa::Error(ropa::Errc::validation, std::string(name) + " must not be NULL", name);
}

const ropa::EntityInfo& entity_named(const char* name) {
    require(name, "entity");
    const auto* entity = ropa::find_entity(name);
    if (!entity)
        throw ropa::Error(ropa::Errc::validation, std::string("no entity called \"") + name + "\"", "entity");
    return *entity;
}

const ropa::LinkInfo& link_named(const char* name) {
    require(name, "link");
    const auto* link = ropa::find_link(name);
    if (!link)
        throw ropa::Error(ropa::Errc::validation, std::string("no link kind \"") + name + "\"", "link");
    return *link;
}

ropa::ChangeRequest change_of(const char* actor, const char* reason) {
    require(actor, "actor");
    return {actor, reason ? reason : ""};
}

// The one rule for out-parameters (ropa.h): each one given is cleared before anything else,
// so that on failure it holds NULL (or 0), never a stale or half-made value.
template <class... Outs>
void clear_outs(Outs*... outs) {
    ((outs ? void(*outs = {}) : void()), ...);
}

// A JSON object given by the caller (NULL: empty), read strictly.
nlohmann::json object_of(const char* text, const char* name) {
    if (!text)
        return nlohmann::json::object();
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw ropa::Error(ropa::Errc::validation, std::string(name) + ": not valid JSON", name);
    }
    if (!value.is_object())
        throw ropa::Error(ropa::Errc::validation, std::string(name) + ": must be a JSON object", name);
    return value;
}

std::optional<std::string> optional_string(const nlohmann::json& object, const char* key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string())
        throw ropa::Error(ropa::Errc::validation, path + "." + key + ": must be a string", path + "." + key);
    return it->get<std::string>();
}

std::string required_string(const nlohmann::json& object, const char* key, const std::string& path) {
    auto value = optional_string(object, key, path);
    if (!value)
        throw ropa::Error(ropa::Errc::validation, path + "." + key + ": is required", path + "." + key);
    return *value;
}

bool optional_bool(const nlohmann::json& object, const char* key, const std::string& path) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return false;
    if (!it->is_boolean())
        throw ropa::Error(ropa::Errc::validation, path + "." + key + ": must be true or false", path + "." + key);
    return it->get<bool>();
}

// Refuses a key an operation (or an options or filter object) does not know: a misspelt
// "expected_revision" must not quietly turn off the check it asks for.
void require_known_keys(const nlohmann::json& operation, std::initializer_list<const char*> known,
                        const std::string& path) {
    for (const auto& [key, value] : operation.items()) {
        bool found = false;
        std::string list;
        for (const char* name : known) {
            found = found || key == name;
            list += std::string(list.empty() ? "" : ", ") + name;
        }
        if (!found)
            throw ropa::Error(ropa::Errc::validation, path + "." + key + ": unknown; expected one of " + list,
                              path + "." + key);
    }
}

// The options of an export: {"format", "lang", "approved_only"}.
ropa::ExportOptions export_options_of(const char* options_json) {
    const auto given = object_of(options_json, "options");
    require_known_keys(given, {"format", "lang", "approved_only", "since"}, "options");
    ropa::ExportOptions options;
    options.format = ropa::export_format_from(optional_string(given, "format", "options").value_or("json"));
    options.lang = optional_string(given, "lang", "options").value_or("");
    options.approved_only = optional_bool(given, "approved_only", "options");
    options.since = optional_string(given, "since", "options").value_or("");
    return options;
}

// The DPO's public key as given: its 64 hex digits, or the path of a key file (FILE.pub, as
// ropa_key_new writes it).
std::optional<std::string> trusted_key_of(const std::optional<std::string>& given) {
    if (!given)
        return std::nullopt;
    const bool hex = given->size() == 64 && given->find_first_not_of("0123456789abcdef") == std::string::npos;
    return hex ? *given : ropa::PublicKey::load(*given).hex();
}

// An error of one operation of a batch, named by its place: "operations[2].fields.name".
// The library names a field as the record sees it ("purpose.code", "activity.revision",
// "$.start_date" inside a fields object, "basis" for a code that names no basis); the caller
// wants the place in what it sent: "operations[2].code", ".expected_revision", ".fields.start_date",
// ".to". Errors that already name their place in the operation pass unchanged.
std::string place_in_operation(const std::string& field, const nlohmann::json& operation, const std::string& path) {
    if (field.rfind(path, 0) == 0)
        return field;
    if (field.rfind("$", 0) == 0)
        return path + ".fields" + field.substr(1);
    const auto dot = field.find('.');
    const std::string owner = field.substr(0, dot), item = dot == std::string::npos ? "" : field.substr(dot + 1);
    if (item == "code")
        return path + ".code";
    if (item == "revision" || field == "revision")
        return path + ".expected_revision";
    if (operation.contains("link") && operation["link"].is_string())
        if (const auto* link = ropa::find_link(operation["link"].get<std::string>())) {
            if (owner == ropa::entity_info(link->from).name && item.empty())
                return path + ".from";
            if (owner == ropa::entity_info(link->to).name && item.empty())
                return path + ".to";
            for (const auto& described : link->fields)
                if (described.references && owner == ropa::entity_info(*described.references).name)
                    return path + ".fields." + described.name;
        }
    if (!item.empty())
        return path + ".fields." + item;
    return field.empty() ? path : path + "." + field;
}

ropa::Error within(const ropa::Error& e, const nlohmann::json& operation, const std::string& path) {
    const std::string field = place_in_operation(e.field(), operation, path);
    std::string message = e.what();
    if (!e.field().empty() && message.rfind(e.field(), 0) == 0)
        message = field + message.substr(e.field().size());
    else if (message.rfind(path, 0) != 0)
        message = path + ": " + message;
    return ropa::Error(e.code(), message, e.broken_rules(), field);
}


// One operation of ropa_write_json, applied through the Writer.
void apply_operation(const ropa::Register& reg, ropa::Writer& w, const nlohmann::json& operation,
                     const std::string& path) {
    if (!operation.is_object())
        throw ropa::Error(ropa::Errc::validation, path + ": must be a JSON object", path);
    const auto op = required_string(operation, "op", path);
    if (op == "create")
        require_known_keys(operation, {"op", "entity", "code", "fields"}, path);
    else if (op == "update")
        require_known_keys(operation, {"op", "entity", "ref", "fields", "expected_revision"}, path);
    else if (op == "remove")
        require_known_keys(operation, {"op", "entity", "ref"}, path);
    else if (op == "link" || op == "edit_link")
        require_known_keys(operation, {"op", "link", "from", "to", "fields"}, path);
    else if (op == "unlink")
        require_known_keys(operation, {"op", "link", "from", "to"}, path);
    else if (op == "settings")
        require_known_keys(operation, {"op", "default_language", "review_interval_months"}, path);
    auto fields_text = [&] {
        auto it = operation.find("fields");
        return it == operation.end() ? std::string("{}") : it->dump();
    };
    if (op == "create" || op == "update" || op == "remove") {
        const auto kind = entity_named(required_string(operation, "entity", path).c_str()).kind;
        if (op == "create") {
            w.create(kind, optional_string(operation, "code", path), ropa::fields_from_json(kind, fields_text()));
        } else if (op == "update") {
            std::optional<std::int64_t> expected;
            if (auto it = operation.find("expected_revision"); it != operation.end() && !it->is_null()) {
                if (!it->is_number_integer())
                    throw ropa::Error(ropa::Errc::validation, path + ".expected_revision: must be a whole number",
                                      path + ".expected_revision");
                expected = it->get<std::int64_t>();
            }
            w.update(kind, required_string(operation, "ref", path), ropa::fields_from_json(kind, fields_text()), expected);
        } else {
            w.remove(kind, required_string(operation, "ref", path));
        }
        return;
    }
    if (op == "link" || op == "edit_link" || op == "unlink") {
        const auto kind = link_named(required_string(operation, "link", path).c_str()).kind;
        const auto from = required_string(operation, "from", path), to = required_string(operation, "to", path);
        if (op == "unlink")
            w.unlink(kind, from, to);
        else if (op == "link")
            w.link({kind, from, to, ropa::link_fields_from_json(kind, fields_text())});
        else
            w.edit_link({kind, from, to, ropa::link_fields_from_json(kind, fields_text())});
        return;
    }
    if (op == "settings") {  // only what is given changes
        auto settings = reg.settings();
        if (auto language = optional_string(operation, "default_language", path))
            settings.default_language = *language;
        if (auto it = operation.find("review_interval_months"); it != operation.end()) {
            if (!it->is_number_integer())
                throw ropa::Error(ropa::Errc::validation, path + ".review_interval_months: must be a whole number",
                                  path + ".review_interval_months");
            settings.review_interval_months = it->get<int>();
        }
        w.change_settings(settings);
        return;
    }
    throw ropa::Error(ropa::Errc::validation,
                      path + ".op: must be create, update, remove, link, edit_link, unlink or settings, not \"" +
                          op + "\"",
                      path + ".op");
}

template <class Items>
std::string json_array(const Items& items, std::string (*one)(const typename Items::value_type&)) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? "," : "") + one(items[i]);
    return out + "]";
}

}  // namespace

extern "C" {

const char* ropa_version(void) { return ropa::version(); }

const char* ropa_last_error(void) { return last_error.c_str(); }

const char* ropa_last_error_json(void) { return last_error_json.c_str(); }

void ropa_free(void* text) { std::free(text); }

int ropa_open(ropa_register** out, const char* path, int flags) {
    clear_outs(out);
    return guarded([&] {
        require(out, "out");
        require(path, "path");
        if ((flags & ~(ROPA_OPEN_READ_ONLY | ROPA_OPEN_CREATE | ROPA_OPEN_ALLOW_OLDER | ROPA_OPEN_UPGRADE)) != 0)
            throw ropa::Error(ropa::Errc::validation, "flags: unknown bits " + std::to_string(flags), "flags");
        if ((flags & ROPA_OPEN_CREATE) && (flags & ROPA_OPEN_READ_ONLY))
            throw ropa::Error(ropa::Errc::validation,
                              "flags: ROPA_OPEN_CREATE makes a register to write; it cannot be read-only", "flags");
        if ((flags & ROPA_OPEN_UPGRADE) && (flags & ROPA_OPEN_READ_ONLY))
            throw ropa::Error(ropa::Errc::validation, "flags: ROPA_OPEN_UPGRADE writes; it cannot be read-only",
                              "flags");
        ropa::OpenOptions options;
        options.mode = (flags & ROPA_OPEN_READ_ONLY) ? ropa::OpenMode::read_only : ropa::OpenMode::read_write;
        options.allow_older = (flags & ROPA_OPEN_ALLOW_OLDER) != 0;
        options.upgrade = (flags & ROPA_OPEN_UPGRADE) != 0;
        auto reg = (flags & ROPA_OPEN_CREATE) ? ropa::Register::create(path) : ropa::Register::open(path, options);
        *out = new ropa_register{std::move(reg)};
    });
}

void ropa_close(ropa_register* reg) { delete reg; }

int ropa_at(ropa_register** out, const ropa_register* reg, const char* ref) {
    clear_outs(out);
    return guarded([&] {
        require(out, "out");
        require(reg, "reg");
        require(ref, "ref");
        *out = new ropa_register{reg->reg.at(ref)};
    });
}

int ropa_get_json(char** out_json, const ropa_register* reg, const char* entity, const char* ref) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(ref, "ref");
        *out_json = copy_out(ropa::record_json(reg->reg.get(entity_named(entity).kind, ref)));
    });
}

int ropa_list_json(char** out_json, const ropa_register* reg, const char* entity) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(json_array(reg->reg.list(entity_named(entity).kind), &ropa::record_json));
    });
}

int ropa_links_json(char** out_json, const ropa_register* reg, const char* link, const char* from) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto& info = link_named(link);
        *out_json = copy_out(json_array(
            reg->reg.list_links(info.kind, from ? std::optional<std::string>(from) : std::nullopt), &ropa::link_json));
    });
}

int ropa_create_json(char** out_json, ropa_register* reg, const char* entity, const char* code,
                     const char* fields_json, const char* actor, const char* reason) {
    clear_outs(out_json);
    return guarded([&] {
        require(reg, "reg");
        require(fields_json, "fields_json");
        const auto kind = entity_named(entity).kind;
        const auto created =
            reg->reg.create(kind, code ? std::optional<std::string>(code) : std::nullopt,
                            ropa::fields_from_json(kind, fields_json), change_of(actor, reason));
        if (out_json)
            *out_json = copy_out(ropa::record_json(created));
    });
}

int ropa_update_json(char** out_json, ropa_register* reg, const char* entity, const char* ref,
                     const char* fields_json, int64_t expected_revision, const char* actor, const char* reason) {
    clear_outs(out_json);
    return guarded([&] {
        require(reg, "reg");
        require(ref, "ref");
        require(fields_json, "fields_json");
        const auto kind = entity_named(entity).kind;
        const auto updated = reg->reg.update(
            kind, ref, ropa::fields_from_json(kind, fields_json),
            expected_revision < 0 ? std::nullopt : std::optional<std::int64_t>(expected_revision),
            change_of(actor, reason));
        if (out_json)
            *out_json = copy_out(ropa::record_json(updated));
    });
}

int ropa_remove(ropa_register* reg, const char* entity, const char* ref, const char* actor, const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        require(ref, "ref");
        reg->reg.remove(entity_named(entity).kind, ref, change_of(actor, reason));
    });
}

int ropa_link(ropa_register* reg, const char* link, const char* from, const char* to, const char* actor,
              const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        require(from, "from");
        require(to, "to");
        reg->reg.link({link_named(link).kind, from, to, {}}, change_of(actor, reason));
    });
}

int ropa_unlink(ropa_register* reg, const char* link, const char* from, const char* to, const char* actor,
                const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        require(from, "from");
        require(to, "to");
        reg->reg.unlink(link_named(link).kind, from, to, change_of(actor, reason));
    });
}

int ropa_check_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto report = reg->reg.check();
        *out_json = copy_out(ropa::check_json(report));
    });
}

int ropa_log_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(ropa::changes_json(reg->reg.log()));
    });
}

int ropa_export(char** out, size_t* out_size, const ropa_register* reg, const char* format, const char* lang) {
    clear_outs(out, out_size);
    return guarded([&] {
        require(out, "out");
        require(reg, "reg");
        require(format, "format");
        std::ostringstream buffer;
        ropa::export_record(reg->reg, {ropa::export_format_from(format), lang ? lang : ""}, buffer);
        const std::string bytes = buffer.str();
        *out = copy_out(bytes);
        if (out_size)
            *out_size = bytes.size();
    });
}

int ropa_export_file(const ropa_register* reg, const char* format, const char* lang, const char* path) {
    return guarded([&] {
        require(reg, "reg");
        require(format, "format");
        require(path, "path");
        // The calling program named the path: an existing regular file of its user is replaced,
        // never the register, a database or anything that is not a regular file.
        ropa::export_record_to_file(reg->reg, {ropa::export_format_from(format), lang ? lang : ""}, path,
                                    {.replace_existing = true});
    });
}

// --- the whole library: metadata, batches, history, import, the file ------------------

int ropa_model_json(char** out_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        *out_json = copy_out(ropa::model_json());
    });
}

int ropa_info_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(ropa::info_json(reg->reg.info()));
    });
}

int ropa_migrate(char** out_json, ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(reg, "reg");
        const auto levels = reg->reg.migrate();
        if (out_json)
            *out_json = copy_out(nlohmann::json(levels).dump());
    });
}

int ropa_seeds_json(char** out_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& seed : ropa::Register::available_seeds())
            out.push_back({{"name", seed.name}, {"title", seed.title}, {"sha256", seed.sha256}});
        *out_json = copy_out(out.dump());
    });
}

int ropa_apply_seed(int* out_applied, ropa_register* reg, const char* name, const char* actor, const char* reason) {
    clear_outs(out_applied);
    return guarded([&] {
        require(reg, "reg");
        require(name, "name");
        const auto outcome = reg->reg.apply_seed(name, change_of(actor, reason));
        if (out_applied)
            *out_applied = outcome == ropa::SeedOutcome::applied ? 1 : 0;
    });
}

int ropa_write_json(int* out_changed, ropa_register* reg, const char* operations_json, const char* actor,
                    const char* reason) {
    clear_outs(out_changed);
    return guarded([&] {
        require(reg, "reg");
        require(operations_json, "operations_json");
        nlohmann::json operations;
        try {
            operations = nlohmann::json::parse(operations_json);
        } catch (const nlohmann::json::exception&) {
            throw ropa::Error(ropa::Errc::validation, "operations: not valid JSON", "operations");
        }
        if (!operations.is_array())
            throw ropa::Error(ropa::Errc::validation, "operations: must be a JSON array of operations", "operations");
        const bool changed = reg->reg.write(change_of(actor, reason), [&](ropa::Writer& w) {
            for (std::size_t i = 0; i < operations.size(); ++i) {
                const std::string path = "operations[" + std::to_string(i) + "]";
                try {
                    apply_operation(reg->reg, w, operations[i], path);
                } catch (const ropa::Error& e) {
                    throw within(e, operations[i], path);
                }
            }
        });
        if (out_changed)
            *out_changed = changed ? 1 : 0;
    });
}

int ropa_list_filter_json(char** out_json, const ropa_register* reg, const char* entity, const char* filter_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto kind = entity_named(entity).kind;
        const auto given = object_of(filter_json, "filter");
        require_known_keys(given, {"status", "purpose", "data_category", "search", "review_due_by"}, "filter");
        ropa::RecordFilter filter;
        filter.status = optional_string(given, "status", "filter");
        filter.purpose = optional_string(given, "purpose", "filter");
        filter.data_category = optional_string(given, "data_category", "filter");
        filter.search = optional_string(given, "search", "filter");
        filter.review_due_by = optional_string(given, "review_due_by", "filter");
        *out_json = copy_out(json_array(reg->reg.list(kind, filter), &ropa::record_json));
    });
}

int ropa_log_filter_json(char** out_json, const ropa_register* reg, const char* filter_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto given = object_of(filter_json, "filter");
        require_known_keys(given, {"entity", "code", "since"}, "filter");
        ropa::LogFilter filter;
        filter.entity = optional_string(given, "entity", "filter");
        filter.code = optional_string(given, "code", "filter");
        filter.since = optional_string(given, "since", "filter");
        *out_json = copy_out(ropa::changes_json(reg->reg.log(filter)));
    });
}

int ropa_tag(ropa_register* reg, const char* name, const char* message, const char* actor, const char* key_path) {
    return guarded([&] {
        require(reg, "reg");
        require(name, "name");
        require(actor, "actor");
        std::optional<ropa::SigningKey> key;
        if (key_path)
            key = ropa::SigningKey::load(key_path);
        reg->reg.tag(name, message ? message : "", actor, key ? &*key : nullptr);
    });
}

int ropa_tags_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(ropa::tags_json(reg->reg.tags()));
    });
}

int ropa_diff_json(char** out_json, const ropa_register* reg, const char* from, const char* to) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(from, "from");
        *out_json = copy_out(ropa::diff_json(reg->reg.diff(from, to ? std::string_view(to) : std::string_view())));
    });
}

int ropa_verify_json(char** out_json, const ropa_register* reg, const char* options_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto given = object_of(options_json, "options");
        require_known_keys(given, {"head", "trusted_key"}, "options");
        ropa::VerifyOptions options;
        options.head = optional_string(given, "head", "options");
        options.trusted_key = trusted_key_of(optional_string(given, "trusted_key", "options"));
        *out_json = copy_out(ropa::verify_json(reg->reg.verify(options)));
    });
}

int ropa_import_json(size_t* out_loaded, ropa_register* reg, const char* json, int replace, const char* actor,
                     const char* reason) {
    clear_outs(out_loaded);
    return guarded([&] {
        require(reg, "reg");
        require(json, "json");
        const auto loaded = reg->reg.import_json(json, replace != 0, change_of(actor, reason));
        if (out_loaded)
            *out_loaded = loaded;
    });
}

int ropa_revert(ropa_register* reg, int64_t change_id, const char* actor, const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        reg->reg.revert(change_id, change_of(actor, reason));
    });
}

int ropa_settings_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto settings = reg->reg.settings();
        *out_json = copy_out(nlohmann::ordered_json{{"default_language", settings.default_language},
                                                    {"review_interval_months", settings.review_interval_months}}
                                 .dump());
    });
}

int ropa_activity_document(char** out_json, const ropa_register* reg, const char* code) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(code, "code");
        *out_json = copy_out(ropa::activity_document(reg->reg, code));
    });
}

int ropa_apply_activity_document(int* out_changed, ropa_register* reg, const char* document_json,
                                 int64_t expected_revision, const char* actor, const char* reason) {
    clear_outs(out_changed);
    return guarded([&] {
        require(reg, "reg");
        require(document_json, "document_json");
        const bool changed = reg->reg.apply_activity_document(
            document_json, change_of(actor, reason),
            expected_revision < 0 ? std::nullopt : std::optional<std::int64_t>(expected_revision));
        if (out_changed)
            *out_changed = changed ? 1 : 0;
    });
}

int ropa_export_with(char** out, size_t* out_size, const ropa_register* reg, const char* options_json) {
    clear_outs(out, out_size);
    return guarded([&] {
        require(out, "out");
        require(reg, "reg");
        std::ostringstream buffer;
        ropa::export_record(reg->reg, export_options_of(options_json), buffer);
        const std::string bytes = buffer.str();
        *out = copy_out(bytes);
        if (out_size)
            *out_size = bytes.size();
    });
}

int ropa_export_file_with(const ropa_register* reg, const char* options_json, const char* path,
                          const char* key_path) {
    return guarded([&] {
        require(reg, "reg");
        require(path, "path");
        const auto options = export_options_of(options_json);
        if (!key_path) {
            ropa::export_record_to_file(reg->reg, options, path, {.replace_existing = true});
            return;
        }
        const auto key = ropa::SigningKey::load(key_path);
        ropa::ExportSignature signature;
        reg->reg.read_consistently([&] {
            ropa::export_record_to_file(reg->reg, options, path, {.replace_existing = true});
            signature = ropa::sign_export(reg->reg, options, path, key);
        });
        ropa::write_output_file(std::string(path) + ".sig",
                                [&](std::ostream& out) { out << ropa::export_signature_json(signature); },
                                {.replace_existing = true}, {reg->reg.file_path()});
    });
}

int ropa_verify_export_json(char** out_json, const ropa_register* reg, const char* path, const char* options_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(path, "path");
        const auto given = object_of(options_json, "options");
        require_known_keys(given, {"signature", "trusted_key", "format", "lang", "approved_only", "since", "at"},
                           "options");
        ropa::ExportVerifyOptions options;
        auto signature_path = optional_string(given, "signature", "options");
        if (!signature_path && std::ifstream(std::string(path) + ".sig"))
            signature_path = std::string(path) + ".sig";
        if (signature_path) {
            std::ifstream in(*signature_path, std::ios::binary);
            if (!in)
                throw ropa::Error(ropa::Errc::not_found, "cannot read " + *signature_path, "options.signature");
            std::ostringstream text;
            text << in.rdbuf();
            options.signature = ropa::export_signature_from_json(text.str());
        }
        options.trusted_key = trusted_key_of(optional_string(given, "trusted_key", "options"));
        if (auto format = optional_string(given, "format", "options"))
            options.format = ropa::export_format_from(*format);
        options.lang = optional_string(given, "lang", "options").value_or("");
        options.approved_only = optional_bool(given, "approved_only", "options");
        options.since = optional_string(given, "since", "options").value_or("");
        options.at = optional_string(given, "at", "options");
        options.reg = reg ? &reg->reg : nullptr;
        const auto result = ropa::verify_export(path, options);
        *out_json = copy_out(nlohmann::ordered_json{{"ok", result.ok()},
                                                    {"signature_checked", result.signature_checked},
                                                    {"signer", result.signer_fingerprint.empty()
                                                                   ? nlohmann::ordered_json(nullptr)
                                                                   : nlohmann::ordered_json(result.signer_fingerprint)},
                                                    {"content_compared", result.content_compared},
                                                    {"change_id", result.change_id},
                                                    {"problems", result.problems}}
                                 .dump());
    });
}

int ropa_key_new(char** out_fingerprint, const char* path) {
    clear_outs(out_fingerprint);
    return guarded([&] {
        require(path, "path");
        const auto key = ropa::SigningKey::generate();
        key.save(path);
        if (out_fingerprint)
            *out_fingerprint = copy_out(key.public_key().fingerprint());
    });
}

}  // extern "C"

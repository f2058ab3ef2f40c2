// The C API's shared machinery (c_support.hpp) and its functions about errors and memory.

#include "c_api/c_support.hpp"

#include <cstdlib>
#include <cstring>

#include "ropa/version.hpp"

namespace ropa::c_api {

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

} // namespace

void clear_error() noexcept {
    last_error.clear();
    last_error_json = "null";
}

int fail(int code, const std::string& message, const std::string& field,
         const std::vector<Error::BrokenRule>& broken) {
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

} // namespace ropa::c_api

using namespace ropa::c_api;

extern "C" {

const char* ropa_version(void) { return ropa::version(); }

const char* ropa_last_error(void) { return last_error.c_str(); }

const char* ropa_last_error_json(void) { return last_error_json.c_str(); }

void ropa_free(void* text) { std::free(text); }

}  // extern "C"

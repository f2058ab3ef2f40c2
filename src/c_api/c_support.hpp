#pragma once
// What every function of the C API shares (src/c_api): the handle, the guard that turns every
// failure into a status and the calling thread's error, the out-parameter rule, and the
// readers of the JSON objects callers pass. Internal: ropa.h is the API.

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropa/error.hpp"
#include "ropa/register.hpp"
#include "ropa/ropa.h"

/// One C handle for both kinds of register: the file (ropa_open, ropa_create), or a past
/// version (ropa_at), which has only the reads.
struct ropa_register {
    explicit ropa_register(ropa::Register file) : held(std::move(file)) {}
    explicit ropa_register(ropa::Snapshot past) : held(std::move(past)) {}

    /// What every version can be asked.
    const ropa::RegisterView& view() const {
        if (const auto* file = std::get_if<ropa::Register>(&held))
            return *file;
        return std::get<ropa::Snapshot>(held);
    }
    /// The file's own functions (writes, history, migration): a handle from ropa_at has none,
    /// and is refused naming `what`.
    ropa::Register& file(const char* what) {
        if (auto* file = std::get_if<ropa::Register>(&held))
            return *file;
        refuse_past(what);
    }
    const ropa::Register& file(const char* what) const {
        if (const auto* file = std::get_if<ropa::Register>(&held))
            return *file;
        refuse_past(what);
    }

    std::variant<ropa::Register, ropa::Snapshot> held;

private:
    [[noreturn]] static void refuse_past(const char* what) {
        throw ropa::Error(ropa::Errc::validation,
                          std::string(what) + " works on the register itself, not on a past version (ropa_at)");
    }
};

namespace ropa::c_api {

/// Records the calling thread's error (message repaired to valid UTF-8, and as JSON) and
/// returns `code`.
int fail(int code, const std::string& message, const std::string& field = {},
         const std::vector<Error::BrokenRule>& broken = {});
/// Clears the calling thread's error, at the start of every call.
void clear_error() noexcept;

/// Runs `body`, turning every failure into a status code and the thread's error.
template <class Body>
int guarded(Body&& body) {
    try {
        clear_error();
        body();
        return ROPA_OK;
    } catch (const Error& e) {
        return fail(static_cast<int>(e.code()), e.what(), e.field(), e.broken_rules());
    } catch (const std::bad_alloc&) {
        return fail(ROPA_E_INTERNAL, "out of memory");
    } catch (const std::exception& e) {
        return fail(ROPA_E_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(ROPA_E_INTERNAL, "internal error");
    }
}

/// The one rule for out-parameters (ropa.h): each one given is cleared before anything else,
/// so that on failure it holds NULL (or 0), never a stale or half-made value.
template <class... Outs>
void clear_outs(Outs*... outs) {
    ((outs ? void(*outs = {}) : void()), ...);
}

/// Text for the caller, allocated with malloc (ropa_free frees it). Throws std::bad_alloc.
char* copy_out(const std::string& text);
/// Refuses a NULL argument, naming it (Error{validation}).
void require(const void* pointer, const char* name);
const EntityInfo& entity_named(const char* name);
const LinkInfo& link_named(const char* name);
ChangeRequest change_of(const char* actor, const char* reason);

/// A JSON object given by the caller (NULL: empty), read strictly.
nlohmann::json object_of(const char* text, const char* name);
std::optional<std::string> optional_string(const nlohmann::json& object, const char* key, const std::string& path);
std::string required_string(const nlohmann::json& object, const char* key, const std::string& path);
bool optional_bool(const nlohmann::json& object, const char* key, const std::string& path);
/// Refuses a key `object` does not know, naming it: a misspelt "expected_revision" must not
/// quietly turn off the check it asks for.
void require_known_keys(const nlohmann::json& object, std::initializer_list<const char*> known,
                        const std::string& path);

/// A JSON array of `items`, each written by `one`.
template <class Items>
std::string json_array(const Items& items, std::string (*one)(const typename Items::value_type&)) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? "," : "") + one(items[i]);
    return out + "]";
}

} // namespace ropa::c_api

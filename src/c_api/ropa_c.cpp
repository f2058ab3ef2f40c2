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

int fail(int code, const std::string& message) {
    last_error = message;
    return code;
}

char* copy_out(const std::string& text) {
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out) {
        std::memcpy(out, text.data(), text.size());
        out[text.size()] = '\0';
    }
    return out;
}

// Runs `body`, turning every failure into a status code and a message.
template <class Body>
int guarded(Body&& body) {
    try {
        last_error.clear();
        body();
        return ROPA_OK;
    } catch (const ropa::Error& e) {
        return fail(static_cast<int>(e.code()), e.what());
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

void ropa_free(void* text) { std::free(text); }

int ropa_open(ropa_register** out, const char* path, int flags) {
    return guarded([&] {
        require(out, "out");
        require(path, "path");
        *out = nullptr;
        auto reg = (flags & ROPA_OPEN_CREATE)
                       ? ropa::Register::create(path)
                       : ropa::Register::open(path, {.mode = (flags & ROPA_OPEN_READ_ONLY) ? ropa::OpenMode::read_only
                                                                                          : ropa::OpenMode::read_write});
        *out = new ropa_register{std::move(reg)};
    });
}

void ropa_close(ropa_register* reg) { delete reg; }

int ropa_at(ropa_register** out, const ropa_register* reg, const char* ref) {
    return guarded([&] {
        require(out, "out");
        require(reg, "reg");
        require(ref, "ref");
        *out = new ropa_register{reg->reg.at(ref)};
    });
}

int ropa_get_json(char** out_json, const ropa_register* reg, const char* entity, const char* ref) {
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(ref, "ref");
        *out_json = copy_out(ropa::record_json(reg->reg.get(entity_named(entity).kind, ref)));
    });
}

int ropa_list_json(char** out_json, const ropa_register* reg, const char* entity) {
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(json_array(reg->reg.list(entity_named(entity).kind), &ropa::record_json));
    });
}

int ropa_links_json(char** out_json, const ropa_register* reg, const char* link, const char* from) {
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
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto report = reg->reg.check();
        *out_json = copy_out(ropa::check_json(report));
    });
}

int ropa_log_json(char** out_json, const ropa_register* reg) {
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& c : reg->reg.log())
            out.push_back({{"id", c.id}, {"recorded_at", c.recorded_at}, {"actor", c.actor}, {"reason", c.reason},
                           {"summary", c.summary}, {"tags", c.tags}, {"hash", c.hash}});
        *out_json = copy_out(out.dump());
    });
}

int ropa_export(char** out, size_t* out_size, const ropa_register* reg, const char* format, const char* lang) {
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

}  // extern "C"

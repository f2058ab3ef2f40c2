// The C API (ropa.h): handles, reading, single writes, check, exports and the file; every entry
// point catches everything, so no exception crosses into C. Batches of writes are in
// c_batch.cpp; history, signatures and the other options in c_history.cpp.

#include "ropa/ropa.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "c_api/c_support.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"

using namespace ropa::c_api;

extern "C" {

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
        *out = new ropa_register{reg->file("ropa_at").at(ref)};
    });
}

int ropa_get_json(char** out_json, const ropa_register* reg, const char* entity, const char* ref) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(ref, "ref");
        *out_json = copy_out(ropa::record_json(reg->view().get(entity_named(entity).kind, ref)));
    });
}

int ropa_list_json(char** out_json, const ropa_register* reg, const char* entity) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(json_array(reg->view().list(entity_named(entity).kind), &ropa::record_json));
    });
}

int ropa_links_json(char** out_json, const ropa_register* reg, const char* link, const char* from) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto& info = link_named(link);
        *out_json = copy_out(json_array(
            reg->view().list_links(info.kind, from ? std::optional<std::string>(from) : std::nullopt), &ropa::link_json));
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
            reg->file("ropa_create_json").create(kind, code ? std::optional<std::string>(code) : std::nullopt,
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
        const auto updated = reg->file("ropa_update_json").update(
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
        reg->file("ropa_remove").remove(entity_named(entity).kind, ref, change_of(actor, reason));
    });
}

int ropa_link(ropa_register* reg, const char* link, const char* from, const char* to, const char* actor,
              const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        require(from, "from");
        require(to, "to");
        reg->file("ropa_link").link({link_named(link).kind, from, to, {}}, change_of(actor, reason));
    });
}

int ropa_unlink(ropa_register* reg, const char* link, const char* from, const char* to, const char* actor,
                const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        require(from, "from");
        require(to, "to");
        reg->file("ropa_unlink").unlink(link_named(link).kind, from, to, change_of(actor, reason));
    });
}

int ropa_check_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto report = reg->view().check();
        *out_json = copy_out(ropa::check_json(report));
    });
}

int ropa_log_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(ropa::changes_json(reg->file("ropa_log_json").log()));
    });
}

int ropa_export(char** out, size_t* out_size, const ropa_register* reg, const char* format, const char* lang) {
    clear_outs(out, out_size);
    return guarded([&] {
        require(out, "out");
        require(reg, "reg");
        require(format, "format");
        std::ostringstream buffer;
        ropa::export_record(reg->view(), {ropa::export_format_from(format), lang ? lang : ""}, buffer);
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
        ropa::export_record_to_file(reg->view(), {ropa::export_format_from(format), lang ? lang : ""}, path,
                                    {.replace_existing = true});
    });
}

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
        *out_json = copy_out(ropa::info_json(reg->view().info()));
    });
}

int ropa_migrate(char** out_json, ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(reg, "reg");
        const auto levels = reg->file("ropa_migrate").migrate();
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
        const auto outcome = reg->file("ropa_apply_seed").apply_seed(name, change_of(actor, reason));
        if (out_applied)
            *out_applied = outcome == ropa::SeedOutcome::applied ? 1 : 0;
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
        *out_json = copy_out(json_array(reg->view().list(kind, filter), &ropa::record_json));
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
        *out_json = copy_out(ropa::changes_json(reg->file("ropa_log_filter_json").log(filter)));
    });
}

}  // extern "C"

// The C API's history, import, settings, the activity document, exports with every option,
// signed exports and keys.

#include "ropa/ropa.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "c_api/c_support.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"

namespace ropa::c_api {

namespace {

// The options of an export: {"format", "lang", "approved_only", "since", "base", "format_version", "template"}.
ropa::ExportOptions export_options_of(const char* options_json) {
    const auto given = object_of(options_json, "options");
    require_known_keys(given, {"format", "lang", "approved_only", "since", "base", "format_version", "template"}, "options");
    ropa::ExportOptions options;
    options.format = ropa::export_format_from(optional_string(given, "format", "options").value_or("json"));
    options.lang = optional_string(given, "lang", "options").value_or("");
    options.approved_only = optional_bool(given, "approved_only", "options");
    options.since = optional_string(given, "since", "options").value_or("");
    options.base = optional_string(given, "base", "options").value_or("");
    options.template_name = optional_string(given, "template", "options").value_or("");
    if (auto version = given.find("format_version"); version != given.end() && !version->is_null()) {
        if (!version->is_number_integer() || version->get<long long>() < 0 || version->get<long long>() > 100)
            throw ropa::Error(ropa::Errc::validation, "options.format_version: must be a whole number (0: the newest)",
                              "options.format_version");
        options.format_version = version->get<int>();
    }
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

} // namespace

} // namespace ropa::c_api

using namespace ropa::c_api;

extern "C" {

int ropa_tag(ropa_register* reg, const char* name, const char* message, const char* actor, const char* key_path) {
    return guarded([&] {
        require(reg, "reg");
        require(name, "name");
        require(actor, "actor");
        std::optional<ropa::SigningKey> key;
        if (key_path)
            key = ropa::SigningKey::load(key_path);
        reg->file("ropa_tag").tag(name, message ? message : "", actor, key ? &*key : nullptr);
    });
}

int ropa_tags_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(ropa::tags_json(reg->file("ropa_tags_json").tags()));
    });
}

int ropa_diff_json(char** out_json, const ropa_register* reg, const char* from, const char* to) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(from, "from");
        *out_json = copy_out(ropa::diff_json(reg->file("ropa_diff_json").diff(from, to ? std::string_view(to) : std::string_view())));
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
        *out_json = copy_out(ropa::verify_json(reg->file("ropa_verify_json").verify(options)));
    });
}

int ropa_revert(ropa_register* reg, int64_t change_id, const char* actor, const char* reason) {
    return guarded([&] {
        require(reg, "reg");
        reg->file("ropa_revert").revert(change_id, change_of(actor, reason));
    });
}

int ropa_import_json(size_t* out_loaded, ropa_register* reg, const char* json, int replace, const char* actor,
                     const char* reason) {
    clear_outs(out_loaded);
    return guarded([&] {
        require(reg, "reg");
        require(json, "json");
        const auto loaded = reg->file("ropa_import_json").import_json(json, replace != 0, change_of(actor, reason));
        if (out_loaded)
            *out_loaded = loaded;
    });
}

int ropa_import_json_file(size_t* out_loaded, ropa_register* reg, const char* path, int replace, const char* actor,
                          const char* reason) {
    clear_outs(out_loaded);
    return guarded([&] {
        require(reg, "reg");
        require(path, "path");
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw ropa::Error(ropa::Errc::not_found, std::string("cannot read ") + path, "path");
        const auto loaded = reg->file("ropa_import_json_file").import_json(in, replace != 0, change_of(actor, reason));
        if (out_loaded)
            *out_loaded = loaded;
    });
}

int ropa_settings_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        const auto settings = reg->view().settings();
        *out_json = copy_out(nlohmann::ordered_json{{"default_language", settings.default_language},
                                                    {"review_interval_months", settings.review_interval_months},
                                                    {"required_fields", settings.required_fields}}
                                 .dump());
    });
}

int ropa_acknowledgements_json(char** out_json, const ropa_register* reg) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        *out_json = copy_out(ropa::acknowledgements_json(reg->view().acknowledgements()));
    });
}

int ropa_activity_document(char** out_json, const ropa_register* reg, const char* code) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(reg, "reg");
        require(code, "code");
        *out_json = copy_out(ropa::activity_document(reg->view(), code));
    });
}

int ropa_apply_activity_document(int* out_changed, ropa_register* reg, const char* document_json,
                                 int64_t expected_revision, const char* actor, const char* reason) {
    clear_outs(out_changed);
    return guarded([&] {
        require(reg, "reg");
        require(document_json, "document_json");
        const bool changed = reg->file("ropa_apply_activity_document").apply_activity_document(
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
        ropa::export_record(reg->view(), export_options_of(options_json), buffer);
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
            ropa::export_record_to_file(reg->view(), options, path, {.replace_existing = true});
            return;
        }
        ropa::export_record_signed(reg->view(), options, path, ropa::SigningKey::load(key_path), {.replace_existing = true});
    });
}

int ropa_verify_export_json(char** out_json, const ropa_register* reg, const char* path, const char* options_json) {
    clear_outs(out_json);
    return guarded([&] {
        require(out_json, "out_json");
        require(path, "path");
        const auto given = object_of(options_json, "options");
        require_known_keys(given, {"signature", "trusted_key", "format", "lang", "approved_only", "since", "base", "at"},
                           "options");
        ropa::ExportVerifyOptions options;
        std::optional<std::filesystem::path> signature_path;
        if (auto given_path = optional_string(given, "signature", "options"))
            signature_path = *given_path;
        try {
            options.signature = ropa::read_export_signature(path, signature_path);
        } catch (const ropa::Error& e) {
            if (e.code() != ropa::Errc::not_found)
                throw;
            throw ropa::Error(e.code(), e.what(), "options.signature");
        }
        options.trusted_key = trusted_key_of(optional_string(given, "trusted_key", "options"));
        if (auto format = optional_string(given, "format", "options"))
            options.format = ropa::export_format_from(*format);
        options.lang = optional_string(given, "lang", "options").value_or("");
        options.approved_only = optional_bool(given, "approved_only", "options");
        options.since = optional_string(given, "since", "options").value_or("");
        options.base = optional_string(given, "base", "options").value_or("");
        options.at = optional_string(given, "at", "options");
        options.reg = reg ? &reg->file("ropa_verify_export_json") : nullptr;
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

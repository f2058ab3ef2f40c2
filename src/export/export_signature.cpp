// Signed exports and their verification: FILE.sig beside FILE, and a re-export compared byte
// for byte (docs/versioning.md, "Signed heads and exports").

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "export/formats.hpp"
#include "history/canonical.hpp"
#include "history/sha256.hpp"
#include "import/json_layout.hpp"
#include "import/strict_json.hpp"
#include "ropa/export.hpp"

namespace ropa {

namespace {

constexpr int signature_format = 1;

/// The file's bytes. Throws Error{not_found}.
std::string read_whole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(Errc::not_found, "cannot read " + path.string(), "file");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

detail::ExportStatement statement_of(const ExportSignature& signature) {
    return {signature.file_sha256,        std::string(export_format_name(signature.options.format)),
            signature.options.lang,        signature.options.approved_only,
            signature.options.since,       signature.change_id,
            signature.change_hash,         signature.recorded_at};
}

/// The base a dpv export was made with: the IRI of its first node, the register's ("" if none).
std::string base_in(std::string_view bytes) {
    constexpr std::string_view first_node = "\"@graph\": [\n{\"@id\":\"";
    const auto at = bytes.find(first_node);
    if (at == std::string_view::npos)
        return "";
    const auto start = at + first_node.size();
    const auto end = bytes.find('"', start);
    return end == std::string_view::npos ? "" : std::string(bytes.substr(start, end - start));
}

/// The format an export's bytes are in; csv and csv-matrix cannot be told apart by their first
/// bytes, so both are candidates.
std::vector<ExportFormat> formats_by_content(std::string_view bytes) {
    if (bytes.starts_with("PK\x03\x04"))
        return {ExportFormat::xlsx};
    if (bytes.starts_with("{\n\"@context\""))
        return {ExportFormat::dpv};
    if (bytes.starts_with("{"))
        return {ExportFormat::json};
    if (bytes.starts_with("<!DOCTYPE html"))
        return {ExportFormat::html};
    if (bytes.starts_with("# "))
        return {ExportFormat::markdown};
    return {ExportFormat::csv, ExportFormat::csv_matrix};
}

/// The chain hashes an export's text holds (its stamp gives the version's): every run of
/// exactly 64 lower-case hex digits.
std::vector<std::string> hashes_in(const std::string& bytes) {
    static const std::regex hash("(^|[^0-9a-f])([0-9a-f]{64})(?![0-9a-f])");
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), hash); it != std::sregex_iterator(); ++it)
        if (std::find(found.begin(), found.end(), (*it)[2].str()) == found.end())
            found.push_back((*it)[2].str());
    return found;
}

// The "format_version" a JSON export states near its start (0 when it states none: the newest).
int format_version_in(const std::string& bytes) {
    static const std::regex stated("^\\{\\s*\"format\": \"ropa-record\",\\s*\"format_version\": ([0-9]{1,2}),");
    std::smatch found;
    const std::string head = bytes.substr(0, 200);
    if (!std::regex_search(head, found, stated))
        return 0;
    // a version ropa never wrote (1 was written only before schema level 6) is compared as the newest
    const int stated_version = std::stoi(found[1].str());
    return stated_version >= detail::oldest_written_format_version && stated_version <= detail::current_format_version
               ? stated_version
               : 0;
}

std::string exported_bytes(const RegisterView& version, const ExportOptions& options) {
    std::ostringstream out;
    export_record(version, options, out);
    return std::move(out).str();
}

std::size_t first_difference(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    return i;
}

void check_signature(const std::string& bytes, const ExportSignature& signature,
                     const std::optional<std::string>& trusted_key, ExportVerification& result) {
    result.signature_checked = true;
    result.change_id = signature.change_id;
    const auto key = PublicKey::from_hex(signature.signer_key, "signer.key");
    result.signer_fingerprint = key.fingerprint();
    if (detail::sha256_hex(bytes) != signature.file_sha256)
        result.problems.push_back("the file is not the one signed: its SHA-256 differs from the signature's (it "
                                  "was changed after signing)");
    if (!key.verifies(detail::export_signature_message(statement_of(signature)), signature.signature))
        result.problems.push_back("the signature does not hold: the signature file was edited, or made by "
                                  "another program");
    if (trusted_key) {
        const auto trusted = PublicKey::from_hex(*trusted_key, "public key");
        if (!(key == trusted))
            result.problems.push_back("signed by key " + key.fingerprint() + ", not by the key given (" +
                                      trusted.fingerprint() + ")");
    }
}

} // namespace

ExportSignature sign_export(const RegisterView& reg, const ExportOptions& options, const std::filesystem::path& exported,
                            const SigningKey& key) {
    const auto version = reg.version();
    if (!version)
        throw Error(Errc::validation, "the register has no history yet: there is no version to sign");
    ExportSignature signature;
    signature.file_sha256 = detail::sha256_hex(read_whole(exported));
    signature.options = options;
    signature.change_id = version->id;
    signature.change_hash = version->hash;
    signature.recorded_at = version->recorded_at;
    signature.signer_key = key.public_key().hex();
    signature.signature = key.sign(detail::export_signature_message(statement_of(signature)));
    return signature;
}

ExportSignature export_record_signed(const RegisterView& reg, const ExportOptions& options,
                                     const std::filesystem::path& path, const SigningKey& key,
                                     const OutputFileOptions& file_options) {
    const auto signature_file = std::filesystem::path(path.string() + ".sig");
    if (!file_options.replace_existing && std::filesystem::exists(std::filesystem::symlink_status(signature_file)))
        throw Error(Errc::conflict,
                    signature_file.string() + " already exists (replace it and " + path.string() + " to sign again)",
                    "output");
    ExportSignature signature;
    reg.read_consistently([&] {
        export_record_to_file(reg, options, path, file_options);
        signature = sign_export(reg, options, path, key);
    });
    write_output_file(signature_file, [&](std::ostream& out) { out << export_signature_json(signature); }, file_options,
                      {reg.file_path()});
    return signature;
}

std::optional<ExportSignature> read_export_signature(const std::filesystem::path& exported,
                                                     const std::optional<std::filesystem::path>& signature_file) {
    std::filesystem::path file;
    if (signature_file)
        file = *signature_file;
    else if (std::filesystem::is_regular_file(exported.string() + ".sig"))
        file = exported.string() + ".sig";
    else
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(Errc::not_found, "cannot read " + file.string(), "signature");
    std::ostringstream text;
    text << in.rdbuf();
    return export_signature_from_json(text.str());
}

std::string export_signature_json(const ExportSignature& signature) {
    const auto key = PublicKey::from_hex(signature.signer_key, "signer.key");
    nlohmann::ordered_json json = {
        {"ropa_export_signature", signature_format},
        {"file_sha256", signature.file_sha256},
        {"format", export_format_name(signature.options.format)},
        {"lang", signature.options.lang},
        {"approved_only", signature.options.approved_only},
        {"since", signature.options.since},
        {"version", {{"change", signature.change_id}, {"hash", signature.change_hash},
                     {"recorded_at", signature.recorded_at}}},
        {"signer", {{"key", signature.signer_key}, {"fingerprint", key.fingerprint()}}},
        {"signature", signature.signature}};
    // Only a dpv export has a base (older signatures, and the other formats, have no such key).
    // It is not in the signed statement: the file's hash, which is, covers every IRI in it.
    if (!signature.options.base.empty())
        json["base"] = signature.options.base;
    // Likewise an authority's template (csv, xlsx), so that the export is made again in it.
    if (!signature.options.template_name.empty())
        json["template"] = signature.options.template_name;
    return json.dump(2) + "\n";
}

ExportSignature export_signature_from_json(std::string_view text) {
    const auto json = detail::parse_json_strictly(text, "signature");
    auto field = [&](const nlohmann::json& object, const std::string& name, const std::string& path,
                     nlohmann::json::value_t type) -> const nlohmann::json& {
        if (!object.is_object() || !object.contains(name) || object.at(name).type() != type)
            throw Error(Errc::validation, "not a ropa export signature: " + path + " is missing or of the wrong type",
                        path);
        return object.at(name);
    };
    using T = nlohmann::json::value_t;
    if (field(json, "ropa_export_signature", "ropa_export_signature", T::number_unsigned).get<int>() !=
        signature_format)
        throw Error(Errc::validation, "ropa_export_signature: this program reads format 1", "ropa_export_signature");
    ExportSignature signature;
    signature.file_sha256 = field(json, "file_sha256", "file_sha256", T::string).get<std::string>();
    signature.options.format =
        export_format_from(field(json, "format", "format", T::string).get<std::string>());
    signature.options.lang = field(json, "lang", "lang", T::string).get<std::string>();
    signature.options.approved_only = field(json, "approved_only", "approved_only", T::boolean).get<bool>();
    signature.options.since = field(json, "since", "since", T::string).get<std::string>();
    if (json.contains("base"))
        signature.options.base = field(json, "base", "base", T::string).get<std::string>();
    if (json.contains("template"))
        signature.options.template_name = field(json, "template", "template", T::string).get<std::string>();
    const auto& version = field(json, "version", "version", T::object);
    signature.change_id = field(version, "change", "version.change", T::number_unsigned).get<std::int64_t>();
    signature.change_hash = field(version, "hash", "version.hash", T::string).get<std::string>();
    signature.recorded_at = field(version, "recorded_at", "version.recorded_at", T::string).get<std::string>();
    const auto& signer = field(json, "signer", "signer", T::object);
    signature.signer_key = field(signer, "key", "signer.key", T::string).get<std::string>();
    PublicKey::from_hex(signature.signer_key, "signer.key");  // well formed, or refused here
    signature.signature = field(json, "signature", "signature", T::string).get<std::string>();
    return signature;
}

ExportVerification verify_export(const std::filesystem::path& file, const ExportVerifyOptions& options) {
    if (!options.signature && !options.reg)
        throw Error(Errc::validation,
                    "nothing to check " + file.string() + " against: it has no signature file and no register was given",
                    "signature");
    const auto bytes = read_whole(file);
    ExportVerification result;
    if (options.signature)
        check_signature(bytes, *options.signature, options.trusted_key, result);
    if (!options.reg)
        return result;

    // The version the file shows, and how it was made.
    std::string version_ref;
    std::vector<ExportOptions> candidates;
    if (options.signature) {
        version_ref = std::to_string(options.signature->change_id);
        candidates.push_back(options.signature->options);
    } else {
        const auto formats = options.format ? std::vector<ExportFormat>{*options.format} : formats_by_content(bytes);
        for (const auto format : formats) {
            candidates.push_back({format, options.lang, options.approved_only, options.since,
                                  format == ExportFormat::dpv && options.base.empty() ? base_in(bytes) : options.base});
            // a table may be laid out as an authority's template
            if (format == ExportFormat::csv || format == ExportFormat::xlsx)
                for (const auto& name : detail::template_names()) {
                    auto in_template = candidates.back();
                    in_template.template_name = name;
                    candidates.push_back(in_template);
                }
        }
        if (options.at) {
            version_ref = *options.at;
        } else if (formats.front() == ExportFormat::xlsx) {
            throw Error(Errc::validation,
                        "an XLSX file's version cannot be read without its signature: give the version (--at)", "at");
        } else {
            for (const auto& hash : hashes_in(bytes))
                if (options.reg->find_version(hash)) {  // a lookup, not the version read back
                    version_ref = hash;
                    break;
                }
            if (version_ref.empty()) {
                result.problems.push_back("no version of this register is named in the file: no chain hash in it is "
                                          "one of the register's changes (another register, a history rewritten, "
                                          "or a CSV file without rows: give the version with --at)");
                return result;
            }
        }
    }
    // A JSON file says which version of the format it is in: made again in that version.
    for (auto& candidate : candidates)
        if (candidate.format == ExportFormat::json)
            candidate.format_version = format_version_in(bytes);
    const auto version = options.reg->at(version_ref);
    const auto shown = version.version();
    result.change_id = shown ? shown->id : 0;
    if (options.signature && shown && shown->hash != options.signature->change_hash) {
        result.problems.push_back("the register's change " + std::to_string(shown->id) +
                                  " no longer has the hash the signature names: its history up to that change was "
                                  "rewritten after the export was signed");
        return result;
    }
    result.content_compared = true;
    std::size_t closest = 0;
    for (const auto& candidate : candidates) {
        const auto expected = exported_bytes(version, candidate);
        if (expected == bytes)
            return result;
        closest = std::max(closest, first_difference(expected, bytes));
    }
    result.problems.push_back("the file is not what the register produced at change " +
                              std::to_string(result.change_id) + " with these options (first difference at byte " +
                              std::to_string(closest) + ")");
    return result;
}

} // namespace ropa

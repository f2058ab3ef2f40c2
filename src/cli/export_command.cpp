// ropa export: the record in the forms auditors use, of the current or any past version.

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "ropa/export.hpp"

namespace ropa::cli {

namespace {

/// export -o FILE --sign KEY: FILE, then FILE.sig, both of one version (one read transaction).
/// Everything that can refuse (the key, an existing FILE.sig) does so before FILE is written.
int export_signed(const Context& context, const ExportOptions& export_options, const std::string& output,
                  const std::string& key_file, bool force, bool schema) {
    if (schema)
        throw UsageError("--sign signs an export of the record, not the schema");
    if (output == "-")
        throw UsageError("--sign needs -o FILE: the signature is written beside it as FILE.sig");
    const auto key = SigningKey::load(key_file);
    const std::string signature_file = output + ".sig";
    if (!force && std::filesystem::exists(std::filesystem::symlink_status(signature_file)))
        throw Error(Errc::conflict, signature_file + " already exists (give --force to replace it and " + output + ")",
                    "output");
    const OpenedVersion opened(context);
    const RegisterView& reg = *opened;
    export_record_signed(reg, export_options, output, key, {.replace_existing = force});
    std::cerr << "wrote " << output << " and " << signature_file << ", signed by " << key.public_key().fingerprint()
              << "\n";
    return exit_ok;
}

} // namespace

void setup_export_command(CLI::App& app, Context& context) {
    struct ExportCommandOptions {
        std::string format = "json";
        std::string lang;
        std::string output = "-";
        bool force = false;
        bool schema = false;
        bool approved_only = false;
        std::string key, since, base, layout;
    };
    auto options = std::make_shared<ExportCommandOptions>();
    auto* command = app.add_subcommand(
        "export", "Write the record (Art. 30(4)) as json, csv, csv-matrix, xlsx, html, md or dpv; with --at, of a past version");
    command->add_option("--format,-f", options->format,
                        "json, csv, csv-matrix, xlsx, html, md, or dpv (the W3C Data Privacy Vocabulary as JSON-LD, "
                        "for publication; needs --base)")
        ->capture_default_str();
    command->add_option("--lang", options->lang,
                        "Language of names in csv, xlsx, html and md (default: each text's source language), and of "
                        "the form in xlsx, html and md (nl, fr, de, else English; default: the register's language); "
                        "json and dpv carry every language")
        ->transform(language_tag());
    command->add_option("-o,--output", options->output,
                        "File to write (mode 0600; never the register, a database, a folder or a device), "
                        "or - for standard output")
        ->capture_default_str();
    command->add_flag("--force", options->force, "Replace the output file if it exists (it keeps its permissions)");
    command->add_flag("--schema", options->schema, "Write the JSON Schema of the json format instead");
    command->add_flag("--approved-only", options->approved_only,
                      "Only approved (active) activities: no drafts, activities in review or retired ones (the "
                      "export says so)");
    command->add_option("--since", options->since,
                        "Add the changes since this version (change id, tag, chain hash or time), record by record "
                        "and field by field: html, md and xlsx");
    command->add_option("--base", options->base,
                        "dpv: the http(s) IRI the records are published under; each record's IRI is BASE/KIND/CODE "
                        "(https://example.org/ropa/activity/PAYROLL)");
    command->add_option("--template", options->layout,
                        "Lay the record out as an authority's template, its columns and headings: ico (the UK ICO's "
                        "documentation template for controllers; csv, xlsx), cnil (the CNIL's model register, a "
                        "list and a fiche for each activity; xlsx)");
    command->add_option("--sign", options->key,
                        "Sign the file with this private key file (ropa key new): writes FILE.sig beside it, which "
                        "ropa verify-export checks");
    command->callback([&context, options, command] {
        const bool template_given = command->count("--template") > 0;
        context.action = [&context, options, template_given] {
            const auto format = export_format_from(options->format);
            if (template_given && options->layout.empty())
                throw UsageError("--template: name the template (ico, cnil)");
            if (!options->key.empty())
                return export_signed(context, {format, options->lang, options->approved_only, options->since, options->base, 0, options->layout}, options->output,
                                     options->key, options->force, options->schema);
            const bool to_stdout = options->output == "-";
            if (format == ExportFormat::xlsx && to_stdout && ::isatty(STDOUT_FILENO) && !options->schema)
                throw UsageError("an XLSX file is binary: give -o FILE.xlsx");
            auto write = [&](std::ostream& out) {
                if (options->schema) {
                    out << record_json_schema();
                    return;
                }
                const OpenedVersion opened(context);
                const RegisterView& reg = *opened;
                // Asked for a language the register has no text in, the reader would get every
                // text in another: said once here, and at each text in the export.
                if (!options->lang.empty() && format != ExportFormat::json && format != ExportFormat::dpv) {
                    const auto languages = reg.text_summary(options->lang).languages;
                    if (std::find(languages.begin(), languages.end(), options->lang) == languages.end())
                        std::cerr << "ropa: warning: the register holds no text in " << options->lang
                                  << "; each text is shown in its source language, marked with its tag\n";
                }
                export_record(reg, {format, options->lang, options->approved_only, options->since, options->base, 0, options->layout},
                              out);
            };
            if (to_stdout) {
                write(std::cout);
                return exit_ok;
            }
            // The register named by --db is protected even where the schema alone is written.
            write_output_file(options->output, write, {.replace_existing = options->force}, {context.global.db});
            std::cerr << "wrote " << options->output << "\n";
            return exit_ok;
        };
    });
}

} // namespace ropa::cli

namespace ropa::cli {

void setup_import_command(CLI::App& app, Context& context) {
    struct ImportOptions {
        std::string file, reason;
        bool replace = false;
    };
    auto options = std::make_shared<ImportOptions>();
    auto* command = app.add_subcommand(
        "import", "Load a JSON export (ropa-record) as one change, read as a stream; a fault anywhere in the file leaves the register as it was");
    command->add_option("file", options->file, "The JSON file, or - for standard input")->required();
    command->add_flag("--replace", options->replace,
                      "Turn a register that already has records into exactly the file's content");
    command->add_option("-m,--message", options->reason, "Why (recorded with the change) [required]");
    command->callback([&context, options] {
        context.action = [&context, options] {
            const auto change = change_request(context, options->reason);
            // read as a stream, one record at a time, however large the file
            std::ifstream file;
            if (options->file != "-") {
                file.open(options->file, std::ios::binary);
                if (!file)
                    throw Error(Errc::not_found, "cannot read " + options->file, "file");
            }
            auto reg = open_register(context);
            const auto before = reg.version();
            const auto loaded =
                reg.import_json(options->file == "-" ? static_cast<std::istream&>(std::cin) : file, options->replace, change);
            const auto after = reg.version();
            if (before && after && before->id == after->id)
                std::cout << "the register already holds exactly the content of " << options->file
                          << "; no change recorded\n";
            else {
                // what the change did, as the log says it: with --replace, only what differed
                std::string summary;
                for (const auto& change_info : reg.log({.since = after->recorded_at}))
                    if (change_info.id == after->id)
                        summary = change_info.summary;
                std::cout << "imported " << options->file << " as change " << after->id << ": " << summary << " ("
                          << loaded << " records and links read)\n";
            }
            return exit_ok;
        };
    });
}

} // namespace ropa::cli

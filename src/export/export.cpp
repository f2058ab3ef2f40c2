#include "ropa/export.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "import/json_layout.hpp"
#include "export/formats.hpp"

namespace ropa {

ExportFormat export_format_from(std::string_view name) {
    if (name == "json") return ExportFormat::json;
    if (name == "csv") return ExportFormat::csv;
    if (name == "csv-matrix") return ExportFormat::csv_matrix;
    if (name == "xlsx") return ExportFormat::xlsx;
    if (name == "html") return ExportFormat::html;
    if (name == "md" || name == "markdown") return ExportFormat::markdown;
    if (name == "dpv") return ExportFormat::dpv;
    throw Error(Errc::validation, "format: must be json, csv, csv-matrix, xlsx, html, md or dpv", "format");
}

std::string_view export_format_name(ExportFormat format) {
    switch (format) {
    case ExportFormat::json: return "json";
    case ExportFormat::csv: return "csv";
    case ExportFormat::csv_matrix: return "csv-matrix";
    case ExportFormat::xlsx: return "xlsx";
    case ExportFormat::html: return "html";
    case ExportFormat::markdown: return "md";
    case ExportFormat::dpv: return "dpv";
    }
    return "json";
}

std::string record_json_schema() { return detail::json_schema_text(); }

std::string activity_document(const RegisterView& reg, std::string_view code) {
    return detail::activity_document_text(reg, code);
}

namespace detail {

std::string publication_base(const std::string& base) {
    // An absolute http(s) IRI with nothing a JSON-LD processor or a reader would have to
    // escape: every record's IRI is built by appending to it.
    const bool scheme = base.starts_with("https://") || base.starts_with("http://");
    const auto host = base.find("://") + 3;
    const auto hash = base.find('#');
    const bool query_or_fragment =
        base.find('?') != std::string::npos || (hash != std::string::npos && hash + 1 != base.size());
    if (!scheme || base.size() <= host || base[host] == '/' || query_or_fragment ||
        base.find_first_of(" \"<>{}|\\^`", 0) != std::string::npos ||
        std::any_of(base.begin(), base.end(), [](char c) { return static_cast<unsigned char>(c) < 0x21 || c == 0x7f; }))
        throw Error(Errc::validation,
                    "base: \"" + base + "\" is not an absolute http or https IRI without spaces, quotes, a query "
                    "or a fragment (https://example.org/ropa/)",
                    "base");
    return base.ends_with('/') || base.ends_with('#') ? base : base + "/";
}

std::filesystem::path temporary_folder() {
    std::error_code error;
    auto folder = std::filesystem::temp_directory_path(error);
    if (error) {
        const char* tmpdir = std::getenv("TMPDIR");
        throw Error(Errc::io, std::string("TMPDIR (") + (tmpdir ? tmpdir : "") +
                                  ") is not a folder; the XLSX export needs one for its temporary files",
                    "TMPDIR");
    }
    return folder;
}

} // namespace detail

namespace {

void write_export(const RegisterView& reg, const ExportOptions& options, std::ostream& out) {
    if (!options.since.empty() && options.format != ExportFormat::html && options.format != ExportFormat::markdown &&
        options.format != ExportFormat::xlsx)
        throw Error(Errc::validation,
                    "since: the changes since a version are a section of the html, md and xlsx exports (for the "
                    "changes alone: ropa diff --json)",
                    "since");
    if (options.format == ExportFormat::dpv && options.base.empty())
        throw Error(Errc::validation,
                    "base: the dpv export needs the IRI its records are published under (--base "
                    "https://example.org/ropa/)",
                    "base");
    if (options.format != ExportFormat::dpv && !options.base.empty())
        throw Error(Errc::validation, "base: only the dpv export names its records by IRI", "base");
    if (options.format_version != 0 &&
        (options.format != ExportFormat::json || options.format_version < detail::oldest_written_format_version ||
         options.format_version > detail::current_format_version))
        throw Error(Errc::validation,
                    "format_version: the json format is written in version " +
                        std::to_string(detail::oldest_written_format_version) + " to " +
                        std::to_string(detail::current_format_version) + " (0: the newest); other formats have none",
                    "format_version");
    const auto* layout = options.template_name.empty() ? nullptr : &detail::template_view(options.template_name);
    if (layout && !layout->form && options.format != ExportFormat::csv && options.format != ExportFormat::xlsx)
        throw Error(Errc::validation,
                    "template: " + layout->name + " is a table: it is written as csv or xlsx (-f csv, -f xlsx)",
                    "template");
    if (layout && layout->form && options.format != ExportFormat::xlsx)
        throw Error(Errc::validation,
                    "template: " + layout->name + " is a form for each activity, not one table: it is written as xlsx (-f xlsx)",
                    "template");
    if (layout && !options.since.empty())
        throw Error(Errc::validation,
                    "since: an authority's template has no place for the changes since a version (ropa export -f xlsx "
                    "--since, or ropa diff)",
                    "since");
    const auto view = detail::build_record_view(reg, options);
    // The readable formats show their form in the language asked for where ropa has it (nl,
    // fr, de); CSV is data, its headers stay the same in every language.
    // Without a language asked for, the form is in the register's own language (ropa settings),
    // where ropa has it: a Dutch register's record reads in Dutch, each text in its source
    // language.
    detail::TextPicker text{options.lang};
    if (options.format == ExportFormat::html || options.format == ExportFormat::markdown ||
        options.format == ExportFormat::xlsx)
        text.form = detail::form_language(options.lang.empty() ? reg.settings().default_language : options.lang);
    text.mark_languages = options.format == ExportFormat::html;
    switch (options.format) {
    case ExportFormat::json: detail::write_json(view, out); break;
    case ExportFormat::csv:
        if (layout)
            detail::write_csv_template(view, text, *layout, out);
        else
            detail::write_csv_activities(view, text, out);
        break;
    case ExportFormat::csv_matrix: detail::write_csv_matrix(view, text, out); break;
    case ExportFormat::markdown: detail::write_markdown(view, text, out); break;
    case ExportFormat::html: detail::write_html(view, text, out); break;
    case ExportFormat::dpv: detail::write_dpv(view, detail::publication_base(options.base), out); break;
    case ExportFormat::xlsx: {
        // libxlsxwriter writes files; go through a private temporary one, in $TMPDIR like
        // every temporary file ropa makes (docs/security.md).
        const auto folder = detail::temporary_folder();
        std::string pattern = (folder / "ropa-export-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0)
            throw Error(Errc::io, "cannot create a temporary file for the XLSX export in " + folder.string(), "TMPDIR");
        ::close(fd);
        const std::filesystem::path file(pattern);
        try {
            if (layout)
                detail::write_xlsx_template(view, text, *layout, file);
            else
                detail::write_xlsx(view, text, file);
            std::ifstream in(file, std::ios::binary);
            out << in.rdbuf();
        } catch (...) {
            std::filesystem::remove(file);
            throw;
        }
        std::filesystem::remove(file);
        break;
    }
    }
}

} // namespace

void export_record(const RegisterView& reg, const ExportOptions& options, std::ostream& out) {
    if (!options.lang.empty())
        require_language_tag(options.lang, "lang");
    // One read transaction around everything: the export shows one version even while other
    // processes write.
    reg.read_consistently([&] { write_export(reg, options, out); });
    out.flush();
    if (!out)
        throw Error(Errc::io, "writing the export failed (disk full, or the output was closed)");
}

} // namespace ropa

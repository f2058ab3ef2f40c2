// ropa matrix: the purpose x data-category table, as the annex shows it.

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/terminal.hpp"

namespace ropa::cli {

namespace {

struct MatrixOptions {
    std::string lang;  // empty: each text in its source language
    std::size_t width = 0;
};

constexpr std::size_t cell_width = 4;  // " [1]"
constexpr std::size_t min_text_width = 16;

void print_wrapped(std::ostream& out, std::string_view text, std::size_t width, std::string_view first_prefix,
                   std::string_view next_prefix) {
    bool first = true;
    const std::size_t prefix = std::max(first_prefix.size(), next_prefix.size());
    for (const auto& line : wrap(text, width > prefix + 10 ? width - prefix : 10)) {
        out << (first ? first_prefix : next_prefix) << line << "\n";
        first = false;
    }
}

int run_matrix(const Context& context, const MatrixOptions& options) {
    const OpenedVersion opened(context);
    const RegisterView& reg = *opened;
    const auto matrix = reg.purpose_matrix();
    const auto bases = reg.legal_bases();
    const auto basis_links = reg.purpose_basis_links();
    const std::size_t width = std::max<std::size_t>(options.width ? options.width : terminal_width(), 40);
    auto& out = std::cout;

    std::size_t code_width = 5;  // "Code "
    for (const auto& row : matrix.rows)
        code_width = std::max(code_width, row.purpose.code.size() + 1);
    const std::size_t cells = matrix.columns.size() * cell_width;
    const std::size_t text_width = width > code_width + cells + min_text_width ? width - code_width - cells - 1
                                                                               : min_text_width;

    std::map<std::string, std::string, std::less<>> article_of;
    for (const auto& basis : bases)
        article_of[basis.code] = basis.article;
    // Each basis with the law it cites, as the exports show it: "Art. 6(1)(e) GDPR: Paspoortwet
    // art. 26 lid 2" (the national ground is the key column of a public body's record).
    std::map<std::string, std::string, std::less<>> citation_of;
    for (const auto& source : reg.legal_sources()) {
        const Translation* title = pick(source.title, options.lang);
        citation_of[source.code] =
            (title ? title->value : source.code) + (source.article ? " " + *source.article : std::string());
    }
    std::map<std::string, std::vector<std::string>, std::less<>> articles_of_purpose;
    for (const auto& link : basis_links) {
        std::string shown = article_of[link.legal_basis_code];
        for (std::size_t i = 0; i < link.legal_source_codes.size(); ++i)
            shown += (i ? "; " : ": ") + citation_of[link.legal_source_codes[i]];
        articles_of_purpose[link.purpose_code].push_back(std::move(shown));
    }
    std::map<std::string, const PurposeGroup*, std::less<>> group_of;
    for (const auto& group : matrix.groups)
        group_of[group.code] = &group;

    bool unofficial = false;
    auto text = [&](const LocalizedText& localized) {
        const Translation* chosen = pick(localized, options.lang);
        if (!chosen)
            return std::string("(no text)");
        unofficial = unofficial || chosen->status == TextStatus::unofficial;
        return chosen->value;
    };

    out << pad_right("Code", code_width) << pad_right("Purpose", text_width) << " ";
    for (std::size_t c = 0; c < matrix.columns.size(); ++c)
        out << " [" << c + 1 << "]";
    out << "\n" << std::string(width, '-') << "\n";

    auto listed = [](const std::vector<std::string>& articles) {
        std::string shown = articles.empty() ? "no legal basis recorded" : "";
        for (std::size_t i = 0; i < articles.size(); ++i)  // "; ": a basis with sources holds commas
            shown += (i ? "; " : "") + articles[i];
        return shown;
    };
    std::optional<std::string> current_group = "\x01";  // differs from every real group
    bool shared_bases = true;  // whether every purpose of the current group has the same bases
    std::vector<std::pair<std::string, std::string>> notes;  // (where, note)
    for (std::size_t r = 0; r < matrix.rows.size(); ++r) {
        const auto& row = matrix.rows[r];
        if (row.purpose.group_code != current_group) {
            current_group = row.purpose.group_code;
            std::string heading = "(no group)";
            if (current_group) {
                const auto* group = group_of[*current_group];
                heading = group && !group->name.empty() ? text(group->name) : *current_group;
            }
            // The annex states the bases once per group; a group whose purposes differ has them
            // under each purpose instead, so the heading never speaks for purposes it does not fit.
            const auto& articles = articles_of_purpose[row.purpose.code];
            shared_bases = true;
            for (std::size_t next = r + 1;
                 next < matrix.rows.size() && matrix.rows[next].purpose.group_code == current_group; ++next)
                shared_bases = shared_bases && articles_of_purpose[matrix.rows[next].purpose.code] == articles;
            if (shared_bases)
                heading += " - " + listed(articles);
            print_wrapped(out, heading, width, "== ", "   ");
        }
        const auto lines = wrap(text(row.purpose.name), text_width);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out << pad_right(i == 0 ? row.purpose.code : "", code_width);
            if (i > 0) {
                out << lines[i];
            } else {
                out << pad_right(lines[i], text_width) << " ";
                for (std::size_t c = 0; c < row.cells.size(); ++c) {
                    const auto& cell = row.cells[c];
                    const bool last = c + 1 == row.cells.size();
                    out << (cell ? (cell->note.empty() ? (last ? "  \u2713" : "  \u2713 ") : "  \u2713*")
                                 : (last ? "  \u00b7" : "  \u00b7 "));
                    if (cell && !cell->note.empty())
                        notes.emplace_back(row.purpose.code + " [" + std::to_string(c + 1) + "]", text(cell->note));
                }
            }
            out << "\n";
        }
        if (!shared_bases)
            print_wrapped(out, "legal bases: " + listed(articles_of_purpose[row.purpose.code]), width,
                          std::string(code_width, ' '), std::string(code_width + 2, ' '));
    }
    out << std::string(width, '-') << "\n";
    for (std::size_t c = 0; c < matrix.columns.size(); ++c) {
        const auto& column = matrix.columns[c];
        std::string legend = column.code + ": " + text(column.name);
        if (column.is_special)
            legend += " (Art. 9 data)";
        if (column.is_criminal)
            legend += " (Art. 10 data)";
        const std::string label = "[" + std::to_string(c + 1) + "] ";
        print_wrapped(out, legend, width, label, std::string(label.size(), ' '));
    }
    if (!notes.empty()) {
        out << "\n\u2713* the allowed link carries a note:\n";
        for (const auto& [where, note] : notes)
            print_wrapped(out, note, width, "  " + where + ": ", "      ");
    }
    std::size_t links = 0;
    for (const auto& row : matrix.rows)
        links += static_cast<std::size_t>(std::count_if(row.cells.begin(), row.cells.end(), [](const auto& cell) { return cell.has_value(); }));
    out << "\n" << matrix.rows.size() << " purposes, " << matrix.columns.size() << " data categories, " << links
        << " allowed links.\n";
    if (unofficial)
        print_wrapped(out, "Some texts above are unofficial translations; the source text is authoritative (--lang to choose).",
                      width, "", "");
    return exit_ok;
}

} // namespace

void setup_matrix_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<MatrixOptions>();
    auto* matrix = app.add_subcommand("matrix", "Show which data categories each purpose may use (the annex table)");
    matrix->add_option("--lang", options->lang, "Language of names (nl, fr, en); default: each text's source language")
        ->transform(language_tag());
    matrix->add_option("--width", options->width, "Line width (default: $COLUMNS, the terminal, or 80)")
        ->check(CLI::Range(40, 1000));
    matrix->callback([&context, options] { context.action = [&context, options] {
        if (!options->lang.empty())
            require_language_tag(options->lang, "lang");
        return run_matrix(context, *options);
    }; });
}

} // namespace ropa::cli

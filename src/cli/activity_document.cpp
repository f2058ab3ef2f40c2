#include "cli/activity_document.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/exit_status.hpp"
#include "ropa/export.hpp"

namespace ropa::cli {

namespace {

std::string read_all(std::istream& in) { return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}; }

std::string comment(const std::string& text) {
    std::string out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        out += "# " + line + "\n";
    return out;
}

std::string editor_command() {
    for (const char* name : {"VISUAL", "EDITOR"})
        if (const char* value = std::getenv(name); value && *value)
            return value;
    return "vi";
}

// Runs the editor on `file` as a shell would (EDITOR may carry arguments, "code --wait").
void run_editor(const std::filesystem::path& file) {
    const std::string editor = editor_command();
    std::string quoted = "'";
    for (char c : file.string())
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    quoted += "'";
    const int status = std::system((editor + " " + quoted).c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(Errc::io, "the editor (" + editor + ") did not finish normally; nothing was changed", "EDITOR");
}

const char* header =
    "# One processing activity, as the JSON export writes it. Change what you need and save;\n"
    "# close without saving, or save an empty file, to change nothing. What you leave out is\n"
    "# cleared: its fields, links (legal_bases with their legal_sources, data_categories, ...)\n"
    "# and retention rows become exactly this document's, as one change. Lines starting with #\n"
    "# at the top are ignored.\n";

} // namespace

std::string without_leading_comments(const std::string& text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const auto first = text.find_first_not_of(" \t\r\n", at);
        if (first == std::string::npos || text[first] != '#')
            return first == std::string::npos ? std::string() : text.substr(first);
        const auto end = text.find('\n', first);
        if (end == std::string::npos)
            return {};
        at = end + 1;
    }
    return {};
}

int print_activity_document(const Context& context, const std::string& code) {
    const OpenedVersion opened(context);
    const RegisterView& reg = *opened;
    std::cout << activity_document(reg, code);
    return exit_ok;
}

int apply_activity_document_file(const Context& context, const std::string& path, const std::string& reason,
                                 std::optional<std::int64_t> expected_revision) {
    const auto change = change_request(context, reason);
    const std::string document = without_leading_comments(read_input(path, "file"));
    if (document.empty())
        throw Error(Errc::validation, path + ": is empty; give one activity as `activity show CODE --document` prints it",
                    "file");
    auto reg = open_register(context);
    const bool changed = reg.apply_activity_document(document, change, expected_revision);
    std::cout << (changed ? "applied " : "nothing to change: the register already holds ") << path << "\n";
    return exit_ok;
}

int edit_activity_document(const Context& context, const std::string& code, const std::string& reason) {
    const auto change = change_request(context, reason);
    auto reg = open_register(context);
    const auto read = reg.get(EntityKind::activity, code);  // the revision the edit starts from
    const std::string original = activity_document(reg, code);
    const auto folder = std::filesystem::temp_directory_path();
    std::string pattern = (folder / "ropa-activity-XXXXXX.json").string();
    const int fd = ::mkstemps(pattern.data(), 5);  // mode 0600: the document holds the record
    if (fd < 0)
        throw Error(Errc::io, "cannot create a temporary file in " + folder.string(), "TMPDIR");
    ::close(fd);
    const std::filesystem::path file = pattern;
    struct Remove {
        std::filesystem::path path;
        ~Remove() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    } remove_on_exit{file};
    std::string shown = std::string(header) + original;
    std::string refused;  // the last document refused: saved again unchanged, the edit ends
    for (;;) {
        {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << shown;
            if (!out)
                throw Error(Errc::io, "cannot write " + file.string(), "TMPDIR");
        }
        run_editor(file);
        std::ifstream in(file, std::ios::binary);
        const std::string edited = without_leading_comments(read_all(in));
        if (edited.empty() || edited == original) {
            std::cout << "activity " << code << ": nothing changed\n";
            return exit_ok;
        }
        try {
            reg.apply_activity_document(edited, change, read.revision);
            std::cout << "applied the edited document of activity " << code << "\n";
            return exit_ok;
        } catch (const Error& e) {
            // A conflict is not the document's fault (editing on would overwrite someone's
            // change): the edited document is kept for the user to apply after reading theirs.
            if (e.code() == Errc::conflict) {
                std::string kept = (folder / ("ropa-activity-" + code + "-XXXXXX.json")).string();
                const int kept_fd = ::mkstemps(kept.data(), 5);
                if (kept_fd >= 0) {
                    ::close(kept_fd);
                    std::ofstream(kept, std::ios::binary | std::ios::trunc) << edited;
                    throw Error(Errc::conflict, std::string(e.what()) + "\nyour edited document is kept in " + kept +
                                                    "; after reading the other change, apply it with `ropa activity "
                                                    "apply " + kept + " -m ...`",
                                e.field());
                }
                throw;
            }
            // A document saved again as it was refused is the user giving up.
            if (e.code() == Errc::storage || e.code() == Errc::io || edited == refused)
                throw;
            refused = edited;
            std::cerr << "ropa: refused: " << e.what() << "\nropa: opening the document again (save it unchanged to give up)\n";
            shown = std::string(header) + "#\n# REFUSED, nothing was written:\n" + comment(e.what()) +
                    "# Correct the document, or save it unchanged to give up.\n#\n" + edited;
        }
    }
}

} // namespace ropa::cli

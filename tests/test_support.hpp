#pragma once
// Helpers shared by the tests: temporary folders, file bytes, running the ropa program.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "ropa/error.hpp"
#include "ropa/model.hpp"

namespace ropa::test {

/// The code of the ropa::Error that `call` throws; nothing when it throws none (so that an
/// expected refusal that does not happen fails every comparison, Errc::internal included).
inline std::optional<Errc> error_code_of(auto&& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.code();
    }
    return std::nullopt;
}

/// A fresh folder under the system's temporary directory, removed with its content.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ropa-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// Output with the clock taken out, for comparison with a reviewed transcript: recorded times
/// (ISO 8601, UTC) read <time>, and today's UTC date (an acknowledgement's "on DATE", a default
/// approval day) reads <today>, so that a golden written on one day still holds on the next.
inline std::string mask_clock(std::string text) {
    static const std::regex time("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z");
    text = std::regex_replace(text, time, "<time>");
    const auto today = ropa::utc_today();
    for (std::size_t at; (at = text.find(today)) != std::string::npos;)
        text.replace(at, today.size(), "<today>");
    return text;
}

/// Whether `needle` occurs in `haystack` (output and messages read by the tests).
inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word)
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

/// Runs a shell command; its standard output and exit status (`err` stays empty).
inline RunResult run_shell(const std::string& command) {
    RunResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return result;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.out.append(buffer, n);
    const int raw = ::pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    return result;
}

/// The standard output of a shell command (for reading an export back with another tool).
inline std::string run_command(const std::string& command) { return run_shell(command).out; }

/// Runs the ropa program (ROPA_CLI_PATH) with `args` in folder `cwd`, without a terminal
/// and with no ROPA_* variables from the caller's environment; `env` adds NAME=VALUE pairs.
inline RunResult run_ropa(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                          const std::vector<std::string>& env = {}) {
    const auto err_path = cwd / ".stderr";
    std::string command = "cd " + shell_quote(cwd.string()) +
                          " && env -u ROPA_DB -u ROPA_LOG_LEVEL -u ROPA_ACTOR -u COLUMNS";
    for (const auto& pair : env)
        command += " " + shell_quote(pair);
    command += " " + shell_quote(ROPA_CLI_PATH);
    for (const auto& arg : args)
        command += " " + shell_quote(arg);
    command += " </dev/null 2>" + shell_quote(err_path.string());
    RunResult result = run_shell(command);
    result.err = read_file(err_path);
    std::filesystem::remove(err_path);
    return result;
}

} // namespace ropa::test

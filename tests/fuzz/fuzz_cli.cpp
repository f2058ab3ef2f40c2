// libFuzzer target: command-line parsing. The input is split at newlines into arguments and
// parsed exactly as ropa parses them; nothing is run (a fuzzer must not write files named by
// random input). Parse errors are expected; a crash or a sanitizer report is a finding.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/app.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args;
    std::string current;
    for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
        if (data[i] == '\n') {
            args.push_back(current);
            current.clear();
        } else {
            current += static_cast<char>(data[i]);
        }
    }
    if (!current.empty())
        args.push_back(current);
    ropa::cli::Context context;
    CLI::App app{"ropa", "ropa"};
    int verbosity = 0;
    ropa::cli::setup_app(app, context, verbosity, args);
    std::reverse(args.begin(), args.end());  // CLI11 takes a vector in reverse order
    try {
        app.parse(args);
    } catch (const CLI::Error&) {
    } catch (const ropa::cli::UsageError&) {
    }
    return 0;
}

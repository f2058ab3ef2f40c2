#pragma once
// The hostile-input corpus (tests/cli/hostile/corpus.txt), read: its format is described at the
// top of that file. The CLI's test runs each case as a command; the forms' test posts every
// value in it into the forms of ropa serve.

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace ropa::test {

struct Case {
    int line = 0;
    int status = 0;
    std::string expected;
    std::vector<std::string> args;
};

// \s space, \xNN byte, \\ backslash, {N*c} N copies of c, '' an empty word (corpus.txt).
inline std::string decode(const std::string& word) {
    if (word == "''")
        return {};
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (word[i] == '\\' && i + 1 < word.size()) {
            const char next = word[++i];
            if (next == 's') {
                out += ' ';
            } else if (next == 'x' && i + 2 < word.size()) {
                out += static_cast<char>(std::stoi(word.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += next;
            }
        } else if (word[i] == '{' && word.find('}', i) != std::string::npos && word.find('*', i) < word.find('}', i)) {
            const auto star = word.find('*', i), close = word.find('}', i);
            out += std::string(std::stoul(word.substr(i + 1, star - i - 1)), word[star + 1]);
            i = close;
        } else {
            out += word[i];
        }
    }
    return out;
}

inline std::vector<Case> load_corpus(const std::filesystem::path& file) {
    std::vector<Case> cases;
    std::istringstream lines(read_file(file));
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto separator = line.find("::");
        if (separator == std::string::npos)
            throw std::runtime_error("corpus.txt:" + std::to_string(number) + ": no ::");
        Case c;
        c.line = number;
        std::istringstream head(line.substr(0, separator)), tail(line.substr(separator + 2));
        std::string word;
        head >> c.status >> word;
        c.expected = decode(word);
        while (tail >> word)
            c.args.push_back(decode(word));
        cases.push_back(std::move(c));
    }
    return cases;
}

} // namespace ropa::test

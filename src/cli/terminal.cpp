#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace ropa::cli {

namespace {

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    return count;
}

// Byte offset just after the first `n` code points of `text`.
std::size_t prefix_bytes(std::string_view text, std::size_t n) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (seen == n)
                return i;
            ++seen;
        }
    }
    return text.size();
}

} // namespace

std::size_t terminal_width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        const long value = std::strtol(columns, nullptr, 10);
        if (value >= 20 && value <= 1000)
            return static_cast<std::size_t>(value);
    }
    winsize size{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
        return size.ws_col;
    return 80;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
    std::vector<std::string> lines;
    if (width == 0)
        width = 1;
    while (!text.empty()) {
        while (!text.empty() && text.front() == ' ')
            text.remove_prefix(1);
        if (text.empty())
            break;
        if (code_points(text) <= width) {
            lines.emplace_back(text);
            break;
        }
        const std::size_t limit = prefix_bytes(text, width);
        std::size_t cut = text.rfind(' ', limit);
        if (cut == std::string_view::npos || cut == 0)
            cut = limit;  // one word longer than the line: break it
        std::string_view line = text.substr(0, cut);
        while (!line.empty() && line.back() == ' ')
            line.remove_suffix(1);
        lines.emplace_back(line);
        text.remove_prefix(cut);
    }
    if (lines.empty())
        lines.emplace_back();
    return lines;
}

std::string pad_right(std::string_view text, std::size_t width) {
    std::string out(text);
    for (std::size_t n = code_points(text); n < width; ++n)
        out += ' ';
    return out;
}

} // namespace ropa::cli

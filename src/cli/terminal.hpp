#pragma once
// Text layout for the terminal: widths counted in code points, so accented Dutch and French
// text lines up.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ropa::cli {

/// $COLUMNS, else the terminal's width when stdout is one, else 80.
std::size_t terminal_width();

/// Splits `text` into lines of at most `width` code points, at spaces where possible.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

/// `text` followed by spaces up to `width` code points.
std::string pad_right(std::string_view text, std::size_t width);


} // namespace ropa::cli

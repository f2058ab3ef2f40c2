#include "ropa/model.hpp"

#include "domain/text_rules.hpp"

namespace ropa {

std::string_view to_string(TextStatus status) noexcept {
    switch (status) {
    case TextStatus::source: return "source";
    case TextStatus::official: return "official";
    case TextStatus::unofficial: return "unofficial";
    }
    return "source";
}

const Translation* pick(const LocalizedText& text, std::string_view lang) noexcept {
    if (auto it = text.find(lang); it != text.end())
        return &it->second;
    for (const auto& [tag, translation] : text)
        if (translation.status == TextStatus::source)
            return &translation;
    return text.empty() ? nullptr : &text.begin()->second;
}

void require_language_tag(std::string_view tag, std::string_view field) { detail::require_language_tag(tag, field); }

std::string canonical_language_tag(std::string_view tag, std::string_view field) {
    if (auto canonical = detail::canonical_language_tag(tag))
        return *canonical;
    detail::require_language_tag(tag, field);  // throws, naming the field
    return std::string(tag);
}

std::string_view pick_value(const LocalizedText& text, std::string_view lang) noexcept {
    const Translation* found = pick(text, lang);
    return found ? std::string_view(found->value) : std::string_view();
}

bool natural_less(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            std::size_t end_a = i, end_b = j;
            while (end_a < a.size() && is_digit(a[end_a]))
                ++end_a;
            while (end_b < b.size() && is_digit(b[end_b]))
                ++end_b;
            // compare the numbers by value: without leading zeros, the longer is the larger
            auto digits_a = a.substr(i, end_a - i), digits_b = b.substr(j, end_b - j);
            while (digits_a.size() > 1 && digits_a[0] == '0')
                digits_a.remove_prefix(1);
            while (digits_b.size() > 1 && digits_b[0] == '0')
                digits_b.remove_prefix(1);
            if (digits_a.size() != digits_b.size())
                return digits_a.size() < digits_b.size();
            if (digits_a != digits_b)
                return digits_a < digits_b;
            i = end_a;
            j = end_b;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

} // namespace ropa

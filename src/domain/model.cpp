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

} // namespace ropa

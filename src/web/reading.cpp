#include "web/reading.hpp"

namespace ropa::web {

Frame Reading::frame(const std::string& title) const {
    Frame f;
    f.title = title;
    f.lang = lang.empty() ? "en" : lang;
    f.chosen_lang = lang_given ? lang : std::string();
    f.at = at;
    f.visitor = visitor;
    const auto shown = view.version();
    if (!shown)
        f.version = "No change recorded yet.";
    else
        f.version = std::string(at.empty() ? "Newest version: " : "<strong>Past version</strong>: ") + "change " +
                    std::to_string(shown->id) + ", recorded " + escape(shown->recorded_at) +
                    (shown->tags.empty() ? "" : " (" + escape(join(shown->tags)) + ")");
    if (const auto controller = view.controller())
        f.register_name = std::string(pick_value(controller->name, lang));
    return f;
}

std::string Reading::href(const std::string& path) const {
    return escape(path + keep_view(at, lang_given ? lang : std::string(), path.find('?') == std::string::npos ? '?' : '&'));
}

std::string Reading::text(const FieldValue& value) const {
    const auto shown = escape(value_text(value, lang));
    // a text in a language other than the page's English says which, for readers and browsers
    if (const auto* text = std::get_if<LocalizedText>(&value)) {
        const auto picked = pick_value(*text, lang);
        for (const auto& [tag, translation] : *text)
            if (translation.value.data() == picked.data() && tag != "en" && !picked.empty())
                return "<span lang=\"" + escape(tag) + "\">" + shown + "</span>";
    }
    return shown;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find(separator, start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start)
            parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string name_of(const Record& record, const std::string& lang) {
    for (const char* field : {"name", "title"})  // a legal source has a title
        if (const auto it = record.fields.find(field); it != record.fields.end()) {
            const auto name = value_text(it->second, lang);
            if (!name.empty())
                return name;
        }
    return record.code.value_or("#" + std::to_string(record.id));
}

std::string field_or_empty(const Record& record, const std::string& field) {
    const auto it = record.fields.find(field);
    return it == record.fields.end() ? std::string() : value_text(it->second);
}

} // namespace ropa::web

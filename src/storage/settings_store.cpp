#include "storage/settings_store.hpp"

#include <algorithm>
#include <string>

namespace ropa::detail {

namespace {

std::vector<std::string> split_words(const std::string& value) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < value.size()) {
        const auto end = std::min(value.find(' ', start), value.size());
        if (end > start)
            words.push_back(value.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

} // namespace

Settings read_settings(const Database& db) {
    Settings settings;
    PreparedStatement query(db, "SELECT name, value FROM setting");
    while (query.executeStep()) {
        const std::string name = query.getColumn(0).getString();
        const std::string value = query.getColumn(1).getString();
        if (name == "default_language")
            settings.default_language = value;
        else if (name == "review_interval_months")
            settings.review_interval_months = std::stoi(value);
        else if (name == "required_fields")
            settings.required_fields = split_words(value);
    }
    return settings;
}

bool write_settings(Database& db, const Settings& settings) {
    const Settings stored = read_settings(db);
    bool written = false;
    auto put = [&](const char* name, const std::string& value) {
        PreparedStatement upsert(db, "INSERT INTO setting (name, value) VALUES (?, ?)"
                                     " ON CONFLICT (name) DO UPDATE SET value = excluded.value");
        upsert.bind(1, name);
        upsert.bind(2, value);
        upsert.exec();
        written = true;
    };
    if (settings.default_language != stored.default_language)
        put("default_language", settings.default_language);
    if (settings.review_interval_months != stored.review_interval_months)
        put("review_interval_months", std::to_string(settings.review_interval_months));
    // the names one space apart; none is no row (a setting's value is never empty)
    if (settings.required_fields != stored.required_fields) {
        std::string names;
        for (const auto& name : settings.required_fields)
            names += (names.empty() ? "" : " ") + name;
        if (names.empty()) {
            PreparedStatement remove(db, "DELETE FROM setting WHERE name = 'required_fields'");
            remove.exec();
            written = true;
        } else {
            put("required_fields", names);
        }
    }
    return written;
}

} // namespace ropa::detail

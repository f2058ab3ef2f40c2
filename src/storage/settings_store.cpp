#include "storage/settings_store.hpp"

#include <string>

namespace ropa::detail {

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
    return written;
}

} // namespace ropa::detail

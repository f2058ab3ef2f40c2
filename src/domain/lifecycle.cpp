#include "domain/lifecycle.hpp"

#include <cstdio>

namespace ropa::detail {

bool enforces_rules(std::string_view status) noexcept { return status == "active" || status == "retired"; }

std::string months_after(const std::string& date, int months) {
    int year = 0, month = 0, day = 0;
    if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3)
        return date;
    const int total = year * 12 + (month - 1) + months;
    year = total / 12;
    month = total % 12 + 1;
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int last = month == 2 && leap ? 29 : lengths[month - 1];
    char buffer[48];  // room for any int, as the compiler checks: the date itself is 10 characters
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day > last ? last : day);
    return buffer;
}

Fields with_approval(Fields fields, const ChangeRequest& change, const std::string& now, const std::string& today) {
    auto fill = [&](const char* name, FieldValue value) {
        auto it = fields.find(name);
        if (it == fields.end() || std::holds_alternative<std::monostate>(it->second))
            fields[name] = std::move(value);
    };
    fill("approved_by", change.actor);
    fill("approved_at", now);
    if (!change.reason.empty())
        fill("approval_reason", change.reason);
    fill("next_review_date", months_after(today, default_review_interval_months));
    return fields;
}

} // namespace ropa::detail

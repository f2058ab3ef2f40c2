#include "domain/lifecycle.hpp"

#include <cstdio>

#include "ropa/error.hpp"

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

void refuse_approval_by_hand(const Fields& given) {
    for (const char* name : approval_fields)
        if (auto it = given.find(name); it != given.end() && !std::holds_alternative<std::monostate>(it->second))
            throw Error(Errc::validation,
                        std::string("activity.") + name +
                            ": is recorded by the approval (the move to active, `ropa activity approve`), not typed in",
                        std::string("activity.") + name);
}

Fields with_approval(Fields fields, const ChangeRequest& change, const std::string& now, const std::string& today,
                     int review_interval_months) {
    fields["approved_by"] = change.actor;
    fields["approved_at"] = now;
    fields["approval_reason"] = change.reason.empty() ? FieldValue() : FieldValue(change.reason);
    auto review = fields.find("next_review_date");
    if (review == fields.end() || std::holds_alternative<std::monostate>(review->second)) {
        fields["next_review_date"] = months_after(today, review_interval_months);
    } else if (const auto* date = std::get_if<std::string>(&review->second); date && *date <= today) {
        throw Error(Errc::validation,
                    "activity.next_review_date: the next review (" + *date + ") must come after today (" + today + ")",
                    "activity.next_review_date");
    }
    return fields;
}

Fields without_approval(Fields fields) {
    for (const char* name : approval_fields)
        fields[name] = std::monostate{};
    return fields;
}

} // namespace ropa::detail

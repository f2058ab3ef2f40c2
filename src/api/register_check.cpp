// Register: the check (completeness and findings, as on a day, streamed or whole) and the
// warnings the DPO accepts (acknowledgements), which the check marks.

#include <algorithm>
#include <chrono>
#include <ctime>

#include "api/write_context.hpp"
#include "domain/field_validation.hpp"
#include "domain/lifecycle.hpp"
#include "domain/text_rules.hpp"
#include "storage/acknowledgement_store.hpp"
#include "storage/activity_stream.hpp"
#include "storage/record_store.hpp"
#include "storage/rule_views.hpp"
#include "storage/settings_store.hpp"

namespace ropa {

std::string utc_today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[11];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
    return buffer;
}

namespace detail {

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    return std::string(buffer) + "." + std::to_string(1000 + millis).substr(1) + "Z";
}

// The whole check: the controller, every activity (one at a time), the purposes, each warning
// the DPO accepted marked as such. `check` and `acknowledge` read it the same way.
CheckReport check_register(const Database& db, const std::string& today, const RegisterCheck::Sink* sink,
                           bool approved_only) {
    RegisterCheck check(load_controller_view(db), today, read_acknowledgements(db), sink);
    check.require(read_settings(db).required_fields);
    for (Id id : activity_ids(db)) {
        auto view = load_activity_view(db, id);
        if (!approved_only || view.status == "active")
            check.add_activity(view);
    }
    return std::move(check).finish(purposes_without_basis(db));
}

} // namespace detail

CheckReport RegisterView::check() const {
    const auto held = hold();
    require_current();
    return detail::in_read_transaction(*connection_, "check the register",
                                       [&] { return detail::check_register(connection_->db()); });
}

CheckReport RegisterView::check_activity(std::string_view code) const {
    const auto held = hold();
    require_current();
    return detail::in_read_transaction(*connection_, "check the activity", [&] {
        auto& db = connection_->db();
        const Id id = detail::resolve_id(db, EntityKind::activity, code);
        detail::RegisterCheck check(detail::load_controller_view(db), utc_today(), detail::read_acknowledgements(db));
        check.require(detail::read_settings(db).required_fields);
        const auto activity = detail::load_activity_view(db, id);
        check.add_activity(activity);
        auto report = std::move(check).finish({});
        // the controller's own findings are the register's, not this activity's
        const std::string subject = "activity:" + activity.code;
        std::erase_if(report.findings, [&](const Finding& f) { return f.subject != subject; });
        std::erase_if(report.completeness.incomplete, [&](const MissingItems& m) { return m.subject != subject; });
        // only this activity was checked: the others' acknowledgements are not stale for it
        std::erase_if(report.stale_acknowledgements, [&](const Acknowledgement& a) { return a.subject != subject; });
        return report;
    });
}

CheckReport RegisterView::check_each(const CheckVisit& visit) const {
    const std::string date = visit.date.empty() ? utc_today() : visit.date;
    if (!detail::is_iso_date(date))
        throw Error(Errc::validation, "date: \"" + date + "\" is not a date (YYYY-MM-DD)", "date");
    const auto held = hold();
    require_current();
    const detail::RegisterCheck::Sink sink{
        [&](const MissingItems& missing) {
            if (visit.incomplete)
                visit.incomplete(missing);
        },
        [&](const Finding& finding) {
            if (visit.finding)
                visit.finding(finding);
        }};
    return detail::in_read_transaction(*connection_, "check the register", [&] {
        return detail::check_register(connection_->db(), date, &sink, visit.approved_only);
    });
}

CheckReport RegisterView::check_on(std::string_view date) const {
    if (!detail::is_iso_date(date))
        throw Error(Errc::validation, "date: \"" + std::string(date) + "\" is not a date (YYYY-MM-DD)", "date");
    const auto held = hold();
    require_current();
    return detail::in_read_transaction(*connection_, "check the register",
                                       [&] { return detail::check_register(connection_->db(), std::string(date)); });
}

std::vector<Acknowledgement> RegisterView::acknowledgements() const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read the acknowledgements",
                                              [&] { return detail::read_acknowledgements(connection_->db()); });
}

void Writer::acknowledge(std::string_view finding_code, std::string_view subject, std::string_view reason) {
    detail::require_text(std::string(reason), "acknowledgement.reason", detail::max_description_bytes);
    auto& db = context_.connection.db();
    // What is accepted is a warning check gives now, on the register as this change left it so far.
    const auto report = detail::check_register(db);
    const Finding* error = nullptr;
    for (const auto& finding : report.findings) {
        if (finding.code != finding_code || finding.subject != subject)
            continue;
        if (finding.severity == Severity::warning) {
            detail::write_acknowledgement(db, {std::string(finding_code), std::string(subject), std::string(reason),
                                               context_.change.actor, detail::utc_now()});
            return;
        }
        error = &finding;
    }
    if (error)
        throw Error(Errc::rule_violation,
                    "acknowledgement.finding: " + std::string(finding_code) + " on " + std::string(subject) +
                        " is an error: a rule (" + error->article + "), which cannot be acknowledged; fix it",
                    "acknowledgement.finding");
    throw Error(Errc::not_found,
                "acknowledgement.finding: check reports no warning " + std::string(finding_code) + " on " +
                    std::string(subject) +
                    " now (`ropa check` shows each warning's code in brackets, under its subject: activity:CODE, "
                    "controller, purpose:CODE)",
                "acknowledgement.finding");
}

void Writer::restore_acknowledgements(const std::vector<Acknowledgement>& acknowledgements, bool replace) {
    auto& db = context_.connection.db();
    if (replace)
        for (const auto& held : detail::read_acknowledgements(db))
            if (std::none_of(acknowledgements.begin(), acknowledgements.end(), [&](const auto& a) {
                    return a.finding_code == held.finding_code && a.subject == held.subject;
                }))
                detail::delete_acknowledgement(db, held.finding_code, held.subject);
    for (const auto& acknowledgement : acknowledgements) {
        detail::require_text(acknowledgement.reason, "acknowledgement.reason", detail::max_description_bytes);
        detail::write_acknowledgement(db, acknowledgement);
    }
}

void Writer::withdraw_acknowledgement(std::string_view finding_code, std::string_view subject) {
    if (!detail::delete_acknowledgement(context_.connection.db(), finding_code, subject))
        throw Error(Errc::not_found,
                    "acknowledgement.finding: no acknowledgement of " + std::string(finding_code) + " on " +
                        std::string(subject),
                    "acknowledgement.finding");
}

} // namespace ropa

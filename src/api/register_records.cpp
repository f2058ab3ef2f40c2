// Register: generic record reads and writes, and the rules gate (the check and the
// acknowledgements: register_check.cpp).

#include <algorithm>
#include <set>

#include "domain/field_validation.hpp"
#include "domain/lifecycle.hpp"
#include "domain/rules.hpp"
#include "domain/text_rules.hpp"
#include "core/log_internal.hpp"
#include "ropa/register.hpp"
#include "api/rules_gate.hpp"
#include "api/write_context.hpp"
#include "storage/connection.hpp"
#include "storage/history_store.hpp"
#include "storage/activity_stream.hpp"
#include "storage/link_store.hpp"
#include "storage/record_store.hpp"
#include "storage/rule_views.hpp"
#include "storage/acknowledgement_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/text_store.hpp"

namespace ropa {

namespace detail {

namespace {

const std::string* text_of(const Fields& fields, std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : std::get_if<std::string>(&it->second);
}

// One retention row per activity, data category and category of data subjects, "all"
// included (a second one made the record say two different things about the same data, and
// gave a raw UNIQUE error).
void require_one_retention_row(const Database& db, const Fields& merged, std::optional<Id> self) {
    const auto text_of = [&](const char* name) -> std::optional<std::string> {
        auto it = merged.find(name);
        if (it == merged.end() || !std::holds_alternative<std::string>(it->second))
            return std::nullopt;
        return std::get<std::string>(it->second);
    };
    const auto activity = text_of("activity");
    if (!activity)
        return;
    const auto category = text_of("data_category");
    const auto subject = text_of("data_subject");
    const Id activity_id = resolve_id(db, EntityKind::activity, *activity);
    const std::optional<Id> category_id =
        category ? std::optional<Id>(resolve_id(db, EntityKind::data_category, *category)) : std::nullopt;
    const std::optional<Id> subject_id =
        subject ? std::optional<Id>(resolve_id(db, EntityKind::data_subject, *subject)) : std::nullopt;
    for (Id row : retention_rows_for(db, activity_id, category_id, subject_id))
        if (row != self)
            throw Error(Errc::conflict,
                        std::string(subject ? "retention.data_subject" : "retention.data_category") + ": activity " +
                            *activity + " already has a retention row for " +
                            (category ? "data category " + *category : std::string("all its data")) +
                            (subject ? " of data subjects " + *subject : std::string()) + " (#" +
                            std::to_string(row) + "); edit that row instead",
                        subject ? "retention.data_subject" : "retention.data_category");
}

Fields merge(const Record& current, const Fields& changes) {
    Fields merged = current.fields;
    for (const auto& [name, value] : changes)
        merged[name] = value;
    return merged;
}

} // namespace

void validate_change_request(const ChangeRequest& change) {
    require_text(change.actor, "change.actor", 200);
    if (!change.reason.empty())
        require_text(change.reason, "change.reason", max_description_bytes);
}

void require_rules(Database& db, const std::set<Id>& activities, const std::string& refusal) {
    for (Id activity : activities) {
        if (!find_id(db, EntityKind::activity, "#" + std::to_string(activity)))
            continue;
        const auto view = load_activity_view(db, activity);
        // "Replaced by" must lead somewhere: a record replaced by itself, or by one of the
        // activities it replaces, is a faulty value, not a rule to weigh (exit 3).
        const auto chain = replacement_chain(db, activity);
        if (std::find(chain.begin(), chain.end(), view.code) != chain.end()) {
            std::string path = view.code;
            for (const auto& code : chain)
                path += " -> " + code;
            throw Error(Errc::validation,
                        "activity.replaced_by_activity: " + path + " is a cycle; an activity is replaced by a later one",
                        "activity.replaced_by_activity");
        }
        // Drafts and activities in review record reality, rules broken or not; check reports
        // every break. The rules hold from approval on (detail/lifecycle.hpp).
        if (!enforces_rules(view.status))
            continue;
        const auto violations = activity_violations(view);
        if (violations.empty())
            continue;
        std::string message = refusal;
        std::vector<Error::BrokenRule> broken;
        for (const auto& v : violations) {
            message += "\n  (" + v.rule + ", " + v.article + ") " + v.message;
            broken.push_back({v.code, v.rule, v.article, v.message});
        }
        throw Error(Errc::rule_violation, message, std::move(broken));
    }
}

} // namespace detail

using detail::WriteContext;

Record Writer::create(EntityKind kind, const std::optional<std::string>& code, const Fields& fields) {
    // Created active is created approved: by whom, when, why. (An import, which goes through
    // insert, carries the approval the file records instead.)
    if (kind == EntityKind::activity)
        detail::refuse_approval_by_hand(fields);
    const bool approved = kind == EntityKind::activity && detail::text_of(fields, "status") &&
                          *detail::text_of(fields, "status") == "active";
    const Id id = insert(kind, code,
                         approved ? detail::with_approval(fields, context_.change, detail::utc_now(), utc_today(),
                                                        detail::read_settings(context_.connection.db()).review_interval_months)
                                  : fields);
    return detail::read_record(context_.connection.db(), kind, id);
}

Id Writer::insert(EntityKind kind, const std::optional<std::string>& code, const Fields& fields) {
    const auto& entity = entity_info(kind);
    if (entity.has_code) {
        if (!code)
            throw Error(Errc::validation, entity.name + ".code: is required", entity.name + ".code");
        detail::require_code(*code, entity.name + ".code");
    } else if (code) {
        throw Error(Errc::validation, entity.name + " records have no code", entity.name + ".code");
    }
    detail::validate_fields(entity, fields, true);
    detail::validate_invariants(kind, fields);
    auto& db = context_.connection.db();
    if (kind == EntityKind::retention)
        detail::require_one_retention_row(db, fields, std::nullopt);
    const Id id = detail::insert_record(db, kind, code, fields);
    if (kind == EntityKind::activity)
        context_.activities.insert(id);
    return id;
}

Record Writer::update(EntityKind kind, std::string_view ref, const Fields& given,
                      std::optional<std::int64_t> expected_revision) {
    const auto& entity = entity_info(kind);
    detail::validate_fields(entity, given, false);
    auto& db = context_.connection.db();
    const Id id = detail::resolve_id(db, kind, ref);
    const auto current = detail::read_record(db, kind, id);
    // Becoming active is the approval, and so is asking for active again after a review: it
    // records who, when and why (the rules are checked before the change commits, as for every
    // active activity). Sent back to draft or review, the approval no longer holds.
    const auto* status = detail::text_of(given, "status");
    const auto* was = detail::text_of(current.fields, "status");
    if (kind == EntityKind::activity)
        detail::refuse_approval_by_hand(given);
    const bool approving = kind == EntityKind::activity && status && *status == "active";
    const bool unapproving = kind == EntityKind::activity && status && (*status == "draft" || *status == "in_review") &&
                             was && (*was == "active" || *was == "retired");
    const Fields fields = approving     ? detail::with_approval(given, context_.change, detail::utc_now(), utc_today(),
                                                                     detail::read_settings(db).review_interval_months)
                          : unapproving ? detail::without_approval(given)
                                        : given;
    const auto merged = detail::merge(current, fields);
    detail::validate_invariants(kind, merged);
    if (kind == EntityKind::retention)
        detail::require_one_retention_row(db, merged, id);
    detail::update_record(db, kind, id, fields, expected_revision);
    for (Id activity : detail::activities_using(db, kind, id))
        context_.activities.insert(activity);
    return detail::read_record(db, kind, id);
}

Record Writer::replace_fields(EntityKind kind, std::string_view ref, const Fields& fields) {
    const auto& entity = entity_info(kind);
    detail::validate_fields(entity, fields, false);
    auto& db = context_.connection.db();
    const Id id = detail::resolve_id(db, kind, ref);
    const auto merged = detail::merge(detail::read_record(db, kind, id), fields);
    detail::validate_invariants(kind, merged);
    if (kind == EntityKind::retention)
        detail::require_one_retention_row(db, merged, id);
    detail::update_record(db, kind, id, fields, std::nullopt, true);
    for (Id activity : detail::activities_using(db, kind, id))
        context_.activities.insert(activity);
    return detail::read_record(db, kind, id);
}

void Writer::remove(EntityKind kind, std::string_view ref) {
    auto& db = context_.connection.db();
    const Id id = detail::resolve_id(db, kind, ref);
    if (kind == EntityKind::retention)
        for (Id activity : detail::activities_using(db, kind, id))
            context_.activities.insert(activity);
    detail::delete_record(db, kind, id);
}

void Writer::link(const Link& link) {
    const auto& info = link_info(link.kind);
    detail::validate_link_fields(info, link.fields);
    detail::validate_link_invariants(link);
    auto& db = context_.connection.db();
    const Id from = detail::insert_link(db, link);
    for (Id activity : detail::activities_affected_by_link(db, link.kind, from))
        context_.activities.insert(activity);
}

void Writer::edit_link(const Link& link) {
    const auto& info = link_info(link.kind);
    detail::validate_link_fields(info, link.fields);
    detail::validate_link_invariants(link);
    auto& db = context_.connection.db();
    if (const auto from = detail::update_link(db, link))
        for (Id activity : detail::activities_affected_by_link(db, link.kind, *from))
            context_.activities.insert(activity);
}

void Writer::unlink(LinkKind kind, std::string_view from, std::string_view to) {
    auto& db = context_.connection.db();
    const auto& info = link_info(kind);
    detail::delete_link(db, kind, from, to);
    for (Id activity : detail::activities_affected_by_link(db, kind, detail::resolve_id(db, info.from, from)))
        context_.activities.insert(activity);
}

void Writer::change_settings(const Settings& settings) {
    if (detail::canonical_language_tag(settings.default_language) != settings.default_language)
        throw Error(Errc::validation,
                    "settings.default_language: \"" + settings.default_language +
                        "\" is not a language tag in canonical form (BCP 47, such as nl, fr-BE)",
                    "settings.default_language");
    if (settings.review_interval_months < 1 || settings.review_interval_months > 120)
        throw Error(Errc::validation, "settings.review_interval_months: must be from 1 to 120 months",
                    "settings.review_interval_months");
    for (auto it = settings.required_fields.begin(); it != settings.required_fields.end(); ++it) {
        const auto& fields = requirable_fields();
        if (std::none_of(fields.begin(), fields.end(), [&](const RequirableField& f) { return f.name == *it; })) {
            std::string known;
            for (const auto& field : fields)
                known += (known.empty() ? "" : ", ") + field.name;
            throw Error(Errc::validation,
                        "settings.required_fields: \"" + *it + "\" is not a field a register can require; it can require " +
                            known,
                        "settings.required_fields");
        }
        if (std::find(settings.required_fields.begin(), it, *it) != it)
            throw Error(Errc::validation, "settings.required_fields: \"" + *it + "\" is named twice",
                        "settings.required_fields");
    }
    detail::write_settings(context_.connection.db(), settings);
}

Settings RegisterView::settings() const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read the settings", [&] { return detail::read_settings(connection_->db()); });
}

bool Register::write(const ChangeRequest& change, const std::function<void(Writer&)>& work) {
    const auto held = hold();
    require_current();
    detail::validate_change_request(change);
    const bool changed = detail::in_change(*connection_, change, "write the change", [&] {
        WriteContext context{*connection_, change, {}};
        Writer writer(context);
        work(writer);
        detail::require_rules(connection_->db(), context.activities,
                              "refused: an approved activity keeps every rule (a draft or one in review may break "
                              "them, and check lists what it breaks)");
    });
    detail::logger()->info("change by {}: {}{}", change.actor, change.reason, changed ? "" : " (no effect)");
    return changed;
}

Record Register::create(EntityKind kind, const std::optional<std::string>& code, const Fields& fields,
                        const ChangeRequest& change) {
    const auto held = hold();
    Record created;
    write(change, [&](Writer& w) { created = w.create(kind, code, fields); });
    return created;
}

Record Register::update(EntityKind kind, std::string_view ref, const Fields& fields,
                        std::optional<std::int64_t> expected_revision, const ChangeRequest& change) {
    const auto held = hold();
    Record updated;
    write(change, [&](Writer& w) { updated = w.update(kind, ref, fields, expected_revision); });
    return updated;
}

void Register::remove(EntityKind kind, std::string_view ref, const ChangeRequest& change) {
    const auto held = hold();
    write(change, [&](Writer& w) { w.remove(kind, ref); });
}

void Register::link(const Link& link, const ChangeRequest& change) {
    const auto held = hold();
    write(change, [&](Writer& w) { w.link(link); });
}

bool Register::edit_link(const Link& link, const ChangeRequest& change) {
    const auto held = hold();
    return write(change, [&](Writer& w) { w.edit_link(link); });
}

void Register::unlink(LinkKind kind, std::string_view from, std::string_view to, const ChangeRequest& change) {
    const auto held = hold();
    write(change, [&](Writer& w) { w.unlink(kind, from, to); });
}

std::optional<Record> RegisterView::find(EntityKind kind, std::string_view ref) const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read a record", [&]() -> std::optional<Record> {
        auto id = detail::find_id(connection_->db(), kind, ref);
        if (!id)
            return std::nullopt;
        return detail::read_record(connection_->db(), kind, *id);
    });
}

Record RegisterView::get(EntityKind kind, std::string_view ref) const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read a record", [&] {
        return detail::read_record(connection_->db(), kind, detail::resolve_id(connection_->db(), kind, ref));
    });
}

namespace {

// A status that cannot exist is a mistake, not "none"; a review date that is no date too.
void validate_filter(EntityKind kind, const RecordFilter& filter) {
    if (filter.status && kind == EntityKind::activity)
        detail::validate_fields(entity_info(kind), {{"status", *filter.status}}, false);
    if (filter.review_due_by && kind == EntityKind::activity)
        detail::validate_fields(entity_info(kind), {{"next_review_date", *filter.review_due_by}}, false);
}

} // namespace

std::vector<Record> RegisterView::list(EntityKind kind, const RecordFilter& filter) const {
    const auto held = hold();
    require_current();
    validate_filter(kind, filter);
    return detail::translating_storage_errors("list records", [&] { return detail::list_records(connection_->db(), kind, filter); });
}

std::size_t RegisterView::count(EntityKind kind, const RecordFilter& filter) const {
    const auto held = hold();
    require_current();
    validate_filter(kind, filter);
    return detail::translating_storage_errors("count records",
                                              [&] { return detail::count_records(connection_->db(), kind, filter); });
}

void RegisterView::for_each_activity(const std::function<void(const ActivityRecord&)>& visit) const {
    const auto held = hold();
    require_current();
    detail::in_read_transaction(*connection_, "read the activities", [&] {
        detail::for_each_activity(connection_->db(), visit);
        return 0;
    });
}

ActivityRecord RegisterView::activity_record(std::string_view code) const {
    const auto held = hold();
    require_current();
    return detail::in_read_transaction(*connection_, "read the activity", [&] {
        const Id id = detail::resolve_id(connection_->db(), EntityKind::activity, code);
        ActivityRecord found;
        detail::for_each_activity(connection_->db(), [&](const ActivityRecord& record) { found = record; }, id);
        return found;
    });
}

TextSummary RegisterView::text_summary(std::string_view lang) const {
    const auto held = hold();
    require_current();
    return detail::in_read_transaction(*connection_, "read the texts", [&] {
        TextSummary summary;
        std::set<std::string> languages;
        detail::for_each_text(connection_->db(), [&](const LocalizedText& text) {
            for (const auto& [tag, translation] : text) {
                languages.insert(tag);
                summary.has_unofficial = summary.has_unofficial || translation.status == TextStatus::unofficial;
            }
            const Translation* shown = pick(text, lang);
            summary.shown_unofficial = summary.shown_unofficial || (shown && shown->status == TextStatus::unofficial);
        });
        summary.languages.assign(languages.begin(), languages.end());
        return summary;
    });
}

void RegisterView::read_consistently(const std::function<void()>& read) const {
    const auto held = hold();
    detail::in_read_transaction(*connection_, "read the register", [&] {
        read();
        return 0;
    });
}

std::vector<Link> RegisterView::list_links(LinkKind kind, const std::optional<std::string>& from) const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("list links", [&] {
        std::optional<Id> from_id;
        if (from)
            from_id = detail::resolve_id(connection_->db(), link_info(kind).from, *from);
        return detail::list_links(connection_->db(), kind, from_id);
    });
}

} // namespace ropa

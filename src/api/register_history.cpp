// Register: as-of reads, the log, tags, diffs, verify and revert.

#include <algorithm>
#include <map>

#include "domain/rules.hpp"
#include "domain/text_rules.hpp"
#include "api/rules_gate.hpp"
#include "ropa/register.hpp"
#include "storage/connection.hpp"
#include "storage/history_store.hpp"
#include "storage/migrator.hpp"
#include "storage/record_store.hpp"
#include "storage/rule_views.hpp"

namespace ropa {

namespace {

std::string record_key(const Record& record) {
    return record.code ? *record.code : "#" + std::to_string(record.id);
}

std::string link_key(const Link& link) { return link.from + " -> " + link.to; }

}  // namespace

Snapshot Register::at(std::string_view ref) const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read a past version", [&] {
        return snapshot_at(detail::resolve_version(connection_->db(), ref));
    });
}

Snapshot Register::snapshot_at(std::int64_t change,
                               std::optional<std::pair<std::int64_t, std::int64_t>> changed_between) const {
    std::optional<detail::ChangeRange> only;
    if (changed_between)
        only = detail::ChangeRange{changed_between->first, changed_between->second};
    auto snapshot = detail::materialize(connection_->db(), connection_->path(), change, only);
    // the past version's description comes from the file, which the snapshot lacks
    return Snapshot(std::make_unique<detail::Connection>(
                        std::move(snapshot), connection_->path().string() + " as of change " + std::to_string(change)),
                    PastVersion{change, detail::read_change(connection_->db(), change, false), connection_->path()});
}

std::optional<ChangeInfo> Register::find_version(std::string_view ref) const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read the history", [&]() -> std::optional<ChangeInfo> {
        try {
            return detail::read_change(connection_->db(), detail::resolve_version(connection_->db(), ref), false);
        } catch (const Error& e) {
            if (e.code() == Errc::not_found)
                return std::nullopt;
            throw;
        }
    });
}

std::optional<ChangeInfo> RegisterView::version() const {
    const auto held = hold();
    if (past_)
        return past_->info;
    require_current();
    return detail::translating_storage_errors("read the version", [&]() -> std::optional<ChangeInfo> {
        auto latest = detail::latest_change(connection_->db());
        if (!latest)
            return std::nullopt;
        return detail::read_change(connection_->db(), *latest, false);
    });
}

std::vector<ChangeInfo> Register::log(const LogFilter& filter) const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read the log",
                                              [&] { return detail::list_changes(connection_->db(), filter); });
}

std::vector<RecordDates> RegisterView::activity_dates() const {
    const auto held = hold();
    const auto shown = version();
    if (!shown)
        return {};
    if (!past_) {
        require_current();
        return detail::translating_storage_errors("read the activities' dates",
                                                  [&] { return detail::activity_dates(connection_->db(), shown->id); });
    }
    // A snapshot has no history of its own: read the file's up to the snapshot's version (sealed,
    // so unchanged since), as log_until does.
    detail::Connection file(past_->file, OpenMode::read_only);
    return detail::translating_storage_errors("read the activities' dates",
                                              [&] { return detail::activity_dates(file.db(), shown->id); });
}

std::vector<ChangeInfo> RegisterView::log_until(std::int64_t change_id) const {
    const auto held = hold();
    // Only those changes are read (each log entry counts its change's rows). A snapshot has no
    // history of its own: read the file's; changes up to the snapshot's are sealed, so the file
    // still says what it said when the snapshot was made.
    if (!past_) {
        require_current();
        return detail::translating_storage_errors("read the log",
                                                  [&] { return detail::list_changes(connection_->db(), {}, change_id); });
    }
    detail::Connection file(past_->file, OpenMode::read_only);
    return detail::translating_storage_errors("read the log",
                                              [&] { return detail::list_changes(file.db(), {}, change_id); });
}

TagInfo Register::tag(const std::string& name, const std::string& message, const std::string& actor,
                      const SigningKey* signer) {
    const auto held = hold();
    require_current();
    detail::require_code(name, "tag");
    detail::require_text(actor, "actor", 200);
    if (!message.empty())
        detail::require_text(message, "tag.message", detail::max_description_bytes);
    // Creating a tag is a change of its own, sealed in the chain like any other: a tag
    // inserted, renamed or moved outside ropa is then reported by verify.
    TagInfo created;
    detail::in_change(*connection_, {actor, "tag " + name + (message.empty() ? "" : ": " + message)}, "tag the version",
                      [&] {
                          const auto latest = detail::latest_change(connection_->db());
                          if (!latest)
                              throw Error(Errc::not_found, "the register has no history to tag yet");
                          TagInfo made{name, *latest, {}, actor, message, {}, {}};
                          if (signer) {
                              const auto hash = detail::read_change(connection_->db(), *latest, false).hash;
                              made.signer_key = signer->public_key().hex();
                              made.signature = signer->sign(detail::tag_signature_message(name, *latest, hash));
                          }
                          detail::create_tag(connection_->db(), made);
                          for (const auto& tag : detail::list_tags(connection_->db()))
                              if (tag.name == name)
                                  created = tag;
                      });
    return created;
}

std::vector<TagInfo> Register::tags() const {
    const auto held = hold();
    require_current();
    return detail::translating_storage_errors("read the tags", [&] { return detail::list_tags(connection_->db()); });
}

Diff Register::diff(std::string_view from, std::string_view to) const {
    const auto held = hold();
    require_current();
    std::int64_t from_change = 0, to_change = 0;
    detail::translating_storage_errors("read a past version", [&] {
        from_change = detail::resolve_version(connection_->db(), from);
        if (to.empty()) {
            const auto shown = detail::latest_change(connection_->db());
            if (!shown)
                throw Error(Errc::not_found, "the register has no history yet", "to");
            to_change = *shown;
        } else {
            to_change = detail::resolve_version(connection_->db(), to);
        }
    });
    // Only the rows the changes between the two touched, and what reading them needs: the cost
    // follows the change, not the register (records the range left alone read the same in both).
    const std::pair range{std::min(from_change, to_change), std::max(from_change, to_change)};
    const Snapshot before = detail::translating_storage_errors("read a past version", [&] { return snapshot_at(from_change, range); });
    const Snapshot after = detail::translating_storage_errors("read a past version", [&] { return snapshot_at(to_change, range); });
    Diff diff;
    diff.from_change = before.change();
    diff.to_change = after.change();
    for (const auto& entity : entities()) {
        std::map<std::string, Record> old_records, new_records;
        for (auto& record : before.list(entity.kind))
            old_records.emplace(record_key(record), std::move(record));
        for (auto& record : after.list(entity.kind))
            new_records.emplace(record_key(record), std::move(record));
        for (const auto& [key, record] : old_records)
            if (!new_records.count(key))
                diff.records.push_back({RecordDiff::Kind::removed, entity.name, key, {}});
        for (const auto& [key, record] : new_records) {
            auto old = old_records.find(key);
            if (old == old_records.end()) {
                diff.records.push_back({RecordDiff::Kind::added, entity.name, key, {}});
                continue;
            }
            RecordDiff changed{RecordDiff::Kind::changed, entity.name, key, {}};
            for (const auto& field : entity.fields)
                if (old->second.fields.at(field.name) != record.fields.at(field.name))
                    changed.fields.push_back({field.name, value_text_all_languages(old->second.fields.at(field.name)),
                                              value_text_all_languages(record.fields.at(field.name))});
            if (!changed.fields.empty())
                diff.records.push_back(std::move(changed));
        }
    }
    for (const auto& link : links()) {
        std::map<std::string, Link> old_links, new_links;
        for (auto& l : before.list_links(link.kind))
            old_links.emplace(link_key(l), std::move(l));
        for (auto& l : after.list_links(link.kind))
            new_links.emplace(link_key(l), std::move(l));
        for (const auto& [key, l] : old_links)
            if (!new_links.count(key))
                diff.records.push_back({RecordDiff::Kind::removed, link.name, key, {}});
        for (const auto& [key, l] : new_links) {
            auto old = old_links.find(key);
            if (old == old_links.end()) {
                diff.records.push_back({RecordDiff::Kind::added, link.name, key, {}});
            } else if (old->second.fields != l.fields) {
                RecordDiff changed{RecordDiff::Kind::changed, link.name, key, {}};
                for (const auto& field : link.fields) {
                    auto a = old->second.fields.find(field.name);
                    auto b = l.fields.find(field.name);
                    const std::string was = a == old->second.fields.end() ? "" : value_text_all_languages(a->second);
                    const std::string now = b == l.fields.end() ? "" : value_text_all_languages(b->second);
                    if (was != now)
                        changed.fields.push_back({field.name, was, now});
                }
                diff.records.push_back(std::move(changed));
            }
        }
    }
    // What the record holds beside records and links: the register's settings (the fields it
    // requires among them) and the warnings the DPO accepted. Read from the same snapshots: a
    // row the range did not touch reads the same (absent) in both.
    const auto old_settings = before.settings(), new_settings = after.settings();
    if (old_settings != new_settings) {
        const auto names = [](const std::vector<std::string>& fields) {
            std::string joined;
            for (const auto& field : fields)
                joined += (joined.empty() ? "" : ", ") + field;
            return joined;
        };
        RecordDiff changed{RecordDiff::Kind::changed, "register", "settings", {}};
        if (old_settings.default_language != new_settings.default_language)
            changed.fields.push_back({"default_language", old_settings.default_language, new_settings.default_language});
        if (old_settings.review_interval_months != new_settings.review_interval_months)
            changed.fields.push_back({"review_interval_months", std::to_string(old_settings.review_interval_months),
                                      std::to_string(new_settings.review_interval_months)});
        if (old_settings.required_fields != new_settings.required_fields)
            changed.fields.push_back({"required_fields", names(old_settings.required_fields),
                                      names(new_settings.required_fields)});
        diff.records.push_back(std::move(changed));
    }
    std::map<std::string, Acknowledgement> old_accepted, new_accepted;
    for (auto& a : before.acknowledgements())
        old_accepted.emplace(a.finding_code + " on " + a.subject, std::move(a));
    for (auto& a : after.acknowledgements())
        new_accepted.emplace(a.finding_code + " on " + a.subject, std::move(a));
    for (const auto& [key, a] : old_accepted)
        if (!new_accepted.count(key))
            diff.records.push_back({RecordDiff::Kind::removed, "acknowledgement", key, {}});
    for (const auto& [key, a] : new_accepted) {
        const auto old = old_accepted.find(key);
        if (old == old_accepted.end())
            diff.records.push_back({RecordDiff::Kind::added, "acknowledgement", key, {{"reason", "", a.reason}}});
        else if (old->second.reason != a.reason)
            diff.records.push_back({RecordDiff::Kind::changed, "acknowledgement", key, {{"reason", old->second.reason, a.reason}}});
    }
    return diff;
}

namespace {

/// Every signed tag's signature, checked against the change it names as the chain holds it:
/// a history rewritten up to that change (hashes recomputed) no longer matches the signature.
void verify_signed_tags(const detail::Database& db, const std::optional<PublicKey>& trusted, VerifyReport& report) {
    for (const auto& tag : detail::list_tags(db)) {
        if (tag.signer_key.empty() != tag.signature.empty()) {
            report.problems.push_back("tag " + tag.name + " has a signer without a signature, or a signature "
                                      "without a signer (edited outside ropa)");
            continue;
        }
        if (tag.signature.empty())
            continue;
        report.signatures_checked++;
        const auto key = PublicKey::from_hex(tag.signer_key, "tag " + tag.name + " signer");
        if (std::find(report.signers.begin(), report.signers.end(), key.fingerprint()) == report.signers.end())
            report.signers.push_back(key.fingerprint());
        const auto hash = detail::read_change(db, tag.change_id, false).hash;
        if (!key.verifies(detail::tag_signature_message(tag.name, tag.change_id, hash), tag.signature))
            report.problems.push_back("tag " + tag.name + ": its signature does not hold for change " +
                                      std::to_string(tag.change_id) + " as the history now records it (the "
                                      "history up to that change was rewritten after it was signed)");
        if (trusted && !(key == *trusted))
            report.problems.push_back("tag " + tag.name + " is signed by key " + key.fingerprint() +
                                      ", not by the key given (" + trusted->fingerprint() + ")");
    }
}

/// The head kept outside the register: "HASH" or "CHANGE:HASH".
void verify_head(const detail::Database& db, const std::string& head, VerifyReport& report) {
    std::optional<Id> change;
    std::string hash = head;
    if (const auto colon = head.find(':'); colon != std::string::npos) {
        const auto id = head.substr(0, colon);
        if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
            throw Error(Errc::validation, "head: give HASH or CHANGE:HASH (a change id, then its 64-digit hash)",
                        "head");
        change = std::stoll(id);
        hash = head.substr(colon + 1);
    }
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw Error(Errc::validation, "head: a change hash is 64 lower-case hex digits (an export's \"Chain hash\")",
                    "head");
    const auto holder = detail::change_with_hash(db, hash);
    if (!holder) {
        report.problems.push_back("head " + hash.substr(0, 12) + "...: no change of the history has this hash: "
                                  "the history up to it was rewritten (or the hash is another register's)");
        return;
    }
    if (change && *holder != *change)
        report.problems.push_back("head: the hash given is change " + std::to_string(*holder) + "'s, not change " +
                                  std::to_string(*change) + "'s (the changes were renumbered)");
}

} // namespace

VerifyReport Register::verify(const VerifyOptions& options) const {
    const auto held = hold();
    require_current();
    std::optional<PublicKey> trusted;
    if (options.trusted_key)
        trusted = PublicKey::from_hex(*options.trusted_key, "trusted_key");
    return detail::in_read_transaction(*connection_, "verify the register", [&] {
        auto report = detail::schema_problems(connection_->db(), schema_level());
        auto history = detail::verify_history(connection_->db());
        report.insert(report.end(), history.problems.begin(), history.problems.end());
        history.problems = std::move(report);
        verify_signed_tags(connection_->db(), trusted, history);
        if (options.head)
            verify_head(connection_->db(), *options.head, history);
        return history;
    });
}

void Register::revert(std::int64_t change_id, const ChangeRequest& change) {
    const auto held = hold();
    require_current();
    detail::validate_change_request(change);
    const bool changed = detail::in_change(*connection_, change, "revert change " + std::to_string(change_id), [&] {
        auto& db = connection_->db();
        if (change_id == 1)
            throw Error(Errc::validation, "change 1 is where history begins; it cannot be reverted");
        detail::read_change(db, change_id);  // not_found if there is none
        detail::apply_inverse(db, change_id);
        // The rules hold for the result, as for any write: every approved activity is checked
        // (a revert can touch anything); drafts may break them, as they may anywhere.
        const auto all = detail::activity_ids(db);
        detail::require_rules(db, std::set<Id>(all.begin(), all.end()),
                              "refused: reverting change " + std::to_string(change_id) +
                                  " would make an approved activity break a rule");
    });
    if (!changed)
        throw Error(Errc::validation, "change " + std::to_string(change_id) + " has no effect to revert");
}

} // namespace ropa

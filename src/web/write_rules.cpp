#include "web/write_rules.hpp"

#include <set>

#include <sodium.h>

#include "web/form_fields.hpp"

namespace ropa::web {

namespace {

bool approved_status(std::string_view status) { return status == "active" || status == "retired"; }

} // namespace

bool set_by_approval(const FieldInfo& field) {
    return field.name == "approved_by" || field.name == "approved_at" || field.name == "approval_reason";
}

bool dpo_only(EntityKind kind) {
    static const std::set<EntityKind> theirs{EntityKind::controller,   EntityKind::legal_basis,  EntityKind::transfer_tool,
                                             EntityKind::legal_source, EntityKind::purpose_group, EntityKind::purpose,
                                             EntityKind::data_category, EntityKind::measure_type};
    return theirs.contains(kind);
}

std::string fingerprint(const RegisterView& view, const EntityInfo& entity, const Record& record) {
    std::string text = std::to_string(record.revision) + "\n";
    for (const auto& [name, value] : record.fields)
        text += name + "=" + value_text_all_languages(value) + "\n";
    for (const auto& info : links())
        if (info.from == entity.kind)
            for (const auto& link : view.list_links(info.kind, ref_of(record))) {
                text += info.name + ">" + link.to;
                for (const auto& [name, value] : link.fields)
                    text += "|" + name + "=" + value_text_all_languages(value);
                text += "\n";
            }
    if (entity.kind == EntityKind::activity)
        for (const auto& row : view.list(EntityKind::retention, {.activity = *record.code}))
            text += "retention#" + std::to_string(row.id) + "@" + std::to_string(row.revision) + "\n";
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool same_fingerprint(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool may_write(const Reading& r, const EntityInfo& entity) {
    return r.at.empty() && r.visitor.may(dpo_only(entity.kind) ? Role::dpo : Role::editor);
}

std::optional<std::string> role_refusal(const Visitor& visitor, const EntityInfo& entity, const Register& file,
                                        const std::optional<Record>& before, const Fields& changes) {
    if (!visitor.may(Role::editor))
        return "your role (" + std::string(to_string(visitor.role)) + ") reads the register; an editor or the DPO writes it";
    if (visitor.may(Role::dpo))
        return std::nullopt;
    if (dpo_only(entity.kind))
        return entity.label + " is the DPO's to change (the catalogue, the allowed links and the controller)";
    const auto status_in = [](const Fields& fields) {
        const auto it = fields.find("status");
        return it == fields.end() ? std::string() : value_text(it->second);
    };
    if (entity.kind == EntityKind::activity) {
        if (before && approved_status(status_in(before->fields)))
            return "activity " + *before->code + " is approved: the DPO changes an approved activity";
        if (approved_status(status_in(changes)))
            return "status: approving an activity (active) or retiring it is the DPO's; an editor records drafts and "
                   "sends them for review (in_review)";
    }
    if (entity.kind == EntityKind::retention) {
        // the activity the row belongs to, and the one it is moved to: neither may be approved
        std::vector<std::string> owners;
        if (before)
            owners.push_back(field_or_empty(*before, "activity"));
        if (const auto it = changes.find("activity"); it != changes.end())
            owners.push_back(value_text(it->second));
        for (const auto& activity : owners)
            if (const auto owner = file.find(EntityKind::activity, activity);
                owner && approved_status(field_or_empty(*owner, "status")))
                return "activity " + activity + " is approved: the DPO changes the time limits of an approved activity";
    }
    return std::nullopt;
}

std::mutex& write_lock() {
    // SQLite would serialise the writes anyway; this keeps a second one from waiting on the busy
    // handler while the first commits.
    static std::mutex writing;
    return writing;
}

} // namespace ropa::web

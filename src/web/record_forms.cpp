// The forms that add, edit and remove a record, and the DPO's approval of an activity: each
// write one change through Register::write, refused (and nothing written) as the library
// refuses it, with each fault beside its field.

#include "web/forms.hpp"

#include <algorithm>
#include <mutex>

#include "ropa/error.hpp"
#include "web/form_fields.hpp"
#include "web/form_pages.hpp"
#include "web/write_rules.hpp"

namespace ropa::web {

namespace {

// A form keeps what it was read with ("o:" + an input's name, codes joined by spaces for a group
// of checkboxes): an input still holding it was not touched, and a save leaves that field or
// link as it is recorded now. So a form saved again after a refusal, or after someone else's
// change, writes what its user changed and nothing else.
std::string joined(const std::vector<std::string>& codes) { return join(codes, " "); }

std::vector<std::string> split_codes(const std::string& text) {
    auto codes = split(text, ' ');
    std::sort(codes.begin(), codes.end());
    return codes;
}

// Whether the input `name` (a group of checkboxes when `group`) still holds what the form was
// read with; false when the form does not say what that was.
bool untouched(const Form& form, const std::string& name, bool group) {
    if (!form_has(form, "o:" + name))
        return false;
    const auto original = form_value(form, "o:" + name);
    return group ? form_values(form, name) == split_codes(original) : form_value(form, name) == original;
}

std::string basis_input(const std::string& name, const std::string& value) {
    return "<input type=\"hidden\" name=\"o:" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
}

std::vector<std::string> linked_to(const RegisterView& view, const LinkInfo& info, const Record& record) {
    std::vector<std::string> codes;
    for (const auto& link : view.list_links(info.kind, ref_of(record)))
        codes.push_back(link.to);
    std::sort(codes.begin(), codes.end());
    return codes;
}

// The form of a record: `current` is the record as it is (none for a new one), `given` the
// form as posted (shown again after a refusal, so nothing typed is lost), `now` the record as
// another change left it when the form was stale (each value that differs is shown beside).
std::string record_form(const Reading& r, const EntityInfo& entity, const std::optional<Record>& current,
                        const Form* given, const std::optional<Refusal>& refusal, const std::optional<Record>& now,
                        const Query& query) {
    const bool creating = !current;
    const auto action = creating ? "/records/" + entity.name + "/new"
                                 : "/records/" + entity.name + "/" + url_encode(ref_of(*current)) + "/edit";
    std::string out;
    if (refusal)
        out += refusal_box(*refusal);
    out += "<form class=\"record\" method=\"post\" action=\"" + escape(action) + "\">\n" + csrf_field(r.visitor);
    out += "<input type=\"hidden\" name=\"lang\" value=\"" + escape(r.lang) + "\">\n";
    // What the form is read from: after someone else's change (`now`) the record as it is now;
    // after another refusal still what the form was first read with, so that a change made in
    // between is not taken for read.
    const std::optional<Record>& basis = now ? now : current;
    const bool kept_basis = given && !now && form_has(*given, "revision");
    if (!creating) {
        out += "<input type=\"hidden\" name=\"revision\" value=\"" +
               (kept_basis ? escape(form_value(*given, "revision")) : std::to_string(basis->revision)) + "\">\n" +
               "<input type=\"hidden\" name=\"seen\" value=\"" +
               (kept_basis ? escape(form_value(*given, "seen")) : fingerprint(r.view, entity, *basis)) + "\">\n";
    }
    // the value an input shows again: what its user typed, or, where they did not touch it and
    // the record changed since, what is recorded now
    const auto touched = [&](const std::string& name, bool group) { return given && !untouched(*given, name, group); };
    const auto beside = [&](const std::string& name) {
        return refusal && refusal->field == name ? "<p class=\"refusal\" id=\"e-" + escape(name) + "\">" +
                                                       escape(refusal->message) + "</p>\n"
                                                 : std::string();
    };
    const auto described = [&](const std::string& name) {
        return refusal && refusal->field == name ? " aria-invalid=\"true\" aria-describedby=\"e-" + escape(name) + "\""
                                                 : std::string();
    };
    if (creating && entity.has_code) {
        out += "<label for=\"f-code\">Reference (code) (required)<span class=\"hint\">letters, digits and . _ -; it "
               "names the record for good</span></label>\n<input id=\"f-code\" name=\"code\" required maxlength=\"64\" value=\"" +
               escape(given ? form_value(*given, "code") : std::string()) + "\"" + described("code") + ">\n" + beside("code");
    }
    for (const auto& field : entity.fields) {
        const auto name = "f:" + field.name;
        const auto id = "f-" + field.name;
        const FieldValue recorded = current ? current->fields.at(field.name) : FieldValue{};
        if (set_by_approval(field)) {
            if (!creating)
                out += "<p><strong>" + escape(field.label) + "</strong>: " +
                       (value_text(recorded).empty() ? "<span class=\"muted\">not recorded</span>" : r.text(recorded)) +
                       "</p>\n";
            continue;
        }
        const bool group = field.type == FieldType::references;
        std::string value = given && form_has(*given, name) ? form_value(*given, name) : form_text(field, recorded, r.lang);
        auto chosen = given ? form_values(*given, name) : codes_of(recorded);
        if (now && !touched(name, group)) {
            value = form_text(field, now->fields.at(field.name), r.lang);
            chosen = codes_of(now->fields.at(field.name));
        }
        if (!creating)
            out += basis_input(name, kept_basis && form_has(*given, "o:" + name)
                                         ? form_value(*given, "o:" + name)
                                         : group ? joined(codes_of(basis->fields.at(field.name)))
                                                 : form_text(field, basis->fields.at(field.name), r.lang));
        if (!given && creating)
            if (const auto it = query.find(field.name); it != query.end() && field.name == "activity")
                value = it->second;  // /records/retention/new?activity=A1: the activity alone
        out += "<label for=\"" + id + "\">" + escape(field.label) + (field.required ? " (required)" : "");
        if (field.type == FieldType::text && current) {
            const auto* text = std::get_if<LocalizedText>(&recorded);
            if (text && !text->empty() && !text->contains(r.lang))
                out += "<span class=\"hint\">recorded in another language: " + r.text(recorded) +
                       " (what you write here is recorded in " + escape(r.lang) + ")</span>";
        }
        out += "</label>\n";
        out += field_control(r, field, name, value, chosen, described(field.name));
        out += beside(field.name);
        // said where the field itself changed since the form was read (its recorded value is no
        // longer the one the form kept), whether its user touched it or not
        if (now && (form_has(*given, "o:" + name) || form_has(*given, name))) {
            const auto& there = now->fields.at(field.name);
            const auto there_text = group ? joined(codes_of(there)) : form_text(field, there, r.lang);
            // a form that does not say what it was read with: where what it sends differs
            const auto read = form_has(*given, "o:" + name) ? form_value(*given, "o:" + name)
                                                             : group ? joined(chosen) : value;
            if (there_text != read)
                out += std::string("<p class=\"now\">Changed since you read it") +
                       (touched(name, group) ? "; now recorded: " +
                                                   (there_text.empty() ? std::string("(nothing)") : escape(there_text)) +
                                                   " (your value is kept above)"
                                             : ": the field shows what is recorded now") +
                       "</p>\n";
        }
    }
    // The links that start from the record, each a group of checkboxes: ticked, linked.
    for (const auto* info : links_from(entity)) {
        const auto name = "l:" + info->name;
        std::vector<std::string> chosen;
        if (given)
            chosen = form_values(*given, name);
        else if (current)
            chosen = linked_to(r.view, *info, *current);
        const auto linked_now = now ? linked_to(r.view, *info, *now) : std::vector<std::string>{};
        if (now && !touched(name, true))
            chosen = linked_now;
        out += "<fieldset class=\"choices\" id=\"" + escape("l-" + info->name) + "\"><legend>" + escape(info->label) +
               "</legend>\n<input type=\"hidden\" name=\"m:" + escape(name) + "\" value=\"1\">\n";
        if (!creating)
            out += basis_input(name, kept_basis && form_has(*given, "o:" + name) ? form_value(*given, "o:" + name)
                                                                                 : joined(linked_to(r.view, *info, *basis)));
        if (now && form_has(*given, "o:" + name) && joined(linked_now) != form_value(*given, "o:" + name))
            out += std::string("<p class=\"now\">Changed since you read it") +
                   (touched(name, true) ? "; now linked: " +
                                              (linked_now.empty() ? std::string("(none)") : escape(joined(linked_now))) +
                                              " (your choice is kept below)"
                                        : ": the boxes show what is linked now") +
                   "</p>\n";
        const auto targets = r.view.list(info->to);
        if (targets.empty())
            out += "<p class=\"muted\">None recorded yet: <a href=\"" + r.href("/records/" + entity_info(info->to).name + "/new") +
                   "\">add one</a>.</p>\n";
        for (const auto& target : targets) {
            const auto code = ref_of(target);
            out += "<label><input type=\"checkbox\" name=\"" + escape(name) + "\" value=\"" + escape(code) + "\"" +
                   (std::binary_search(chosen.begin(), chosen.end(), code) ? " checked" : "") + "> " + escape(code) +
                   " · " + escape(name_of(target, r.lang)) + "</label>\n";
        }
        out += "</fieldset>\n";
    }
    out += "<label for=\"f-reason\">Why (recorded with the change) (required)</label>\n"
           "<input id=\"f-reason\" name=\"reason\" required maxlength=\"2000\" value=\"" +
           escape(given ? form_value(*given, "reason") : std::string()) + "\"" + described("reason") + ">\n" + beside("reason") +
           "<p class=\"actions\"><button type=\"submit\">" + (creating ? "Add" : "Save") + "</button></p>\n</form>\n";
    return out;
}

struct Target {
    const EntityInfo* entity = nullptr;
    std::optional<std::string> ref;  ///< none for /new
    std::string action;              ///< "new", "edit", "remove", "approve"
};

Target target_of(std::string_view path) {
    Target target;
    if (path.starts_with("/activities/") && path.ends_with("/approve")) {
        target.entity = &entity_info(EntityKind::activity);
        target.ref = std::string(path.substr(12, path.size() - 12 - 8));
        target.action = "approve";
        return target;
    }
    if (!path.starts_with("/records/"))
        throw Error(Errc::not_found, "there is nothing to post to at " + std::string(path));
    auto rest = std::string(path.substr(9));
    const auto slash = rest.find('/');
    if (slash == std::string::npos)
        throw Error(Errc::not_found, "there is nothing to post to at " + std::string(path));
    target.entity = &entity_named(rest.substr(0, slash));
    rest = rest.substr(slash + 1);
    if (rest == "new") {
        target.action = "new";
        return target;
    }
    const auto last = rest.rfind('/');
    if (last == std::string::npos || last == 0)
        throw Error(Errc::not_found, "there is nothing to post to at " + std::string(path));
    target.ref = rest.substr(0, last);
    target.action = rest.substr(last + 1);
    if (target.action != "edit" && target.action != "remove")
        throw Error(Errc::not_found, "there is nothing to post to at " + std::string(path));
    return target;
}

std::optional<std::int64_t> revision_of(const Form& form) {
    const auto text = form_value(form, "revision");
    if (text.empty())
        return std::nullopt;
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        throw Error(Errc::validation, "revision: \"" + text + "\" is not a revision", "revision");
    return std::stoll(text);
}


} // namespace

Reply form_page(const Reading& r, const EntityInfo& entity, const std::optional<std::string>& ref, const Query& query) {
    if (!r.at.empty())
        throw Error(Errc::validation, "at: a past version is read, never edited; leave out ?at= to edit", "at");
    if (!may_write(r, entity))
        return html_reply(403, r, "Not allowed",
                    "<p class=\"error\">" +
                        escape(r.visitor.user.empty() ? std::string("Sign in to write to the register.")
                                                      : "Your role (" + std::string(to_string(r.visitor.role)) +
                                                            ") does not write " + entity.label +
                                                            (dpo_only(entity.kind) ? ": that is the DPO's." : ".")) +
                        "</p>\n");
    std::optional<Record> current;
    if (ref)
        current = r.view.get(entity.kind, *ref);
    const auto title = ref ? "Edit " + entity.label + " " + *ref : "Add: " + entity.label;
    return html_reply(200, r, title, record_form(r, entity, current, nullptr, std::nullopt, std::nullopt, query));
}

std::string approval_inputs(const Reading& r, const Record& activity) {
    return csrf_field(r.visitor) + "<input type=\"hidden\" name=\"revision\" value=\"" +
           std::to_string(activity.revision) + "\">\n<input type=\"hidden\" name=\"seen\" value=\"" +
           fingerprint(r.view, entity_info(EntityKind::activity), activity) + "\">\n";
}

Reply submit(const std::filesystem::path& db, std::string_view path, const Form& form, const Visitor& visitor) {
    if (auto link = submit_link(db, path, form, visitor))
        return std::move(*link);
    if (auto tag = submit_tag(db, path, form, visitor))
        return std::move(*tag);
    const auto target = target_of(path);  // Error{not_found}: the caller shows it
    const auto& entity = *target.entity;
    const std::lock_guard lock(write_lock());
    auto file = Register::open(db);
    // texts are recorded in the language the form showed them in
    const auto lang = form_language(form, file);
    const Reading r{file, file, "", lang, false, visitor};
    const std::string reason = form_value(form, "reason");
    const ChangeRequest change{visitor.user, reason};

    std::optional<Record> before;
    if (target.ref && !(before = file.find(entity.kind, *target.ref)))
        return fault(404, "Not found", "no " + entity.name + " \"" + *target.ref + "\"", visitor);
    Fields changes;
    std::vector<Link> to_link, to_unlink;
    std::optional<std::string> code;
    const auto refused = [&](Refusal refusal) {
        if (target.action == "remove" || target.action == "approve") {
            return html_reply(refusal.status, r, "Refused",
                              refusal_box(refusal) + "<p><a href=\"" + escape(record_path(entity, *before)) +
                                  "\">Back to the record</a></p>\n");
        }
        std::optional<Record> now;
        if (refusal.status == 409 && before)
            now = file.find(entity.kind, *target.ref);
        const auto title = before ? "Edit " + entity.label + " " + *target.ref : "Add: " + entity.label;
        return html_reply(refusal.status, r, title, record_form(r, entity, before, &form, refusal, now, {}));
    };
    try {
        if (target.action == "approve") {
            changes["status"] = std::string("active");
            if (const auto date = form_value(form, "next_review_date"); !date.empty())
                changes["next_review_date"] = date;
        } else if (target.action != "remove") {
            if (target.action == "new" && entity.has_code) {
                code = form_value(form, "code");
                if (code->empty())
                    return refused({422, "code: a new record needs its reference (code)", "code", {}});
            }
            for (const auto& field : entity.fields) {
                if (set_by_approval(field))
                    continue;
                const auto key = "f:" + field.name;
                // a field the form did not send is left as it is
                if (!form_has(form, key) && !form_has(form, "m:" + key))
                    continue;
                // nor one its user did not touch, whatever was recorded since
                if (before && untouched(form, key, field.type == FieldType::references))
                    continue;
                auto value = parsed_value(entity, field, form, lang);
                if (!before) {
                    const bool empty = std::holds_alternative<std::monostate>(value) ||
                                       (std::holds_alternative<Codes>(value) && std::get<Codes>(value).empty());
                    if (!empty)
                        changes[field.name] = std::move(value);
                    continue;
                }
                const auto& recorded = before->fields.at(field.name);
                if (field.type == FieldType::references) {
                    if (codes_of(recorded) != codes_of(value))
                        changes[field.name] = std::move(value);
                    continue;
                }
                if (form_text(field, recorded, lang) == form_value(form, key))
                    continue;
                if (field.type == FieldType::text && std::holds_alternative<std::monostate>(value))
                    if (const auto* text = std::get_if<LocalizedText>(&recorded); text && text->size() > 1)
                        return refused({422,
                                        entity.name + "." + field.name + ": this text is also recorded in other languages; "
                                                                         "clear it with ropa " + entity.name + " edit",
                                        field.name, {}});
                changes[field.name] = std::move(value);
            }
            const auto from = before ? ref_of(*before) : code.value_or("");
            for (const auto* info : links_from(entity)) {
                const auto key = "l:" + info->name;
                if (!form_has(form, "m:" + key))
                    continue;
                const auto wanted = form_values(form, key);
                const auto linked = before ? linked_to(file, *info, *before) : std::vector<std::string>{};
                // what its user ticked and unticked since the form was read, where it says what
                // that was; else the group as it is sent
                const bool has_basis = before && form_has(form, "o:" + key);
                const auto read = has_basis ? split_codes(form_value(form, "o:" + key)) : linked;
                const auto in = [](const std::vector<std::string>& codes, const std::string& one) {
                    return std::binary_search(codes.begin(), codes.end(), one);
                };
                for (const auto& to : wanted)
                    if (!in(read, to) && !in(linked, to))
                        to_link.push_back({info->kind, from, to, {}});
                for (const auto& to : read)
                    if (!in(wanted, to) && in(linked, to))
                        to_unlink.push_back({info->kind, from, to, {}});
            }
        }
        if (const auto why_not = role_refusal(visitor, entity, file, before, changes))
            return refused({403, "not allowed: " + *why_not, changes.contains("status") ? "status" : "", {}});
        if (reason.empty())
            return refused({422, "reason: say why; every change is recorded with its reason", "reason", {}});
        const auto expected = revision_of(form);
        const auto seen = form_value(form, "seen");
        if (before && ((expected && *expected != before->revision) ||
                       (!seen.empty() && !same_fingerprint(seen, fingerprint(file, entity, *before))))) {
            if (target.action == "approve" || target.action == "remove")
                throw Error(Errc::conflict, entity.name + " " + *target.ref +
                                                " changed since you opened its page (its fields, links or time "
                                                "limits): read it again before you " +
                                                (target.action == "approve" ? "approve it" : "remove it"));
            throw Error(Errc::conflict,
                        entity.name + " " + *target.ref +
                            " changed since you read it (its fields, links or time limits): the form now shows what "
                            "is recorded where you changed nothing, and your changes with what is recorded now beside "
                            "them; check them, then save again");
        }
        Record written = before.value_or(Record{});
        file.write(change, [&](Writer& w) {
            if (target.action == "remove") {
                w.remove(entity.kind, *target.ref);
                return;
            }
            if (!before)
                written = w.create(entity.kind, code, changes);
            else if (!changes.empty())
                written = w.update(entity.kind, *target.ref, changes, expected);
            for (const auto& link : to_unlink)
                w.unlink(link.kind, link.from, link.to);
            for (auto link : to_link) {
                link.from = ref_of(written);
                w.link(link);
            }
        });
        return see_other(after_saving(target.action == "remove" ? "/records/" + entity.name : record_path(entity, written),
                                      lang, file));
    } catch (const Error& e) {
        if (!shown_in_form(e))
            throw;
        return refused({status_of(e), e.what(), field_named(entity, e), e.broken_rules()});
    }
}

} // namespace ropa::web

// The form of a link's own fields (/links/NAME/FROM/TO): a basis's legal sources for
// Art. 6(3), a joint controller's responsibilities, a note. The links themselves are ticked in
// the form of the record they start from (record_forms.cpp).

#include "web/form_pages.hpp"

#include <mutex>

#include "ropa/error.hpp"
#include "web/form_fields.hpp"
#include "web/write_rules.hpp"

namespace ropa::web {

namespace {

struct LinkTarget {
    const LinkInfo* info = nullptr;
    std::string from, to;
};

// /links/NAME/FROM/TO (codes never hold "/").
std::optional<LinkTarget> link_target(std::string_view path) {
    if (!path.starts_with("/links/"))
        return std::nullopt;
    const auto rest = std::string(path.substr(7));
    const auto first_slash = rest.find('/');
    const auto second_slash = first_slash == std::string::npos ? std::string::npos : rest.find('/', first_slash + 1);
    if (second_slash == std::string::npos || rest.find('/', second_slash + 1) != std::string::npos)
        throw Error(Errc::not_found, "there is no link at " + std::string(path));
    LinkTarget target;
    target.info = find_link(rest.substr(0, first_slash));
    if (!target.info)
        throw Error(Errc::not_found, "there is no kind of link \"" + rest.substr(0, first_slash) + "\"");
    target.from = rest.substr(first_slash + 1, second_slash - first_slash - 1);
    target.to = rest.substr(second_slash + 1);
    return target;
}

Link find_linked(const RegisterView& view, const LinkTarget& target) {
    for (auto& link : view.list_links(target.info->kind, target.from))
        if (link.to == target.to)
            return link;
    throw Error(Errc::not_found, target.from + " is not linked to " + target.to + " (" + target.info->name + ")");
}

std::string link_form(const Reading& r, const LinkTarget& target, const Link& link, const Form* given,
                      const std::optional<Refusal>& refusal) {
    const auto& from_entity = entity_info(target.info->from);
    const auto from = r.view.get(from_entity.kind, target.from);
    std::string out;
    if (refusal)
        out += refusal_box(*refusal);
    out += "<p>" + escape(target.info->label) + ": <a href=\"" + r.href(record_path(from_entity, from)) + "\">" +
           escape(target.from) + "</a> → " + escape(target.to) + "</p>\n<form class=\"record\" method=\"post\">\n" +
           csrf_field(r.visitor) + "<input type=\"hidden\" name=\"lang\" value=\"" + escape(r.lang) +
           "\">\n<input type=\"hidden\" name=\"seen\" value=\"" + fingerprint(r.view, from_entity, from) + "\">\n";
    for (const auto& field : target.info->fields) {
        const auto name = "f:" + field.name;
        const auto it = link.fields.find(field.name);
        const FieldValue recorded = it == link.fields.end() ? FieldValue{} : it->second;
        const auto value = given && form_has(*given, name) ? form_value(*given, name) : form_text(field, recorded, r.lang);
        const auto chosen = given ? form_values(*given, name) : codes_of(recorded);
        out += "<label for=\"f-" + escape(field.name) + "\">" + escape(field.label) + "</label>\n" +
               field_control(r, field, name, value, chosen, "");
        if (refusal && refusal->field == field.name)
            out += "<p class=\"refusal\">" + escape(refusal->message) + "</p>\n";
    }
    out += "<label for=\"f-reason\">Why (recorded with the change) (required)</label>\n"
           "<input id=\"f-reason\" name=\"reason\" required maxlength=\"2000\" value=\"" +
           escape(given ? form_value(*given, "reason") : std::string()) + "\">\n"
           "<p class=\"actions\"><button type=\"submit\">Save</button></p>\n</form>\n";
    return out;
}

} // namespace

std::optional<Reply> link_page(const Reading& r, std::string_view path) {
    const auto target = link_target(path);
    if (!target)
        return std::nullopt;
    const auto link = find_linked(r.view, *target);
    if (!r.at.empty())
        throw Error(Errc::validation, "at: a past version is read, never edited; leave out ?at= to edit", "at");
    if (!r.visitor.may(dpo_only(target->info->from) ? Role::dpo : Role::editor))
        return html_reply(403, r, "Not allowed", "<p class=\"error\">Your role does not change this link.</p>\n");
    return html_reply(200, r, "Edit the link " + target->from + " → " + target->to,
                      link_form(r, *target, link, nullptr, std::nullopt));
}

std::optional<Reply> submit_link(const std::filesystem::path& db, std::string_view path, const Form& form,
                                 const Visitor& visitor) {
    const auto found = link_target(path);
    if (!found)
        return std::nullopt;
    const auto& target = *found;
    const std::lock_guard lock(write_lock());
    auto file = Register::open(db);
    const auto lang = form_language(form, file);
    const Reading r{file, file, "", lang, false, visitor};
    const auto& from_entity = entity_info(target.info->from);
    const auto from = file.find(from_entity.kind, target.from);
    if (!from)
        return fault(404, "Not found", "no " + from_entity.name + " \"" + target.from + "\"", visitor);
    const auto title = "Edit the link " + target.from + " → " + target.to;
    Link link;
    try {
        link = find_linked(file, target);
    } catch (const Error& e) {
        return fault(404, "Not found", e.what(), visitor);
    }
    const auto refused = [&](Refusal refusal) {
        return html_reply(refusal.status, r, title, link_form(r, target, link, &form, refusal));
    };
    try {
        if (const auto why_not = role_refusal(visitor, from_entity, file, from, {}))
            return refused({403, "not allowed: " + *why_not, "", {}});
        const auto reason = form_value(form, "reason");
        if (reason.empty())
            return refused({422, "reason: say why; every change is recorded with its reason", "reason", {}});
        const auto seen = form_value(form, "seen");
        if (!seen.empty() && !same_fingerprint(seen, fingerprint(file, from_entity, *from)))
            return refused({409, target.from + " changed since you read it; read it again", "", {}});
        Link edited{target.info->kind, target.from, target.to, {}};
        for (const auto& field : target.info->fields)
            if (form_has(form, "f:" + field.name) || form_has(form, "m:f:" + field.name))
                edited.fields[field.name] = parsed_value(entity_info(target.info->from), field, form, lang);
        file.edit_link(edited, {visitor.user, reason});
        return see_other(after_saving(record_path(from_entity, *from), lang, file));
    } catch (const Error& e) {
        if (!shown_in_form(e))
            throw;
        return refused({status_of(e), e.what(), field_named(target.info->fields, e), e.broken_rules()});
    }
}

} // namespace ropa::web

#include "web/forms.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include <sodium.h>

#include "ropa/error.hpp"

namespace ropa::web {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";

// --- what a form holds -------------------------------------------------------------------

std::string first(const Form& form, std::string_view name) {
    for (const auto& [key, value] : form)
        if (key == name) {
            // a browser sends a textarea's line breaks as CR LF; the register keeps LF
            std::string text = value;
            for (std::size_t at; (at = text.find("\r\n")) != std::string::npos;)
                text.replace(at, 2, "\n");
            return text;
        }
    return {};
}

bool has(const Form& form, std::string_view name) {
    return std::any_of(form.begin(), form.end(), [&](const auto& entry) { return entry.first == name; });
}

std::vector<std::string> every(const Form& form, std::string_view name) {
    std::vector<std::string> values;
    for (const auto& [key, value] : form)
        if (key == name && !value.empty())
            values.push_back(value);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

// The approval is recorded by approving, never typed into a form.
bool set_by_approval(const FieldInfo& field) {
    return field.name == "approved_by" || field.name == "approved_at" || field.name == "approval_reason";
}

// The catalogue, the allowed links and the controller are the DPO's: the purpose limitation
// every approval is checked against is theirs to set.
bool dpo_only(EntityKind kind) {
    static const std::set<EntityKind> theirs{EntityKind::controller,   EntityKind::legal_basis,  EntityKind::transfer_tool,
                                             EntityKind::legal_source, EntityKind::purpose_group, EntityKind::purpose,
                                             EntityKind::data_category, EntityKind::measure_type};
    return theirs.contains(kind);
}

bool approved_status(std::string_view status) { return status == "active" || status == "retired"; }

std::string ref_of(const Record& record) { return record.code ? *record.code : "#" + std::to_string(record.id); }

std::string record_path(const EntityInfo& entity, const Record& record) {
    if (entity.kind == EntityKind::activity)
        return "/activities/" + url_encode(*record.code);
    return "/records/" + entity.name + "/" + url_encode(ref_of(record));
}

// What a form was read from: the record's fields, the links from it and, for an activity, its
// time limits for erasure, hashed. A link or a time limit changed does not raise the record's
// revision, so the revision alone would let a form read before such a change overwrite it, or
// the DPO approve an activity whose links changed after the page was opened.
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

// A field's value as its form input holds it: text in the form's language alone (a text
// recorded in another language is shown beside the input, never copied into it).
std::string form_text(const FieldInfo& field, const FieldValue& value, const std::string& lang) {
    if (field.type == FieldType::text) {
        if (const auto* text = std::get_if<LocalizedText>(&value))
            if (const auto it = text->find(lang); it != text->end())
                return it->second.value;
        return {};
    }
    if (field.type == FieldType::boolean)
        if (const auto* yes = std::get_if<bool>(&value))
            return *yes ? "yes" : "no";
    return value_text(value);
}

Codes codes_of(const FieldValue& value) {
    if (const auto* codes = std::get_if<Codes>(&value)) {
        auto sorted = *codes;
        std::sort(sorted.begin(), sorted.end());
        return sorted;
    }
    return {};
}

// The value a form gives for `field`; std::monostate for an empty input.
FieldValue parsed(const EntityInfo& entity, const FieldInfo& field, const Form& form, const std::string& lang) {
    const auto key = "f:" + field.name;
    if (field.type == FieldType::references)
        return Codes(every(form, key));
    const auto text = first(form, key);
    if (text.empty())
        return std::monostate{};
    const auto path = entity.name + "." + field.name;
    if (field.type == FieldType::text)
        return LocalizedText{{lang, Translation{text, TextStatus::source}}};
    if (field.type == FieldType::boolean) {
        if (text == "yes" || text == "no")
            return text == "yes";
        throw Error(Errc::validation, path + ": choose yes or no", path);
    }
    if (field.type == FieldType::integer) {
        if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
            throw Error(Errc::validation, path + ": \"" + text + "\" is not a whole number", path);
        return static_cast<std::int64_t>(std::stoll(text));
    }
    return text;  // dates, choices, countries, references: the library checks them
}

// The field of `entity` an error names ("activity.end_date", "activity.name.en"), or "".
std::string field_named(const EntityInfo& entity, const Error& error) {
    std::string path = error.field();
    for (std::size_t start = 0; start <= path.size();) {
        auto end = path.find_first_of(".[", start);
        if (end == std::string::npos)
            end = path.size();
        const auto part = path.substr(start, end - start);
        if (part == "code")
            return part;
        for (const auto& field : entity.fields)
            if (field.name == part)
                return part;
        start = end + 1;
    }
    return {};
}

// --- pages ---------------------------------------------------------------------------------

Reply html(int status, const Reading& r, const std::string& title, const std::string& body) {
    return {status, html_type, page(r.frame(title), body), "", ""};
}

const EntityInfo& entity_named(std::string_view noun) {
    const auto* entity = find_entity(noun);
    if (!entity)
        throw Error(Errc::not_found, "there is no kind of record \"" + std::string(noun) + "\"");
    return *entity;
}

Reply kinds(const Reading& r) {
    std::string body = "<p>Every kind of record the register holds. An activity names its purposes, data, "
                       "recipients and measures from these lists.</p>\n<ul>\n";
    for (const auto& entity : entities())
        body += "<li><a href=\"" + r.href("/records/" + entity.name) + "\">" + escape(entity.label) + "</a></li>\n";
    return html(200, r, "Records", body + "</ul>\n");
}

bool may_write(const Reading& r, const EntityInfo& entity) {
    return r.at.empty() && r.visitor.may(dpo_only(entity.kind) ? Role::dpo : Role::editor);
}

Reply list_of(const Reading& r, const EntityInfo& entity, const Query& query) {
    RecordFilter filter;
    std::string q;
    if (const auto it = query.find("q"); it != query.end() && !it->second.empty())
        filter.search = q = it->second;
    auto found = r.view.list(entity.kind, filter);
    std::string body = "<form class=\"filters\" method=\"get\">\n";
    if (!r.at.empty())
        body += "<input type=\"hidden\" name=\"at\" value=\"" + escape(r.at) + "\">\n";
    body += "<label>Text <input type=\"search\" name=\"q\" value=\"" + escape(q) +
            "\"></label>\n<button type=\"submit\">Filter</button>\n</form>\n";
    if (may_write(r, entity) && !(entity.kind == EntityKind::controller && !found.empty()))
        body += "<p><a href=\"/records/" + entity.name + "/new\">Add a record</a></p>\n";
    constexpr std::size_t shown = 500;
    body += "<p>" + std::to_string(found.size()) + " record" + (found.size() == 1 ? "" : "s") +
            (found.size() > shown ? ", the first 500 shown: filter to find the others" : "") + ".</p>\n";
    if (found.size() > shown)
        found.resize(shown);
    body += "<div class=\"scroll\"><table>\n<thead><tr><th>Reference</th><th>Name</th></tr></thead>\n<tbody>\n";
    for (const auto& record : found)
        body += "<tr><td><a href=\"" + r.href(record_path(entity, record)) + "\">" + escape(ref_of(record)) +
                "</a></td><td>" + escape(name_of(record, r.lang)) + "</td></tr>\n";
    body += "</tbody></table></div>\n";
    return html(200, r, entity.label, body);
}

// The links that start from a record of `entity`, by kind.
std::vector<const LinkInfo*> links_from(const EntityInfo& entity) {
    std::vector<const LinkInfo*> found;
    for (const auto& info : links())
        if (info.from == entity.kind)
            found.push_back(&info);
    return found;
}

std::string remove_form(const Reading& r, const EntityInfo& entity, const Record& record) {
    return "<form class=\"actions\" method=\"post\" action=\"/records/" + entity.name + "/" +
           escape(url_encode(ref_of(record))) + "/remove\">\n" + csrf_field(r.visitor) +
           "<label>Why it is removed <input name=\"reason\" required maxlength=\"2000\"></label>\n"
           "<button type=\"submit\">Remove this record</button>\n</form>\n";
}

Reply one_record(const Reading& r, const EntityInfo& entity, const std::string& ref) {
    const auto record = r.view.get(entity.kind, ref);
    std::string body = "<table class=\"record\">\n<tbody>\n<tr><th scope=\"row\">Reference</th><td>" +
                       escape(ref_of(record)) + "</td></tr>\n<tr><th scope=\"row\">Revision</th><td>" +
                       std::to_string(record.revision) + "</td></tr>\n";
    for (const auto& field : entity.fields) {
        const auto it = record.fields.find(field.name);
        const std::string value = it == record.fields.end() ? "" : r.text(it->second);
        body += "<tr><th scope=\"row\">" + escape(field.label) + "</th><td>" +
                (value.empty() ? "<span class=\"muted\">not recorded</span>" : value) + "</td></tr>\n";
    }
    for (const auto* info : links_from(entity)) {
        std::string targets;
        for (const auto& link : r.view.list_links(info->kind, ref_of(record))) {
            targets += (targets.empty() ? "" : "<br>") + escape(link.to);
            for (const auto& field : info->fields)
                if (const auto it = link.fields.find(field.name); it != link.fields.end() && !value_text(it->second).empty())
                    targets += " <span class=\"muted\">(" + escape(field.label) + ": " + r.text(it->second) + ")</span>";
            if (!info->fields.empty() && may_write(r, entity))
                targets += " <a href=\"/links/" + escape(info->name) + "/" + escape(url_encode(link.from)) + "/" +
                           escape(url_encode(link.to)) + "\">edit</a>";
        }
        body += "<tr><th scope=\"row\">" + escape(info->label) + "</th><td>" +
                (targets.empty() ? "<span class=\"muted\">none recorded</span>" : targets) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";
    if (may_write(r, entity)) {
        body += "<p><a href=\"/records/" + entity.name + "/" + escape(url_encode(ref_of(record))) +
                "/edit\">Edit this record</a></p>\n";
        if (entity.kind != EntityKind::controller)
            body += remove_form(r, entity, record);
    }
    return html(200, r, entity.label + " " + ref_of(record) + " · " + name_of(record, r.lang), body);
}

// What a refused write shows: the message, and each rule it would break with its article.
struct Refusal {
    int status = 422;
    std::string message;
    std::string field;  ///< the field it is shown beside, "" for the whole form
    std::vector<Error::BrokenRule> broken;
};

// One field's input: `name` its form name, `value` its text, `chosen` the codes ticked (a
// references field), `described` the attributes that tie it to a refusal shown beside it.
std::string field_control(const Reading& r, const FieldInfo& field, const std::string& name, const std::string& value,
                          const std::vector<std::string>& chosen, const std::string& described) {
    const auto id = "f-" + field.name;
    const auto attributes = "id=\"" + id + "\" name=\"" + escape(name) + "\"" + described + (field.required ? " required" : "");
    std::string out;
    switch (field.type) {
    case FieldType::text:
    case FieldType::string:
        if (field.max_bytes > 500)
            out += "<textarea " + attributes + " rows=\"3\">\n" + escape(value) + "</textarea>\n";  // the parser drops a first newline
        else
            out += "<input " + attributes + " value=\"" + escape(value) + "\">\n";
        break;
    case FieldType::email: out += "<input type=\"email\" " + attributes + " value=\"" + escape(value) + "\">\n"; break;
    case FieldType::date: out += "<input type=\"date\" " + attributes + " value=\"" + escape(value) + "\">\n"; break;
    case FieldType::integer:
        out += "<input type=\"number\" min=\"1\" " + attributes + " value=\"" + escape(value) + "\">\n";
        break;
    case FieldType::country:
        out += "<input " + attributes + " maxlength=\"2\" size=\"3\" value=\"" + escape(value) + "\">\n";
        break;
    case FieldType::boolean:
    case FieldType::choice: {
        std::vector<std::string> choices = field.type == FieldType::boolean ? std::vector<std::string>{"yes", "no"}
                                                                            : field.choices;
        // a value recorded that is no longer a choice stays one, so that saving keeps it
        if (!value.empty() && std::find(choices.begin(), choices.end(), value) == choices.end())
            choices.push_back(value);
        out += "<select " + attributes + ">\n<option value=\"\">(not recorded)</option>\n";
        for (const auto& choice : choices)
            out += "<option" + std::string(choice == value ? " selected" : "") + ">" + escape(choice) + "</option>\n";
        out += "</select>\n";
        break;
    }
    case FieldType::reference: {
        const auto targets = r.view.list(*field.references);
        if (targets.size() > 500) {  // a list of thousands of activities: the code is typed
            out += "<input " + attributes + " value=\"" + escape(value) + "\">\n";
            break;
        }
        out += "<select " + attributes + ">\n<option value=\"\">(none)</option>\n";
        for (const auto& target : targets)
            out += "<option value=\"" + escape(ref_of(target)) + "\"" + (ref_of(target) == value ? " selected" : "") +
                   ">" + escape(ref_of(target)) + " · " + escape(name_of(target, r.lang)) + "</option>\n";
        out += "</select>\n";
        break;
    }
    case FieldType::references: {
        out += "<fieldset class=\"choices\" id=\"" + id + "\"><legend>choose any</legend>\n"
               "<input type=\"hidden\" name=\"m:" + escape(name) + "\" value=\"1\">\n";
        for (const auto& target : r.view.list(*field.references)) {
            const auto code = ref_of(target);
            out += "<label><input type=\"checkbox\" name=\"" + escape(name) + "\" value=\"" + escape(code) + "\"" +
                   (std::binary_search(chosen.begin(), chosen.end(), code) ? " checked" : "") + "> " + escape(code) +
                   " · " + escape(name_of(target, r.lang)) + "</label>\n";
        }
        out += "</fieldset>\n";
        break;
    }
    }
    return out;
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
    if (refusal) {
        out += "<div class=\"refusal\" role=\"alert\" id=\"refusal\"><p><strong>Nothing was written.</strong> " +
               escape(refusal->message) + "</p>\n";
        if (!refusal->broken.empty()) {
            out += "<ul>\n";
            for (const auto& rule : refusal->broken)
                out += "<li>" + escape(rule.rule) + " (" + escape(rule.article) + "): " + escape(rule.message) + "</li>\n";
            out += "</ul>\n";
        }
        out += "</div>\n";
    }
    out += "<form class=\"record\" method=\"post\" action=\"" + escape(action) + "\">\n" + csrf_field(r.visitor);
    out += "<input type=\"hidden\" name=\"lang\" value=\"" + escape(r.lang) + "\">\n";
    if (!creating) {
        const auto& shown = now ? *now : *current;
        out += "<input type=\"hidden\" name=\"revision\" value=\"" + std::to_string(shown.revision) + "\">\n" +
               "<input type=\"hidden\" name=\"seen\" value=\"" + fingerprint(r.view, entity, shown) + "\">\n";
    }
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
               escape(given ? first(*given, "code") : std::string()) + "\"" + described("code") + ">\n" + beside("code");
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
        std::string value = given && has(*given, name) ? first(*given, name) : form_text(field, recorded, r.lang);
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
        const auto chosen = given ? every(*given, name) : codes_of(recorded);
        out += field_control(r, field, name, value, chosen, described(field.name));
        out += beside(field.name);
        if (now && given && has(*given, name)) {
            const auto there = form_text(field, now->fields.at(field.name), r.lang);
            if (field.type != FieldType::references && there != value)
                out += "<p class=\"now\">Changed since you read it; now recorded: " +
                       (there.empty() ? std::string("(nothing)") : escape(there)) + "</p>\n";
        }
    }
    // The links that start from the record, each a group of checkboxes: ticked, linked.
    for (const auto* info : links_from(entity)) {
        const auto name = "l:" + info->name;
        std::vector<std::string> chosen;
        if (given)
            chosen = every(*given, name);
        else if (current)
            for (const auto& link : r.view.list_links(info->kind, ref_of(*current)))
                chosen.push_back(link.to);
        std::sort(chosen.begin(), chosen.end());
        out += "<fieldset class=\"choices\" id=\"" + escape("l-" + info->name) + "\"><legend>" + escape(info->label) +
               "</legend>\n<input type=\"hidden\" name=\"m:" + escape(name) + "\" value=\"1\">\n";
        const auto targets = r.view.list(info->to);
        if (targets.empty())
            out += "<p class=\"muted\">None recorded yet: <a href=\"/records/" + entity_info(info->to).name +
                   "/new\">add one</a>.</p>\n";
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
           escape(given ? first(*given, "reason") : std::string()) + "\"" + described("reason") + ">\n" + beside("reason") +
           "<p class=\"actions\"><button type=\"submit\">" + (creating ? "Add" : "Save") + "</button></p>\n</form>\n";
    return out;
}

Reply form_page(const Reading& r, const EntityInfo& entity, const std::optional<std::string>& ref, const Query& query) {
    if (!r.at.empty())
        throw Error(Errc::validation, "at: a past version is read, never edited; leave out ?at= to edit", "at");
    if (!may_write(r, entity))
        return html(403, r, "Not allowed",
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
    return html(200, r, title, record_form(r, entity, current, nullptr, std::nullopt, std::nullopt, query));
}


// --- a link's own fields (a basis's legal sources, a joint controller's responsibilities) ---

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
        out += "<div class=\"refusal\" role=\"alert\" id=\"refusal\"><p><strong>Nothing was written.</strong> " +
               escape(refusal->message) + "</p></div>\n";
    out += "<p>" + escape(target.info->label) + ": <a href=\"" + r.href(record_path(from_entity, from)) + "\">" +
           escape(target.from) + "</a> → " + escape(target.to) + "</p>\n<form class=\"record\" method=\"post\">\n" +
           csrf_field(r.visitor) + "<input type=\"hidden\" name=\"lang\" value=\"" + escape(r.lang) +
           "\">\n<input type=\"hidden\" name=\"seen\" value=\"" + fingerprint(r.view, from_entity, from) + "\">\n";
    for (const auto& field : target.info->fields) {
        const auto name = "f:" + field.name;
        const auto it = link.fields.find(field.name);
        const FieldValue recorded = it == link.fields.end() ? FieldValue{} : it->second;
        const auto value = given && has(*given, name) ? first(*given, name) : form_text(field, recorded, r.lang);
        const auto chosen = given ? every(*given, name) : codes_of(recorded);
        out += "<label for=\"f-" + escape(field.name) + "\">" + escape(field.label) + "</label>\n" +
               field_control(r, field, name, value, chosen, "");
        if (refusal && refusal->field == field.name)
            out += "<p class=\"refusal\">" + escape(refusal->message) + "</p>\n";
    }
    out += "<label for=\"f-reason\">Why (recorded with the change) (required)</label>\n"
           "<input id=\"f-reason\" name=\"reason\" required maxlength=\"2000\" value=\"" +
           escape(given ? first(*given, "reason") : std::string()) + "\">\n"
           "<p class=\"actions\"><button type=\"submit\">Save</button></p>\n</form>\n";
    return out;
}

Reply link_page(const Reading& r, const LinkTarget& target) {
    const auto link = find_linked(r.view, target);
    if (!r.at.empty())
        throw Error(Errc::validation, "at: a past version is read, never edited; leave out ?at= to edit", "at");
    const auto title = "Edit the link " + target.from + " → " + target.to;
    if (!r.visitor.may(dpo_only(target.info->from) ? Role::dpo : Role::editor))
        return html(403, r, "Not allowed", "<p class=\"error\">Your role does not change this link.</p>\n");
    return html(200, r, title, link_form(r, target, link, nullptr, std::nullopt));
}

} // namespace

std::mutex& write_lock() {
    // SQLite would serialise the writes anyway; this keeps a second one from waiting on the busy
    // handler while the first commits.
    static std::mutex writing;
    return writing;
}

std::string approval_inputs(const Reading& r, const Record& activity) {
    return csrf_field(r.visitor) + "<input type=\"hidden\" name=\"revision\" value=\"" +
           std::to_string(activity.revision) + "\">\n<input type=\"hidden\" name=\"seen\" value=\"" +
           fingerprint(r.view, entity_info(EntityKind::activity), activity) + "\">\n";
}

std::optional<Reply> record_page(const Reading& r, std::string_view path, const Query& query) {
    if (const auto link = link_target(path))
        return link_page(r, *link);
    if (path == "/records")
        return kinds(r);
    if (!path.starts_with("/records/"))
        return std::nullopt;
    auto rest = std::string(path.substr(9));
    const auto slash = rest.find('/');
    const auto& entity = entity_named(rest.substr(0, slash));
    if (slash == std::string::npos)
        return list_of(r, entity, query);
    rest = rest.substr(slash + 1);
    if (rest == "new")
        return form_page(r, entity, std::nullopt, query);
    if (rest.ends_with("/edit"))
        return form_page(r, entity, rest.substr(0, rest.size() - 5), query);
    if (rest.empty() || rest.find('/') != std::string::npos)
        return std::nullopt;
    return one_record(r, entity, rest);
}

namespace {

} // namespace

std::optional<std::string> role_refusal(const Visitor& visitor, const EntityInfo& entity, const Register& file,
                                        const std::optional<Record>& before, const Fields& changes) {
    if (!visitor.may(Role::editor))
        return "your role (" + std::string(to_string(visitor.role)) + ") reads the register; an editor or the DPO writes it";
    if (visitor.may(Role::dpo))
        return std::nullopt;
    if (dpo_only(entity.kind))
        return entity.label + " is the DPO's to change (the catalogue, the allowed links and the controller)";
    const auto status_of = [](const Fields& fields) {
        const auto it = fields.find("status");
        return it == fields.end() ? std::string() : value_text(it->second);
    };
    if (entity.kind == EntityKind::activity) {
        if (before && approved_status(status_of(before->fields)))
            return "activity " + *before->code + " is approved: the DPO changes an approved activity";
        if (approved_status(status_of(changes)))
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

namespace {


struct Target {
    const EntityInfo* entity = nullptr;
    std::optional<std::string> ref;  ///< none for /new
    std::string action;              ///< "new", "edit", "remove", "approve"
};

bool same_fingerprint(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

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
    const auto text = first(form, "revision");
    if (text.empty())
        return std::nullopt;
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
        throw Error(Errc::validation, "revision: \"" + text + "\" is not a revision", "revision");
    return std::stoll(text);
}

// The faults a form is shown again with; any other (storage, I/O) is a fault page.
bool shown_in_form(const Error& error) {
    return error.code() == Errc::validation || error.code() == Errc::rule_violation || error.code() == Errc::conflict ||
           error.code() == Errc::not_found;
}

int status_of(const Error& error) {
    if (error.code() == Errc::conflict)
        return 409;
    if (error.code() == Errc::not_found)
        return 404;
    if (error.code() == Errc::validation || error.code() == Errc::rule_violation)
        return 422;
    return 500;
}


// A link's fields edited: one change through Writer::edit_link, refused as a record's edit is.
Reply submit_link(const std::filesystem::path& db, const LinkTarget& target, const Form& form, const Visitor& visitor) {
    const std::lock_guard lock(write_lock());
    auto file = Register::open(db);
    const auto lang = first(form, "lang").empty() ? file.settings().default_language
                                                  : canonical_language_tag(first(form, "lang"), "lang");
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
        return html(refusal.status, r, title, link_form(r, target, link, &form, refusal));
    };
    try {
        if (const auto why_not = role_refusal(visitor, from_entity, file, from, {}))
            return refused({403, "not allowed: " + *why_not, "", {}});
        const auto reason = first(form, "reason");
        if (reason.empty())
            return refused({422, "reason: say why; every change is recorded with its reason", "reason", {}});
        const auto seen = first(form, "seen");
        if (!seen.empty() && !same_fingerprint(seen, fingerprint(file, from_entity, *from)))
            return refused({409, target.from + " changed since you read it; read it again", "", {}});
        Link edited{target.info->kind, target.from, target.to, {}};
        for (const auto& field : target.info->fields)
            if (has(form, "f:" + field.name) || has(form, "m:f:" + field.name))
                edited.fields[field.name] = parsed(entity_info(target.info->from), field, form, lang);
        file.edit_link(edited, {visitor.user, reason});
        return see_other(record_path(from_entity, *from));
    } catch (const Error& e) {
        if (!shown_in_form(e))
            throw;
        std::string field;
        for (const auto& info : target.info->fields)
            if (e.field().find(info.name) != std::string::npos)
                field = info.name;
        return refused({status_of(e), e.what(), field, e.broken_rules()});
    }
}

} // namespace

Reply submit(const std::filesystem::path& db, std::string_view path, const Form& form, const Visitor& visitor) {
    if (const auto link = link_target(path))
        return submit_link(db, *link, form, visitor);
    const auto target = target_of(path);  // Error{not_found}: the caller shows it
    const auto& entity = *target.entity;
    const std::lock_guard lock(write_lock());
    auto file = Register::open(db);
    // texts are recorded in the language the form showed them in
    const auto lang = first(form, "lang").empty() ? file.settings().default_language
                                                  : canonical_language_tag(first(form, "lang"), "lang");
    const Reading r{file, file, "", lang, false, visitor};
    const std::string reason = first(form, "reason");
    const ChangeRequest change{visitor.user, reason};

    std::optional<Record> before;
    if (target.ref && !(before = file.find(entity.kind, *target.ref)))
        return fault(404, "Not found", "no " + entity.name + " \"" + *target.ref + "\"", visitor);
    Fields changes;
    std::vector<Link> to_link, to_unlink;
    std::optional<std::string> code;
    const auto refused = [&](Refusal refusal) {
        if (target.action == "remove" || target.action == "approve") {
            std::string body = "<div class=\"refusal\" role=\"alert\" id=\"refusal\"><p><strong>Nothing was written.</strong> " +
                               escape(refusal.message) + "</p>\n";
            if (!refusal.broken.empty()) {
                body += "<ul>\n";
                for (const auto& rule : refusal.broken)
                    body += "<li>" + escape(rule.rule) + " (" + escape(rule.article) + "): " + escape(rule.message) + "</li>\n";
                body += "</ul>\n";
            }
            body += "</div>\n<p><a href=\"" + escape(record_path(entity, *before)) + "\">Back to the record</a></p>\n";
            return html(refusal.status, r, "Refused", body);
        }
        std::optional<Record> now;
        if (refusal.status == 409 && before)
            now = file.find(entity.kind, *target.ref);
        const auto title = before ? "Edit " + entity.label + " " + *target.ref : "Add: " + entity.label;
        return html(refusal.status, r, title, record_form(r, entity, before, &form, refusal, now, {}));
    };
    try {
        if (target.action == "approve") {
            changes["status"] = std::string("active");
            if (const auto date = first(form, "next_review_date"); !date.empty())
                changes["next_review_date"] = date;
        } else if (target.action != "remove") {
            if (target.action == "new" && entity.has_code) {
                code = first(form, "code");
                if (code->empty())
                    return refused({422, "code: a new record needs its reference (code)", "code", {}});
            }
            for (const auto& field : entity.fields) {
                if (set_by_approval(field))
                    continue;
                const auto key = "f:" + field.name;
                // a field the form did not send is left as it is
                if (!has(form, key) && !has(form, "m:" + key))
                    continue;
                auto value = parsed(entity, field, form, lang);
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
                if (form_text(field, recorded, lang) == first(form, key))
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
                if (!has(form, "m:" + key))
                    continue;
                const auto wanted = every(form, key);
                std::vector<std::string> linked;
                if (before)
                    for (const auto& link : file.list_links(info->kind, from))
                        linked.push_back(link.to);
                std::sort(linked.begin(), linked.end());
                for (const auto& to : wanted)
                    if (!std::binary_search(linked.begin(), linked.end(), to))
                        to_link.push_back({info->kind, from, to, {}});
                for (const auto& to : linked)
                    if (!std::binary_search(wanted.begin(), wanted.end(), to))
                        to_unlink.push_back({info->kind, from, to, {}});
            }
        }
        if (const auto why_not = role_refusal(visitor, entity, file, before, changes))
            return refused({403, "not allowed: " + *why_not, changes.contains("status") ? "status" : "", {}});
        if (reason.empty())
            return refused({422, "reason: say why; every change is recorded with its reason", "reason", {}});
        const auto expected = revision_of(form);
        const auto seen = first(form, "seen");
        if (before && ((expected && *expected != before->revision) ||
                       (!seen.empty() && !same_fingerprint(seen, fingerprint(file, entity, *before)))))
            throw Error(Errc::conflict,
                        entity.name + " " + *target.ref +
                            " changed since you read it (its fields, links or time limits): what changed is shown "
                            "beside each field; check them, then save again to keep your values");
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
        return see_other(target.action == "remove" ? "/records/" + entity.name : record_path(entity, written));
    } catch (const Error& e) {
        if (!shown_in_form(e))
            throw;
        return refused({status_of(e), e.what(), field_named(entity, e), e.broken_rules()});
    }
}

} // namespace ropa::web

#include "web/form_fields.hpp"

#include <algorithm>

namespace ropa::web {

namespace {

constexpr const char* html_type = "text/html; charset=utf-8";

// The parts of an error's field path ("activity.name.en", "$.data_categories[0]").
std::vector<std::string> path_parts(const std::string& path) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; start <= path.size();) {
        auto end = path.find_first_of(".[", start);
        if (end == std::string::npos)
            end = path.size();
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

} // namespace

std::string form_value(const Form& form, std::string_view name) {
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

bool form_has(const Form& form, std::string_view name) {
    return std::any_of(form.begin(), form.end(), [&](const auto& entry) { return entry.first == name; });
}

std::vector<std::string> form_values(const Form& form, std::string_view name) {
    std::vector<std::string> values;
    for (const auto& [key, value] : form)
        if (key == name && !value.empty())
            values.push_back(value);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::string form_language(const Form& form, const Register& file) {
    const auto lang = form_value(form, "lang");
    return lang.empty() ? file.settings().default_language : canonical_language_tag(lang, "lang");
}

std::string after_saving(const std::string& path, const std::string& lang, const Register& file) {
    return lang == file.settings().default_language ? path : path + keep_view({}, lang, '?');
}

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

FieldValue parsed_value(const EntityInfo& entity, const FieldInfo& field, const Form& form, const std::string& lang) {
    const auto key = "f:" + field.name;
    if (field.type == FieldType::references)
        return Codes(form_values(form, key));
    const auto text = form_value(form, key);
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

const EntityInfo& entity_named(std::string_view noun) {
    const auto* entity = find_entity(noun);
    if (!entity)
        throw Error(Errc::not_found, "there is no kind of record \"" + std::string(noun) + "\"");
    return *entity;
}

std::string ref_of(const Record& record) { return record.code ? *record.code : "#" + std::to_string(record.id); }

std::string record_path(const EntityInfo& entity, const Record& record) {
    if (entity.kind == EntityKind::activity)
        return "/activities/" + url_encode(*record.code);
    return "/records/" + entity.name + "/" + url_encode(ref_of(record));
}

std::vector<const LinkInfo*> links_from(const EntityInfo& entity) {
    std::vector<const LinkInfo*> found;
    for (const auto& info : links())
        if (info.from == entity.kind)
            found.push_back(&info);
    return found;
}

Reply html_reply(int status, const Reading& r, const std::string& title, const std::string& body) {
    return {status, html_type, page(r.frame(title), body), "", ""};
}

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

std::string refusal_box(const Refusal& refusal) {
    // the rules broken are listed below, each with its article: the message's own list of them
    // (the CLI prints it) is left out
    const auto message = refusal.broken.empty() ? refusal.message : refusal.message.substr(0, refusal.message.find('\n'));
    std::string out = "<div class=\"refusal\" role=\"alert\" id=\"refusal\"><p><strong>Nothing was written.</strong> " +
                      escape(message) + "</p>\n";
    if (!refusal.broken.empty()) {
        out += "<ul>\n";
        for (const auto& rule : refusal.broken)
            out += "<li>" + escape(rule.rule) + " (" + escape(rule.article) + "): " + escape(rule.message) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</div>\n";
}

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

std::string field_named(const std::vector<FieldInfo>& fields, const Error& error) {
    for (const auto& part : path_parts(error.field()))
        for (const auto& field : fields)
            if (field.name == part)
                return part;
    return {};
}

std::string field_named(const EntityInfo& entity, const Error& error) {
    for (const auto& part : path_parts(error.field()))
        if (part == "code")
            return part;
    return field_named(entity.fields, error);
}

} // namespace ropa::web

#include "web/forms.hpp"

#include "ropa/error.hpp"
#include "web/form_fields.hpp"
#include "web/form_pages.hpp"
#include "web/write_rules.hpp"

namespace ropa::web {

namespace {

Reply kinds(const Reading& r) {
    std::string body = "<p>Every kind of record the register holds. An activity names its purposes, data, "
                       "recipients and measures from these lists.</p>\n<ul>\n";
    for (const auto& entity : entities())
        body += "<li><a href=\"" + r.href("/records/" + entity.name) + "\">" + escape(entity.label) + "</a></li>\n";
    return html_reply(200, r, "Records", body + "</ul>\n");
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
        body += "<p><a href=\"" + r.href("/records/" + entity.name + "/new") + "\">Add a record</a></p>\n";
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
    return html_reply(200, r, entity.label, body);
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
                targets += " <a href=\"" +
                           r.href("/links/" + info->name + "/" + url_encode(link.from) + "/" + url_encode(link.to)) +
                           "\">edit</a>";
        }
        body += "<tr><th scope=\"row\">" + escape(info->label) + "</th><td>" +
                (targets.empty() ? "<span class=\"muted\">none recorded</span>" : targets) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";
    if (may_write(r, entity)) {
        body += "<p><a href=\"" + r.href("/records/" + entity.name + "/" + url_encode(ref_of(record)) + "/edit") +
                "\">Edit this record</a></p>\n";
        if (entity.kind != EntityKind::controller)
            body += remove_form(r, entity, record);
    }
    return html_reply(200, r, entity.label + " " + ref_of(record) + " · " + name_of(record, r.lang), body);
}

} // namespace

std::optional<Reply> record_page(const Reading& r, std::string_view path, const Query& query) {
    if (auto link = link_page(r, path))
        return link;
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

} // namespace ropa::web

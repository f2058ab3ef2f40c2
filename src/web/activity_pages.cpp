// The activities in the browser: the list, filtered, and one activity's page with every
// Art. 30 item, its links, findings, history and what the visitor's role may do with it.

#include "web/page_parts.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "web/html.hpp"
#include "web/forms.hpp"

namespace ropa::web {

namespace {

// One link as a table row: what it points to (by name and code) and the link's own fields.
std::string link_row(const Reading& r, const LinkInfo& info, const Link& link) {
    std::string target = escape(link.to);
    if (const auto record = r.view.find(info.to, link.to))
        target = escape(name_of(*record, r.lang)) + " <span class=\"muted\">(" + escape(link.to) + ")</span>";
    std::string details;
    for (const auto& field : info.fields)
        if (const auto it = link.fields.find(field.name); it != link.fields.end() && !value_text(it->second, r.lang).empty())
            details += "<br><span class=\"muted\">" + escape(field.label) + ": " + r.text(it->second) + "</span>";
    if (!info.fields.empty() && r.at.empty() && r.visitor.may(Role::editor))
        details += " <a href=\"" + r.href("/links/" + info.name + "/" + url_encode(link.from) + "/" + url_encode(link.to)) +
                   "\">edit " + escape(info.fields.front().label) + "</a>";
    return "<li>" + target + details + "</li>";
}

// What may be done with an activity, for those whose role allows it, on the newest version.
std::string activity_actions(const Reading& r, const Record& activity) {
    if (!r.at.empty() || !r.visitor.may(Role::editor))
        return {};
    const auto code = url_encode(*activity.code);
    const auto status = field_or_empty(activity, "status");
    std::string out = "<div class=\"actions\">\n";
    if (r.visitor.may(Role::dpo) || (status != "active" && status != "retired"))
        out += "<a href=\"" + r.href("/records/activity/" + code + "/edit") + "\">Edit this activity and its links</a>\n"
               "<a href=\"" + r.href("/records/retention/new?activity=" + code) + "\">Add a time limit for erasure</a>\n";
    if (r.visitor.may(Role::dpo) && status != "active")
        out += "<form method=\"post\" action=\"/activities/" + escape(code) + "/approve\">\n" + approval_inputs(r, activity) +
               "<label>Why it is approved <input name=\"reason\" required maxlength=\"2000\"></label>\n"
               "<button type=\"submit\">Approve</button>\n</form>\n";
    return out + "</div>\n";
}

} // namespace

Reply activities_page(const Reading& r, const Query& query) {
    RecordFilter filter;
    std::string q, status;
    if (auto it = query.find("q"); it != query.end() && !it->second.empty())
        filter.search = q = it->second;
    if (auto it = query.find("status"); it != query.end() && !it->second.empty())
        filter.status = status = it->second;
    // A page holds 100; a register of thousands is read page by page, the page alone read.
    const std::size_t total = r.view.count(EntityKind::activity, filter);  // a status that cannot be is Error{validation}
    constexpr std::size_t per_page = 100;
    const std::size_t pages = std::max<std::size_t>(1, (total + per_page - 1) / per_page);
    std::size_t page_number = 1;
    if (auto it = query.find("page"); it != query.end() && !it->second.empty()) {
        if (it->second.size() > 6 || it->second.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(it->second) < 1 || std::stoul(it->second) > pages)
            throw Error(Errc::validation,
                        "page: \"" + it->second + "\" is not a page of this list (1 to " + std::to_string(pages) + ")",
                        "page");
        page_number = std::stoul(it->second);
    }
    filter.offset = (page_number - 1) * per_page;
    filter.limit = per_page;
    const auto found = r.view.list(EntityKind::activity, filter);
    std::string pager;
    if (pages > 1) {
        const auto to_page = [&](std::size_t n) {
            std::string path = "/activities?page=" + std::to_string(n);
            if (!q.empty())
                path += "&q=" + url_encode(q);
            if (!status.empty())
                path += "&status=" + url_encode(status);
            return r.href(path);
        };
        pager = "<p class=\"pager\">Page " + std::to_string(page_number) + " of " + std::to_string(pages);
        if (page_number > 1)
            pager += " · <a href=\"" + to_page(page_number - 1) + "\" rel=\"prev\">Previous</a>";
        if (page_number < pages)
            pager += " · <a href=\"" + to_page(page_number + 1) + "\" rel=\"next\">Next</a>";
        pager += "</p>\n";
    }
    std::string body = "<form class=\"filters\" method=\"get\" action=\"/activities\">\n";
    if (!r.at.empty())
        body += "<input type=\"hidden\" name=\"at\" value=\"" + escape(r.at) + "\">\n";
    body += "<label>Text <input type=\"search\" name=\"q\" value=\"" + escape(q) + "\"></label>\n<label>Status <select name=\"status\">\n";
    for (const auto* choice : {"", "draft", "in_review", "active", "retired"})
        body += std::string("<option value=\"") + choice + "\"" + (status == choice ? " selected" : "") + ">" +
                (*choice ? choice : "any") + "</option>\n";
    body += "</select></label>\n<button type=\"submit\">Filter</button>\n</form>\n";
    if (r.at.empty() && r.visitor.may(Role::editor))
        body += "<p><a href=\"" + r.href("/records/activity/new") + "\">Add an activity</a></p>\n";
    body += "<p>" + std::to_string(total) +
            " activit" + (total == 1 ? "y" : "ies") + ".</p>\n" + pager + activity_rows(r, found) + pager;
    return {200, "text/html; charset=utf-8", page(r.frame("Activities"), body), "", ""};
}

Reply activity_page(const Reading& r, const std::string& code) {
    const auto record = r.view.activity_record(code);  // Error{not_found} names it
    const auto& entity = entity_info(EntityKind::activity);
    std::string body = activity_actions(r, record.activity) + "<h2>The entry</h2>\n<table class=\"record\">\n<tbody>\n";
    body += "<tr><th scope=\"row\">Reference</th><td>" + escape(code) + "</td></tr>\n";
    for (const auto& field : entity.fields) {
        const auto it = record.activity.fields.find(field.name);
        const std::string value = it == record.activity.fields.end() ? "" : r.text(it->second);
        body += "<tr><th scope=\"row\">" + escape(field.label) + "</th><td>" +
                (value.empty() ? "<span class=\"muted\">not recorded</span>" : value) + "</td></tr>\n";
    }
    body += "</tbody></table>\n<h2>Its links (Art. 30(1)(b)-(g))</h2>\n<table class=\"record\">\n<tbody>\n";
    for (const auto& info : links()) {
        if (info.from != EntityKind::activity)
            continue;
        const auto& found = record.links_of(info.kind);
        body += "<tr><th scope=\"row\">" + escape(info.label) + "</th><td>";
        if (found.empty()) {
            body += "<span class=\"muted\">none recorded</span>";
        } else {
            body += "<ul class=\"links\">";
            for (const auto& link : found)
                body += link_row(r, info, link);
            body += "</ul>";
        }
        body += "</td></tr>\n";
    }
    body += "<tr><th scope=\"row\">" + escape(entity_info(EntityKind::retention).label) + "</th><td>";
    if (record.retention.empty())
        body += "<span class=\"muted\">none recorded</span>";
    for (const auto& row : record.retention) {
        std::string line;
        for (const auto& field : entity_info(EntityKind::retention).fields)
            if (field.name != "activity")
                if (const auto it = row.fields.find(field.name); it != row.fields.end() && !value_text(it->second).empty())
                    line += (line.empty() ? "" : "; ") + escape(field.label) + ": " + r.text(it->second);
        body += "<p>" + line + "</p>";
    }
    body += "</td></tr>\n</tbody></table>\n";
    const auto checked = r.view.check_activity(code);
    body += "<h2>What the check finds</h2>\n";
    for (const auto& missing : checked.completeness.incomplete)
    {
        for (const auto& item : missing.missing)
            body += "<p class=\"warning\">Not recorded: " + escape(item) + "</p>\n";
        for (const auto& item : missing.missing_required)
            body += "<p class=\"warning\">Not recorded, and this register requires it: " + escape(item) + "</p>\n";
    }
    body += findings_table(r, checked.findings, false);
    // by its id: a code removed and given again later names another record in the file
    body += "<h2>Its history</h2>\n" +
            changes_table(r, changes_up_to_shown(r, {.entity = "activity", .code = "#" + std::to_string(record.activity.id)}));
    return {200, "text/html; charset=utf-8", page(r.frame(code + " · " + name_of(record.activity, r.lang)), body), "", ""};
}

} // namespace ropa::web

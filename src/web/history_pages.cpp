// The register's history in the browser: the changes with their tags, and the differences
// between two versions (as ropa log and ropa diff).

#include "web/page_parts.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "web/html.hpp"

namespace ropa::web {

Reply history_page(const Reading& r, const Query& query) {
    std::string body = "<p>Every change, newest first; each is sealed in a hash chain (<code>ropa verify</code>). "
                       "Choose a change to read the register as it was then.</p>\n";
    // two hundred at a time, newest first: a register's history grows without end
    constexpr std::size_t per_page = 200;
    LogFilter older;
    older.limit = per_page + 1;
    if (const auto it = query.find("before"); it != query.end() && !it->second.empty()) {
        if (it->second.size() > 18 || it->second.find_first_not_of("0123456789") != std::string::npos)
            throw Error(Errc::validation, "before: \"" + it->second + "\" is not a change number", "before");
        older.until = std::stoll(it->second) - 1;
    }
    auto changes = changes_up_to_shown(r, older);
    const bool more = changes.size() > per_page;
    if (more)
        changes.resize(per_page);
    body += changes_table(r, changes);
    if (more)
        body += "<p><a href=\"" + r.href("/log?before=" + std::to_string(changes.back().id)) +
                "\" rel=\"next\">Older changes</a></p>\n";
    if (r.visitor.may(Role::auditor))
        body += "<p><a href=\"" + r.href("/diff") + "\">Compare two versions</a></p>\n";
    body += "<h2>Tags</h2>\n";
    // the DPO names the newest version (the copy sent to the authority, an audit's start)
    if (r.at.empty() && r.visitor.may(Role::dpo) && r.visitor.accounts)
        body += "<form class=\"actions\" method=\"post\" action=\"/tags\">\n" + csrf_field(r.visitor) +
                "<label>Tag the newest version <input name=\"name\" required maxlength=\"64\" "
                "placeholder=\"sent-to-authority-2026\"><span class=\"hint\">letters, digits and . _ -; a tag "
                "never moves</span></label>\n<label>Why <input name=\"message\" maxlength=\"2000\">"
                "</label>\n<button type=\"submit\">Tag</button>\n</form>\n";
    const auto tags = r.file.tags();
    if (tags.empty())
        body += "<p class=\"muted\">No tag.</p>\n";
    for (const auto& tag : tags)
        body += "<p>" + version_link(r, tag.name, tag.name) + ": change " +
                std::to_string(tag.change_id) + (tag.message.empty() ? "" : ", " + escape(tag.message)) +
                (tag.signature.empty() ? "" : " (signed)") + "</p>\n";
    return {200, "text/html; charset=utf-8", page(r.frame("History"), body), "", ""};
}

// What changed between two versions, record by record and field by field (ropa diff).
Reply differences_page(const Reading& r, const Query& query) {
    const auto from_it = query.find("from");
    const auto to_it = query.find("to");
    const std::string from = from_it == query.end() ? std::string() : from_it->second;
    const std::string to = to_it == query.end() ? std::string() : to_it->second;
    std::string body = "<form class=\"filters\" method=\"get\" action=\"/diff\">\n<label>From <input name=\"from\" "
                       "required value=\"" + escape(from) + "\" placeholder=\"change, tag or date\"></label>\n"
                       "<label>To <input name=\"to\" value=\"" + escape(to) + "\" placeholder=\"newest\"></label>\n"
                       "<button type=\"submit\">Compare</button>\n</form>\n";
    if (from.empty())
        return {200, "text/html; charset=utf-8", page(r.frame("Differences"), body + "<p class=\"muted\">Name two versions "
                "(a change, a tag or a date) to see what was added, removed and changed between them.</p>\n"), "", ""};
    const auto diff = r.file.diff(from, to);  // Error{not_found} for a version that is none
    body += "<p>From change " + std::to_string(diff.from_change) + " to change " + std::to_string(diff.to_change) + ": " +
            std::to_string(diff.records.size()) + (diff.records.size() == 1 ? " record differs" : " records differ") +
            ".</p>\n";
    if (!diff.records.empty()) {
        body += "<div class=\"scroll\"><table>\n<thead><tr><th>What</th><th>Record</th><th>Field</th><th>Before</th>"
                "<th>After</th></tr></thead>\n<tbody>\n";
        for (const auto& record : diff.records) {
            const char* kind = record.kind == RecordDiff::Kind::added     ? "added"
                               : record.kind == RecordDiff::Kind::removed ? "removed"
                                                                          : "changed";
            const auto head = "<td>" + std::string(kind) + "</td><td>" + escape(record.entity) + " " + escape(record.code) + "</td>";
            if (record.fields.empty())
                body += "<tr>" + head + "<td></td><td></td><td></td></tr>\n";
            for (const auto& field : record.fields)
                body += "<tr>" + head + "<td>" + escape(field.name) + "</td><td>" + escape(field.before) + "</td><td>" +
                        escape(field.after) + "</td></tr>\n";
        }
        body += "</tbody></table></div>\n";
    }
    return {200, "text/html; charset=utf-8", page(r.frame("Differences"), body), "", ""};
}

} // namespace ropa::web

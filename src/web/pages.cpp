#include "web/pages.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include "ropa/export.hpp"
#include "ropa/register.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"
#include "web/reading.hpp"

namespace ropa::web {

namespace {

std::string severity_class(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

std::string findings_table(const Reading& r, const std::vector<Finding>& findings, bool with_subject) {
    if (findings.empty())
        return "<p class=\"ok\">No finding.</p>\n";
    std::string out = "<div class=\"scroll\"><table>\n<thead><tr><th>Severity</th>" +
                      std::string(with_subject ? "<th>Subject</th>" : "") +
                      "<th>Article</th><th>Finding</th></tr></thead>\n<tbody>\n";
    for (const auto& f : findings) {
        std::string subject = escape(f.subject);
        if (f.subject.starts_with("activity:"))
            subject = "<a href=\"" + r.href("/activities/" + url_encode(f.subject.substr(9))) + "\">" +
                      escape(f.subject.substr(9)) + "</a>";
        out += "<tr><td class=\"" + severity_class(f.severity) + "\">" +
               (f.severity == Severity::error ? "error" : "warning") +
               (f.acknowledgement ? " (accepted: " + escape(f.acknowledgement->reason) + ")" : std::string()) + "</td>" +
               (with_subject ? "<td>" + subject + "</td>" : std::string()) + "<td class=\"nowrap\">" + escape(f.article) + "</td><td>" +
               escape(f.message) + "</td></tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

// A version's link ("/?at=REF", keeping the language chosen) for those who may read past
// versions; for a viewer, the name alone.
std::string version_link(const Reading& r, const std::string& ref, const std::string& shown) {
    if (!r.visitor.may(Role::auditor))
        return escape(shown);
    return "<a href=\"" + escape("/" + keep_view(ref, r.lang_given ? r.lang : std::string())) + "\">" + escape(shown) + "</a>";
}

std::string changes_table(const Reading& r, const std::vector<ChangeInfo>& changes) {
    if (changes.empty())
        return "<p class=\"muted\">No change recorded.</p>\n";
    std::string out = "<div class=\"scroll\"><table class=\"changes\">\n<thead><tr><th>Change</th><th>Recorded (UTC)</th><th>By</th>"
                      "<th>Why</th><th>What</th></tr></thead>\n<tbody>\n";
    for (const auto& c : changes)
        out += "<tr><td class=\"nowrap\">" + version_link(r, std::to_string(c.id), std::to_string(c.id)) +
               (c.tags.empty() ? "" : " <span class=\"status\">" + escape(join(c.tags)) + "</span>") +
               "</td><td class=\"nowrap\">" + escape(c.recorded_at) + "</td><td>" + escape(c.actor) + "</td><td>" + escape(c.reason) +
               "</td><td>" + escape(c.summary) + "</td></tr>\n";
    return out + "</tbody></table></div>\n";
}

std::string activity_rows(const Reading& r, const std::vector<Record>& activities) {
    if (activities.empty())
        return "<p class=\"muted\">None.</p>\n";
    std::string out = "<div class=\"scroll\"><table>\n<thead><tr><th>Reference</th><th>Name</th><th>Status</th>"
                      "<th>Owner</th><th>Next review</th></tr></thead>\n<tbody>\n";
    for (const auto& a : activities)
        out += "<tr><td><a href=\"" + r.href("/activities/" + url_encode(*a.code)) + "\">" + escape(*a.code) +
               "</a></td><td>" + escape(name_of(a, r.lang)) + "</td><td><span class=\"status\">" +
               escape(field_or_empty(a, "status")) + "</span></td><td>" + escape(field_or_empty(a, "owner")) +
               "</td><td>" + escape(field_or_empty(a, "next_review_date")) + "</td></tr>\n";
    return out + "</tbody></table></div>\n";
}

// The history of the file up to the version shown (a snapshot has none of its own).
std::vector<ChangeInfo> changes_up_to_shown(const Reading& r, LogFilter filter) {
    if (const auto shown = r.view.version(); shown && !r.at.empty())
        filter.until = filter.until ? std::min(*filter.until, shown->id) : shown->id;
    return r.file.log(filter);
}

// The check of a version on a day is always the same (acknowledgements are part of the
// version): kept for the dashboard, whose whole check costs about a second at 10,000
// activities, keyed by the version's chain hash and the day. A few versions are kept.
CheckReport checked(const Reading& r) {
    const auto shown = r.view.version();
    if (!shown)
        return r.view.check();
    static std::mutex guard;
    static std::map<std::pair<std::string, std::string>, CheckReport> kept;
    const auto key = std::pair{shown->hash, utc_today()};
    {
        const std::lock_guard lock(guard);
        if (const auto it = kept.find(key); it != kept.end())
            return it->second;
    }
    auto report = r.view.check_on(key.second);
    const std::lock_guard lock(guard);
    if (kept.size() >= 8)
        kept.clear();
    kept.emplace(key, report);
    return report;
}

Reply dashboard(const Reading& r) {
    const auto report = checked(r);
    std::string body = "<div class=\"figures\">\n";
    const auto figure = [](const std::string& value, const std::string& label, const std::string& css) {
        return "<p class=\"figure " + css + "\"><strong>" + value + "</strong>" + label + "</p>\n";
    };
    body += figure(std::to_string(report.completeness.percent()) + "%", "of the Art. 30 items recorded", "");
    body += figure(std::to_string(report.count(Severity::error)), "errors", report.count(Severity::error) ? "error" : "ok");
    body += figure(std::to_string(report.count(Severity::warning)), "open warnings",
                   report.count(Severity::warning) ? "warning" : "ok");
    body += figure(std::to_string(report.activities_checked), "activities", "");
    body += "</div>\n<h2>Awaiting review (drafts and activities in review)</h2>\n";
    auto waiting = r.view.list(EntityKind::activity, {.status = "draft"});
    auto in_review = r.view.list(EntityKind::activity, {.status = "in_review"});
    waiting.insert(waiting.end(), in_review.begin(), in_review.end());
    body += activity_rows(r, waiting);
    body += "<h2>Reviews due (approved activities whose next review has come)</h2>\n";
    body += activity_rows(r, r.view.list(EntityKind::activity, {.review_due_by = utc_today()}));
    // the first hundred: `ropa check` and the exports list them all
    constexpr std::size_t shown_findings = 100;
    std::vector<Finding> first(report.findings.begin(),
                               report.findings.begin() + static_cast<std::ptrdiff_t>(
                                                             std::min(shown_findings, report.findings.size())));
    body += "<h2>What the check finds</h2>\n" + findings_table(r, first, true);
    if (report.findings.size() > shown_findings)
        body += "<p class=\"muted\">and " + std::to_string(report.findings.size() - shown_findings) +
                " more: <code>ropa check</code> and every export list them all.</p>\n";
    body += "<h2>Latest changes</h2>\n" + changes_table(r, changes_up_to_shown(r, {.limit = 10})) + "<p><a href=\"" + r.href("/log") +
            "\">Every change</a></p>\n";
    return {200, "text/html; charset=utf-8", page(r.frame("Dashboard"), body), "", ""};
}

Reply activities(const Reading& r, const Query& query) {
    RecordFilter filter;
    std::string q, status;
    if (auto it = query.find("q"); it != query.end() && !it->second.empty())
        filter.search = q = it->second;
    if (auto it = query.find("status"); it != query.end() && !it->second.empty())
        filter.status = status = it->second;
    auto found = r.view.list(EntityKind::activity, filter);  // a status that cannot be is Error{validation}
    // A page holds 100; a register of thousands is read page by page.
    constexpr std::size_t per_page = 100;
    const std::size_t pages = std::max<std::size_t>(1, (found.size() + per_page - 1) / per_page);
    std::size_t page_number = 1;
    if (auto it = query.find("page"); it != query.end() && !it->second.empty()) {
        if (it->second.size() > 6 || it->second.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(it->second) < 1 || std::stoul(it->second) > pages)
            throw Error(Errc::validation,
                        "page: \"" + it->second + "\" is not a page of this list (1 to " + std::to_string(pages) + ")",
                        "page");
        page_number = std::stoul(it->second);
    }
    const std::size_t total = found.size();
    const std::size_t first = (page_number - 1) * per_page;
    found.erase(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(std::min(first, found.size())));
    if (found.size() > per_page)
        found.resize(per_page);
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

Reply activity(const Reading& r, const std::string& code) {
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
        for (const auto& item : missing.missing)
            body += "<p class=\"warning\">Not recorded: " + escape(item) + "</p>\n";
    body += findings_table(r, checked.findings, false);
    // by its id: a code removed and given again later names another record in the file
    body += "<h2>Its history</h2>\n" +
            changes_table(r, changes_up_to_shown(r, {.entity = "activity", .code = "#" + std::to_string(record.activity.id)}));
    return {200, "text/html; charset=utf-8", page(r.frame(code + " · " + name_of(record.activity, r.lang)), body), "", ""};
}

Reply matrix(const Reading& r) {
    const auto m = r.view.purpose_matrix();
    std::string body = "<p>Which categories of personal data each purpose may use (the allowed links: an activity that "
                       "links a purpose to a category not allowed here is refused when approved).</p>\n"
                       "<div class=\"scroll\"><table>\n<thead><tr><th>Purpose</th>";
    for (const auto& column : m.columns)
        body += "<th>" + escape(std::string(pick_value(column.name, r.lang))) + "</th>";
    body += "</tr></thead>\n<tbody>\n";
    for (const auto& row : m.rows) {
        body += "<tr><td>" + escape(row.purpose.code) + " " + escape(std::string(pick_value(row.purpose.name, r.lang))) + "</td>";
        for (const auto& cell : row.cells)
            body += cell ? "<td class=\"ok\">allowed" +
                               (cell->note.empty() ? std::string() : ": " + escape(std::string(pick_value(cell->note, r.lang)))) +
                               "</td>"
                         : std::string("<td class=\"muted\">no</td>");
        body += "</tr>\n";
    }
    body += "</tbody></table></div>\n";
    return {200, "text/html; charset=utf-8", page(r.frame("Purposes × data categories"), body), "", ""};
}

Reply history(const Reading& r, const Query& query) {
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
Reply differences(const Reading& r, const Query& query) {
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

Reply exports(const Reading& r) {
    std::string body = "<p>The record of the version shown, in every format ropa writes; each file says which version "
                       "it is and can be verified against the register (<code>ropa verify-export</code>).</p>\n<ul>\n";
    for (const auto* format : {"html", "md", "xlsx", "csv", "csv-matrix", "json"})
        body += std::string("<li><a href=\"") + r.href(std::string("/export?format=") + format +
                                                       (r.lang_given ? "&lang=" + url_encode(r.lang) : "")) +
                "\">" + format + "</a></li>\n";
    body += "</ul>\n";
    return {200, "text/html; charset=utf-8", page(r.frame("Exports"), body), "", ""};
}

Reply download(const Reading& r, const Query& query) {
    const auto format_it = query.find("format");
    ExportOptions options;
    options.format = export_format_from(format_it == query.end() ? "" : format_it->second);  // Error{validation}
    // as `ropa export`: each text in its source language unless a language was asked for
    options.lang = r.lang_given ? r.lang : std::string();
    if (options.format == ExportFormat::dpv)
        throw Error(Errc::validation, "format: the dpv export needs a publication base; use ropa export -f dpv --base",
                    "format");
    std::ostringstream out;
    export_record(r.view, options, out);
    const auto shown = r.view.version();
    static const std::map<ExportFormat, std::pair<const char*, const char*>> kinds{
        {ExportFormat::json, {"json", "application/json"}},
        {ExportFormat::csv, {"csv", "text/csv; charset=utf-8"}},
        {ExportFormat::csv_matrix, {"csv", "text/csv; charset=utf-8"}},
        {ExportFormat::markdown, {"md", "text/markdown; charset=utf-8"}},
        {ExportFormat::html, {"html", "text/html; charset=utf-8"}},
        {ExportFormat::xlsx, {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}},
    };
    const auto& [extension, type] = kinds.at(options.format);
    const std::string name = "register-change-" + (shown ? std::to_string(shown->id) : std::string("0")) +
                             (options.format == ExportFormat::csv_matrix ? "-matrix" : "") + "." + extension;
    return {200, type, std::move(out).str(), name, ""};
}

std::string parameter(const Query& query, const char* name) {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

} // namespace

Reply fault(int status, const std::string& title, const std::string& message, const Visitor& visitor) {
    Frame frame;
    frame.title = title;
    frame.version = "";
    frame.visitor = visitor;
    return {status, "text/html; charset=utf-8", page(frame, "<p class=\"error\">" + escape(message) + "</p>\n"), "", ""};
}

Reply see_other(const std::string& location) {
    return {303, "text/plain; charset=utf-8", "See " + location + "\n", "", location};
}

Reply sign_in_page(int status, const std::string& message, const std::string& name) {
    Frame frame;
    frame.title = "Sign in";
    frame.visitor.accounts = true;
    std::string body;
    if (!message.empty())
        body += "<div class=\"refusal\" role=\"alert\" id=\"refusal\"><p>" + escape(message) + "</p></div>\n";
    body += "<form class=\"record\" method=\"post\" action=\"/sign-in\">\n"
            "<label for=\"f-name\">Account name</label>\n<input id=\"f-name\" name=\"name\" required maxlength=\"64\" "
            "autocomplete=\"username\" value=\"" + escape(name) + "\">\n"
            "<label for=\"f-password\">Password</label>\n<input id=\"f-password\" name=\"password\" type=\"password\" "
            "required maxlength=\"1024\" autocomplete=\"current-password\">\n"
            "<p class=\"actions\"><button type=\"submit\">Sign in</button></p>\n</form>\n"
            "<p class=\"muted\">Accounts are made by the DPO with <code>ropa user add</code>.</p>\n";
    return {status, "text/html; charset=utf-8", page(frame, body), "", ""};
}

Reply respond(const std::filesystem::path& db, std::string_view path, const Query& query, const Visitor& visitor) {
    if (path == "/style.css")
        return {200, "text/css; charset=utf-8", std::string(stylesheet()), "", ""};
    try {
        const auto file = Register::open(db, {.mode = OpenMode::read_only});
        const std::string at = parameter(query, "at");
        std::string lang = parameter(query, "lang");
        if (!lang.empty())
            lang = canonical_language_tag(lang, "lang");  // Error{validation} for what is no tag
        else
            lang = file.settings().default_language;
        // a past version and the exports are for auditors (and those above them)
        if ((!at.empty() || path == "/exports" || path == "/export" || path == "/diff") && !visitor.may(Role::auditor))
            return fault(403, "Not allowed",
                         "Your role (" + std::string(to_string(visitor.role)) +
                             ") reads the newest version; past versions and exports are for auditors and the DPO.",
                         visitor);
        std::optional<Snapshot> past;
        if (!at.empty())
            past.emplace(file.at(at));
        const RegisterView& view = past ? static_cast<const RegisterView&>(*past) : file;
        const Reading reading{file, view, at, lang, !parameter(query, "lang").empty(), visitor};
        Reply reply;
        view.read_consistently([&] {
            if (path == "/")
                reply = dashboard(reading);
            else if (path == "/activities")
                reply = activities(reading, query);
            else if (path.starts_with("/activities/") && path.size() > 12)
                reply = activity(reading, std::string(path.substr(12)));
            else if (path == "/matrix")
                reply = matrix(reading);
            else if (path == "/log")
                reply = history(reading, query);
            else if (path == "/exports")
                reply = exports(reading);
            else if (path == "/diff")
                reply = differences(reading, query);
            else if (path == "/export")
                reply = download(reading, query);
            else if (auto record = record_page(reading, path, query))
                reply = std::move(*record);
            else
                reply = fault(404, "Not found", "There is no page " + std::string(path) + ".", visitor);
        });
        return reply;
    } catch (const Error& e) {
        if (e.code() == Errc::not_found)
            return fault(404, "Not found", e.what(), visitor);
        if (e.code() == Errc::validation)
            return fault(400, "Not understood", e.what(), visitor);
        return fault(500, "The register could not be read", e.what(), visitor);
    } catch (const std::exception& e) {
        return fault(500, "The register could not be read", std::string("internal error: ") + e.what(), visitor);
    }
}

} // namespace ropa::web

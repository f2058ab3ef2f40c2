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
#include "web/page_parts.hpp"
#include "web/reading.hpp"

namespace ropa::web {

namespace {

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
    if (report.completeness.required > 0)  // the fields beyond Art. 30 this register requires
        body += figure((report.completeness.required_percent() == 0 && report.completeness.required_present > 0
                            ? std::string("&lt;1")
                            : std::to_string(report.completeness.required_percent())) +
                           "%",
                       "of the fields this register requires", "");
    const auto counted = [](std::size_t n, const char* one, const char* many) { return n == 1 ? one : many; };
    const auto errors = report.count(Severity::error), warnings = report.count(Severity::warning);
    body += figure(std::to_string(errors), counted(errors, "error", "errors"), errors ? "error" : "ok");
    body += figure(std::to_string(warnings), counted(warnings, "open warning", "open warnings"), warnings ? "warning" : "ok");
    body += figure(std::to_string(report.activities_checked), counted(report.activities_checked, "activity", "activities"), "");
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
Reply exports(const Reading& r) {
    std::string body = "<p>The record of the version shown, in every format ropa writes; each file says which version "
                       "it is and can be verified against the register (<code>ropa verify-export</code>).</p>\n<ul>\n";
    for (const auto* format : {"html", "md", "xlsx", "csv", "csv-matrix", "json"})
        body += std::string("<li><a href=\"") + r.href(std::string("/export?format=") + format +
                                                       (r.lang_given ? "&lang=" + url_encode(r.lang) : "")) +
                "\">" + format + "</a></li>\n";
    body += "</ul>\n<p>As an authority's template, its columns and headings:</p>\n<ul>\n";
    for (const auto* format : {"xlsx", "csv"})
        body += std::string("<li><a href=\"") +
                r.href(std::string("/export?format=") + format + "&template=ico" +
                       (r.lang_given ? "&lang=" + url_encode(r.lang) : "")) +
                "\">UK ICO, documentation template for controllers (" + format + ")</a></li>\n";
    body += "</ul>\n";
    return {200, "text/html; charset=utf-8", page(r.frame("Exports"), body), "", ""};
}

Reply download(const Reading& r, const Query& query) {
    const auto format_it = query.find("format");
    ExportOptions options;
    options.format = export_format_from(format_it == query.end() ? "" : format_it->second);  // Error{validation}
    // as `ropa export`: each text in its source language unless a language was asked for
    options.lang = r.lang_given ? r.lang : std::string();
    options.template_name = parameter(query, "template");  // Error{validation} when it is none ropa knows
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
                             (options.format == ExportFormat::csv_matrix ? "-matrix" : "") +
                             (options.template_name.empty() ? "" : "-" + options.template_name) + "." + extension;
    return {200, type, std::move(out).str(), name, ""};
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
                reply = activities_page(reading, query);
            else if (path.starts_with("/activities/") && path.size() > 12)
                reply = activity_page(reading, std::string(path.substr(12)));
            else if (path == "/matrix")
                reply = matrix(reading);
            else if (path == "/log")
                reply = history_page(reading, query);
            else if (path == "/exports")
                reply = exports(reading);
            else if (path == "/diff")
                reply = differences_page(reading, query);
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

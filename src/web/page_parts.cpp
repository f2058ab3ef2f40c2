#include "web/page_parts.hpp"

#include <algorithm>
#include <vector>

#include "web/html.hpp"

namespace ropa::web {

namespace {

std::string severity_class(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

} // namespace

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

std::vector<ChangeInfo> changes_up_to_shown(const Reading& r, LogFilter filter) {
    if (const auto shown = r.view.version(); shown && !r.at.empty())
        filter.until = filter.until ? std::min(*filter.until, shown->id) : shown->id;
    return r.file.log(filter);
}

std::string parameter(const Query& query, const char* name) {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

} // namespace ropa::web

#include "web/html.hpp"

#include "ropa/version.hpp"

namespace ropa::web {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string url_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

std::string keep_view(const std::string& at, const std::string& lang, char separator) {
    std::string kept;
    if (!at.empty())
        kept += "at=" + url_encode(at);
    if (!lang.empty())
        kept += (kept.empty() ? "" : "&") + std::string("lang=") + url_encode(lang);
    return kept.empty() ? kept : std::string(1, separator) + kept;
}

std::string csrf_field(const Visitor& visitor) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(visitor.csrf) + "\">\n";
}

std::string page(const Frame& frame, const std::string& body) {
    const auto version = keep_view(frame.at, frame.chosen_lang);
    // the page's own words are English; the register's texts carry their language (Reading::text)
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                      escape(frame.title) + " · ropa</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n";
    out += "<header>\n<p class=\"register\">" +
           (frame.register_name.empty() ? std::string("Register of processing activities")
                                        : "<span lang=\"" + escape(frame.lang) + "\">" + escape(frame.register_name) +
                                              "</span> · register of processing activities") +
           "</p>\n";
    const auto& visitor = frame.visitor;
    if (!visitor.accounts || !visitor.user.empty()) {  // signed out: the sign-in form alone
        out += "<nav aria-label=\"Register\">\n";
        for (const auto& [href, label] : {std::pair{"/", "Dashboard"}, std::pair{"/activities", "Activities"},
                                          std::pair{"/records", "Records"}, std::pair{"/matrix", "Purposes × data"},
                                          std::pair{"/log", "History"}, std::pair{"/exports", "Exports"}})
            if (std::string_view(href) != "/exports" || visitor.may(Role::auditor))
                out += std::string("<a href=\"") + href + escape(version) + "\">" + label + "</a>\n";
        out += "</nav>\n";
    }
    if (!visitor.user.empty())
        out += "<form class=\"account\" method=\"post\" action=\"/sign-out\">\n<p>Signed in as <strong>" +
               escape(visitor.user) + "</strong> (" + std::string(to_string(visitor.role)) + ")</p>\n" +
               csrf_field(visitor) + "<button type=\"submit\">Sign out</button>\n</form>\n";
    if (visitor.may(Role::auditor)) {
        out += "<form class=\"version\" method=\"get\" action=\"\">\n<p>" + frame.version +
               "</p>\n<label>Read the register as of <input name=\"at\" value=\"" + escape(frame.at) +
               "\" placeholder=\"change, tag or date\" size=\"22\"></label>\n";
        if (!frame.chosen_lang.empty())
            out += "<input type=\"hidden\" name=\"lang\" value=\"" + escape(frame.chosen_lang) + "\">\n";
        out += "<button type=\"submit\">Show</button>\n";
        if (!frame.at.empty())
            out += "<a href=\"?" + escape(keep_view({}, frame.chosen_lang, '&')) + "\">Newest</a>\n";
        out += "</form>\n";
    } else if (!frame.version.empty()) {
        out += "<p class=\"version\">" + frame.version + "</p>\n";
    }
    out += "</header>\n<main>\n<h1>" + escape(frame.title) + "</h1>\n" + body + "</main>\n";
    out += "<footer><p>ropa " + escape(ropa::version()) +
           (visitor.accounts ? std::string(" · every change is recorded with its author and reason")
                             : std::string(" · read-only: no accounts yet, served on this computer only (docs/security.md)")) +
           "</p></footer>\n</body>\n</html>\n";
    return out;
}

std::string_view stylesheet() {
    return R"css(:root { color-scheme: light; --ink: #1d2733; --muted: #5a6675; --line: #d5dbe3; --accent: #1f5c99;
  --bad: #a61b1b; --warn: #8a5a00; --ok: #226b33; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
header { background: #f3f6f9; border-bottom: 1px solid var(--line); padding: 0.5rem 1rem; }
header .register { margin: 0; font-weight: 600; }
nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0; }
nav a { color: var(--accent); text-decoration: none; font-weight: 600; }
nav a:hover, nav a:focus { text-decoration: underline; }
form.version { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; font-size: 0.9rem; color: var(--muted); }
form.version p { margin: 0; }
main { padding: 0 1rem 2rem; max-width: 72rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); }
th { background: #f7f9fb; font-weight: 600; }
td { white-space: pre-line; overflow-wrap: anywhere; }
th[scope=row] { width: 30%; }
td.nowrap { white-space: nowrap; }
table.changes td { min-width: 6rem; }
ul.links { margin: 0; padding-left: 1.2rem; white-space: normal; }
.scroll { overflow-x: auto; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; }
.figure { border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem 1rem; min-width: 9rem; }
.figure strong { display: block; font-size: 1.6rem; }
.error { color: var(--bad); } .warning { color: var(--warn); } .ok { color: var(--ok); }
.muted { color: var(--muted); }
.status { display: inline-block; padding: 0 0.4rem; border-radius: 3px; background: #eef1f5; font-size: 0.85rem; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0.5rem 0; }
input, select, button { font: inherit; padding: 0.2rem 0.4rem; }
p.version { margin: 0; font-size: 0.9rem; color: var(--muted); }
form.account { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; font-size: 0.9rem; margin: 0.25rem 0; }
form.account p { margin: 0; }
form.record { max-width: 48rem; }
form.record label { display: block; font-weight: 600; margin-top: 0.75rem; }
form.record .hint { display: block; font-weight: normal; font-size: 0.85rem; color: var(--muted); }
form.record input:not([type=checkbox]), form.record select, form.record textarea { width: 100%; font: inherit; padding: 0.3rem 0.4rem; }
form.record fieldset { margin-top: 0.75rem; border: 1px solid var(--line); }
fieldset.choices { max-height: 16rem; overflow-y: auto; }
fieldset.choices label { font-weight: normal; margin: 0.1rem 0; }
.refusal { color: var(--bad); border-left: 4px solid var(--bad); padding: 0.25rem 0.5rem; margin: 0.25rem 0; background: #fdf3f3; }
.now { color: var(--warn); font-size: 0.9rem; }
.hint { font-weight: normal; font-size: 0.85rem; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 0.75rem 0; }
footer { border-top: 1px solid var(--line); padding: 0.5rem 1rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) {
  th[scope=row] { width: auto; }
  table.record, table.record tbody, table.record tr, table.record th, table.record td { display: block; width: 100%; }
  table.record th { border-bottom: none; padding-bottom: 0; }
}
@media print { header nav, form.version, form.account, .actions { display: none; } }
)css";
}

} // namespace ropa::web

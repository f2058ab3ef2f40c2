#pragma once
// The pieces every page of `ropa serve` is made of: escaping (every value a page shows passes
// through `escape`), query strings, and the page around a body. No script, no inline style:
// the Content-Security-Policy (server.cpp) allows the stylesheet /style.css alone.

#include <string>
#include <string_view>

#include "web/accounts.hpp"

namespace ropa::web {

/// Text made safe inside HTML elements and quoted attributes: & < > " ' escaped.
std::string escape(std::string_view text);

/// A query-string value, percent-encoded (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view text);

/// Who asks: whether the register has accounts, and if so who is signed in, with which role and
/// the CSRF token their forms carry. A register without accounts is read by anyone on this
/// computer, in every version, and written by no one.
struct Visitor {
    bool accounts = false;
    std::string user;  ///< "" when no one is signed in
    Role role = Role::viewer;
    std::string csrf;
    /// Whether the visitor may do what `needed` may.
    bool may(Role needed) const { return accounts ? !user.empty() && role >= needed : needed <= Role::auditor; }
};

/// What every page shows around its body: the version shown and how to choose another.
struct Frame {
    std::string title;        ///< the page's own title (escaped by `page`)
    std::string lang = "en";  ///< the language the register's texts are shown in (the page's own words are English)
    std::string chosen_lang;  ///< the language asked for with ?lang=, "" for the register's own
    std::string at;           ///< the version asked for with ?at=, "" for the newest
    std::string version;      ///< HTML: the version the page shows, already escaped
    std::string register_name;  ///< the controller's name, "" when none (escaped by `page`)
    Visitor visitor;            ///< who is signed in: the navigation shows what they may do
};

/// The hidden field every form that writes carries (the session's CSRF token).
std::string csrf_field(const Visitor& visitor);

/// A whole page: the head (stylesheet, viewport), the navigation (every link keeping ?at=),
/// the version chooser (a GET form), `body` (HTML, already escaped), the footer.
std::string page(const Frame& frame, const std::string& body);

/// "?at=REF&lang=TAG" (or "&at=..." after another parameter) to keep the version and the
/// language chosen in links; each part only where it is chosen, "" for the newest in the
/// register's language.
std::string keep_view(const std::string& at, const std::string& lang, char separator = '?');

/// The stylesheet every page links to (served as /style.css): readable on a laptop and a phone.
std::string_view stylesheet();

} // namespace ropa::web

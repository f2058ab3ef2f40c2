#pragma once
// The pages of `ropa serve`, apart from HTTP: a path and its query in, a reply out. The server
// (server.cpp) only maps requests to `respond`, so the pages are tested without a socket.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/html.hpp"

namespace ropa::web {

using Query = std::map<std::string, std::string>;
/// A posted form (application/x-www-form-urlencoded): every name=value in order; a name may
/// come more than once (a group of checkboxes).
using Form = std::vector<std::pair<std::string, std::string>>;

struct Reply {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::string download_name;  ///< set for an export: the file name to save it under
    std::string location;       ///< set for a redirect (303 See Other after a write)
};

/// The reply to a GET of `path` with `query` on the register at `db`, opened read-only for
/// this request (so every request sees the newest version, or the one ?at= names):
///   /                      dashboard: the check, drafts awaiting review, reviews due, the latest changes
///   /activities            every activity, filtered by ?q= (text) and ?status=
///   /activities/CODE       one activity: every Art. 30 item, its links, findings and history
///   /matrix                the purposes x data categories the register allows
///   /log                   the changes, newest first, with their tags
///   /diff?from=A&to=B      what changed between two versions (to: the newest when empty)
///   /exports               the exports of the version shown; /export?format=F&lang=L downloads one
///   /records               every kind of record; /records/KIND its records, /records/KIND/REF one,
///                          /records/KIND/new and /records/KIND/REF/edit the forms (forms.hpp)
///   /style.css             the stylesheet
/// Every page takes ?at=REF (a change, tag or date) and ?lang=TAG. A fault is a page with
/// the message and its status: 404 for what does not exist, 400 for a bad parameter, 403 for
/// what the visitor's role does not allow (a past version or an export needs auditor).
Reply respond(const std::filesystem::path& db, std::string_view path, const Query& query, const Visitor& visitor);

/// A 303 See Other to `location`: what a write answers, so that reloading the page it leads to
/// does not send the form again.
Reply see_other(const std::string& location);

/// The sign-in form, with `message` (a refusal) above it and `name` filled in.
Reply sign_in_page(int status, const std::string& message = {}, const std::string& name = {});

/// The page a fault shows: its title and message, with the status given.
Reply fault(int status, const std::string& title, const std::string& message, const Visitor& visitor = {});

} // namespace ropa::web

#pragma once
// Between the files of the forms: the pages one file serves and another dispatches to
// (record_pages.cpp reads, record_forms.cpp and link_forms.cpp write).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "web/pages.hpp"
#include "web/reading.hpp"

namespace ropa::web {

/// The form that adds (`ref` none) or edits a record of `entity`; 403 for a role that does not
/// write it, Error{validation} on a past version.
Reply form_page(const Reading& r, const EntityInfo& entity, const std::optional<std::string>& ref, const Query& query);

/// GET /links/NAME/FROM/TO: the form of a link's own fields (a basis's legal sources, a joint
/// controller's responsibilities); std::nullopt for any other path.
std::optional<Reply> link_page(const Reading& r, std::string_view path);

/// POST /links/NAME/FROM/TO: the link's fields edited, one change; std::nullopt for any other path.
std::optional<Reply> submit_link(const std::filesystem::path& db, std::string_view path, const Form& form,
                                 const Visitor& visitor);

/// POST /tags: the DPO names the newest version (its name and message); std::nullopt for any
/// other path.
std::optional<Reply> submit_tag(const std::filesystem::path& db, std::string_view path, const Form& form,
                                const Visitor& visitor);

} // namespace ropa::web

#pragma once
// What every page of one request reads (the file, the version shown, the language, who asks),
// shared by the reading pages (pages.cpp) and the forms (forms.cpp).

#include <string>
#include <vector>

#include "ropa/entity.hpp"
#include "ropa/register.hpp"
#include "web/html.hpp"

namespace ropa::web {

struct Reading {
    const Register& file;
    const RegisterView& view;
    std::string at;
    std::string lang;         ///< the language texts are shown in: ?lang=, else the register's
    bool lang_given = false;  ///< whether ?lang= chose it (an export then shows that language)
    Visitor visitor;

    /// The frame of a page titled `title`: the version shown, the register's name, who asks.
    Frame frame(const std::string& title) const;
    /// A link to `path` keeping the version shown, escaped for an attribute.
    std::string href(const std::string& path) const;
    /// A value as people read it in the page's language, escaped.
    std::string text(const FieldValue& value) const;
};

/// Items joined with `separator`.
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

/// The non-empty parts of `text` between `separator`s ("/api/v1/x" by '/': "api", "v1", "x").
std::vector<std::string> split(const std::string& text, char separator);

/// A record's name as people read it: its "name" (or "title") field where it has one, else its code (or "#id").
std::string name_of(const Record& record, const std::string& lang);

/// A field's value as value_text gives it, "" when the record lacks the field.
std::string field_or_empty(const Record& record, const std::string& field);

} // namespace ropa::web

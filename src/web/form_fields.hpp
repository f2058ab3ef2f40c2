#pragma once
// The pieces the record forms (record_forms.cpp) and the link forms (link_forms.cpp) share:
// reading a posted form, the input a field is edited in, and how a refusal is shown.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ropa/entity.hpp"
#include "ropa/error.hpp"
#include "ropa/register.hpp"
#include "web/pages.hpp"
#include "web/reading.hpp"

namespace ropa::web {

// --- what a posted form holds ------------------------------------------------------------

/// The first value named `name` ("" when none), with a textarea's CR LF kept as LF.
std::string form_value(const Form& form, std::string_view name);
/// Whether the form holds `name` at all (an empty input is sent, an unticked box is not).
bool form_has(const Form& form, std::string_view name);
/// Every non-empty value named `name`, sorted, once each (a group of checkboxes).
std::vector<std::string> form_values(const Form& form, std::string_view name);

/// The language the form's texts are recorded in: the one it was shown in (its hidden "lang"),
/// else the register's. Error{validation} naming "lang" for what is no language tag.
std::string form_language(const Form& form, const Register& file);
/// Where a saved form leads: `path`, in the language the form was shown in where that is not
/// the register's own.
std::string after_saving(const std::string& path, const std::string& lang, const Register& file);
/// A field's value as its input holds it: text in the form's language `lang` alone (a text
/// recorded in another language is shown beside the input, never copied into it).
std::string form_text(const FieldInfo& field, const FieldValue& value, const std::string& lang);
/// The codes of a references value, sorted; none for any other value.
Codes codes_of(const FieldValue& value);
/// The value the form gives for `field` of `entity` (texts in `lang`); std::monostate for an
/// empty input. Error{validation} naming the field for what is no value of its type.
FieldValue parsed_value(const EntityInfo& entity, const FieldInfo& field, const Form& form, const std::string& lang);

// --- records and their pages ---------------------------------------------------------------

/// The kind of record named `noun` in a path ("activity", "data_category"); Error{not_found}.
const EntityInfo& entity_named(std::string_view noun);
/// A record's reference: its code, or "#id" for a record without one.
std::string ref_of(const Record& record);
/// The page of `record` (an activity's own page, else /records/KIND/REF).
std::string record_path(const EntityInfo& entity, const Record& record);
/// The kinds of link that start from a record of `entity`.
std::vector<const LinkInfo*> links_from(const EntityInfo& entity);
/// A page of `status` titled `title` around `body`.
Reply html_reply(int status, const Reading& r, const std::string& title, const std::string& body);

/// One field's input: `name` its form name, `value` its text, `chosen` the codes ticked (a
/// references field), `described` the attributes that tie it to a refusal shown beside it.
std::string field_control(const Reading& r, const FieldInfo& field, const std::string& name, const std::string& value,
                          const std::vector<std::string>& chosen, const std::string& described);

// --- refusals ------------------------------------------------------------------------------

/// What a refused write shows: the message, and each rule it would break with its article.
struct Refusal {
    int status = 422;
    std::string message;
    std::string field;  ///< the field it is shown beside, "" for the whole form
    std::vector<Error::BrokenRule> broken;
};

/// The box above a refused form: "Nothing was written.", the message, the rules broken.
std::string refusal_box(const Refusal& refusal);
/// Whether `error` is shown in the form again (a value, a rule, a stale form, a record that is
/// not there); any other (storage, I/O) is a fault page.
bool shown_in_form(const Error& error);
/// The HTTP status a refusal for `error` answers with.
int status_of(const Error& error);
/// The field of `entity` an error names ("activity.end_date", "activity.name.en"), or "".
std::string field_named(const EntityInfo& entity, const Error& error);
/// Of `fields`, the one an error's field path names, or "" (a link's fields).
std::string field_named(const std::vector<FieldInfo>& fields, const Error& error);

} // namespace ropa::web

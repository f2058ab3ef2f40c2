// What the two imports share (import_support.hpp).

#include "api/import_support.hpp"

namespace ropa::detail {

namespace {

// Every described field as the file gives it, those it leaves out empty: so that a record or
// link of the file and the register's compare equal when they say the same, and a field the
// file leaves out is cleared.
Fields exact(const std::vector<FieldInfo>& described, const Fields& given) {
    Fields out;
    for (const auto& field : described) {
        auto it = given.find(field.name);
        out[field.name] = it == given.end() ? FieldValue() : it->second;
    }
    return out;
}

std::string text_of(const Fields& fields, const char* name) {
    auto it = fields.find(name);
    return it != fields.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second)
                                                                                 : std::string();
}

} // namespace

// A fault found while writing the file's content, named by its JSON path. A code the file
// names that does not exist, or a link it gives twice, is a fault of the file (exit 3 like
// every other), not a missing register or a concurrent edit; a broken rule stays one.
Error at_path(const Error& e, const std::string& path) {
    const bool of_the_file = e.code() == Errc::not_found || e.code() == Errc::conflict;
    return Error(of_the_file ? Errc::validation : e.code(), path + ": " + e.what(), e.broken_rules(), path);
}

Fields exact_fields(EntityKind kind, const Fields& given) { return exact(entity_info(kind).fields, given); }
Fields exact_link_fields(LinkKind kind, const Fields& given) { return exact(link_info(kind).fields, given); }

RecordFilter rows_of_activity(const std::string& activity) {
    RecordFilter filter;
    filter.activity = activity;
    return filter;
}

// What a retention row of an activity is about: its data category and category of data subjects
// (either empty: all of them). An activity has one row per scope; a file's row replaces the
// register's row of the same scope.
std::pair<std::string, std::string> retention_scope(const Fields& fields) {
    return {text_of(fields, "data_category"), text_of(fields, "data_subject")};
}

std::string scope_shown(const std::pair<std::string, std::string>& scope) {
    std::string shown = scope.first.empty() ? std::string("all the activity's data") : "data category " + scope.first;
    if (!scope.second.empty())
        shown += " of data subjects " + scope.second;
    return shown;
}

} // namespace ropa::detail

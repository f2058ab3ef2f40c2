// ropa_write_json: several writes as one change, each operation named by its place in the
// caller's JSON when refused (docs/decisions.md D30).

#include "ropa/ropa.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "c_api/c_support.hpp"
#include "ropa/export.hpp"
#include "ropa/register.hpp"

namespace ropa::c_api {

namespace {

// An error of one operation of a batch, named by its place: "operations[2].fields.name".
// The library names a field as the record sees it ("purpose.code", "activity.revision",
// "$.start_date" inside a fields object, "basis" for a code that names no basis); the caller
// wants the place in what it sent: "operations[2].code", ".expected_revision", ".fields.start_date",
// ".to". Errors that already name their place in the operation pass unchanged.
std::string place_in_operation(const std::string& field, const nlohmann::json& operation, const std::string& path) {
    if (field.rfind(path, 0) == 0)
        return field;
    if (field.rfind("$", 0) == 0)
        return path + ".fields" + field.substr(1);
    const auto dot = field.find('.');
    const std::string owner = field.substr(0, dot), item = dot == std::string::npos ? "" : field.substr(dot + 1);
    if (item == "code")
        return path + ".code";
    if (item == "revision" || field == "revision")
        return path + ".expected_revision";
    if (operation.contains("link") && operation["link"].is_string())
        if (const auto* link = ropa::find_link(operation["link"].get<std::string>())) {
            if (owner == ropa::entity_info(link->from).name && item.empty())
                return path + ".from";
            if (owner == ropa::entity_info(link->to).name && item.empty())
                return path + ".to";
            for (const auto& described : link->fields)
                if (described.references && owner == ropa::entity_info(*described.references).name)
                    return path + ".fields." + described.name;
        }
    if (!item.empty())
        return path + ".fields." + item;
    return field.empty() ? path : path + "." + field;
}

ropa::Error within(const ropa::Error& e, const nlohmann::json& operation, const std::string& path) {
    const std::string field = place_in_operation(e.field(), operation, path);
    std::string message = e.what();
    if (!e.field().empty() && message.rfind(e.field(), 0) == 0)
        message = field + message.substr(e.field().size());
    else if (message.rfind(path, 0) != 0)
        message = path + ": " + message;
    return ropa::Error(e.code(), message, e.broken_rules(), field);
}

// One operation of ropa_write_json, applied through the Writer.
void apply_operation(const ropa::Register& reg, ropa::Writer& w, const nlohmann::json& operation,
                     const std::string& path) {
    if (!operation.is_object())
        throw ropa::Error(ropa::Errc::validation, path + ": must be a JSON object", path);
    const auto op = required_string(operation, "op", path);
    if (op == "create")
        require_known_keys(operation, {"op", "entity", "code", "fields"}, path);
    else if (op == "update")
        require_known_keys(operation, {"op", "entity", "ref", "fields", "expected_revision"}, path);
    else if (op == "remove")
        require_known_keys(operation, {"op", "entity", "ref"}, path);
    else if (op == "link" || op == "edit_link")
        require_known_keys(operation, {"op", "link", "from", "to", "fields"}, path);
    else if (op == "unlink")
        require_known_keys(operation, {"op", "link", "from", "to"}, path);
    else if (op == "settings")
        require_known_keys(operation, {"op", "default_language", "review_interval_months", "required_fields"}, path);
    else if (op == "acknowledge")
        require_known_keys(operation, {"op", "finding_code", "subject", "reason"}, path);
    else if (op == "withdraw_acknowledgement")
        require_known_keys(operation, {"op", "finding_code", "subject"}, path);
    auto fields_text = [&] {
        auto it = operation.find("fields");
        return it == operation.end() ? std::string("{}") : it->dump();
    };
    if (op == "create" || op == "update" || op == "remove") {
        const auto kind = entity_named(required_string(operation, "entity", path).c_str()).kind;
        if (op == "create") {
            w.create(kind, optional_string(operation, "code", path), ropa::fields_from_json(kind, fields_text()));
        } else if (op == "update") {
            std::optional<std::int64_t> expected;
            if (auto it = operation.find("expected_revision"); it != operation.end() && !it->is_null()) {
                if (!it->is_number_integer())
                    throw ropa::Error(ropa::Errc::validation, path + ".expected_revision: must be a whole number",
                                      path + ".expected_revision");
                expected = it->get<std::int64_t>();
            }
            w.update(kind, required_string(operation, "ref", path), ropa::fields_from_json(kind, fields_text()), expected);
        } else {
            w.remove(kind, required_string(operation, "ref", path));
        }
        return;
    }
    if (op == "link" || op == "edit_link" || op == "unlink") {
        const auto kind = link_named(required_string(operation, "link", path).c_str()).kind;
        const auto from = required_string(operation, "from", path), to = required_string(operation, "to", path);
        if (op == "unlink")
            w.unlink(kind, from, to);
        else if (op == "link")
            w.link({kind, from, to, ropa::link_fields_from_json(kind, fields_text())});
        else
            w.edit_link({kind, from, to, ropa::link_fields_from_json(kind, fields_text())});
        return;
    }
    if (op == "settings") {  // only what is given changes
        auto settings = reg.settings();
        if (auto language = optional_string(operation, "default_language", path))
            settings.default_language = *language;
        if (auto it = operation.find("review_interval_months"); it != operation.end()) {
            if (!it->is_number_integer())
                throw ropa::Error(ropa::Errc::validation, path + ".review_interval_months: must be a whole number",
                                  path + ".review_interval_months");
            settings.review_interval_months = it->get<int>();
        }
        if (auto it = operation.find("required_fields"); it != operation.end()) {
            const auto field = path + ".required_fields";
            if (!it->is_array())
                throw ropa::Error(ropa::Errc::validation, field + ": must be an array of field names", field);
            settings.required_fields.clear();
            for (const auto& name : *it) {
                if (!name.is_string())
                    throw ropa::Error(ropa::Errc::validation, field + ": must be an array of field names", field);
                settings.required_fields.push_back(name.get<std::string>());
            }
        }
        w.change_settings(settings);
        return;
    }
    if (op == "acknowledge" || op == "withdraw_acknowledgement") {
        const auto code = required_string(operation, "finding_code", path);
        const auto subject = required_string(operation, "subject", path);
        if (op == "acknowledge")
            w.acknowledge(code, subject, required_string(operation, "reason", path));
        else
            w.withdraw_acknowledgement(code, subject);
        return;
    }
    throw ropa::Error(ropa::Errc::validation,
                      path + ".op: must be create, update, remove, link, edit_link, unlink, settings, acknowledge or "
                             "withdraw_acknowledgement, not \"" +
                          op + "\"",
                      path + ".op");
}

} // namespace

} // namespace ropa::c_api

using namespace ropa::c_api;

extern "C" {

int ropa_write_json(int* out_changed, ropa_register* reg, const char* operations_json, const char* actor,
                    const char* reason) {
    clear_outs(out_changed);
    return guarded([&] {
        require(reg, "reg");
        require(operations_json, "operations_json");
        nlohmann::json operations;
        try {
            operations = nlohmann::json::parse(operations_json);
        } catch (const nlohmann::json::exception&) {
            throw ropa::Error(ropa::Errc::validation, "operations: not valid JSON", "operations");
        }
        if (!operations.is_array())
            throw ropa::Error(ropa::Errc::validation, "operations: must be a JSON array of operations", "operations");
        const bool changed = reg->file("ropa_write_json").write(change_of(actor, reason), [&](ropa::Writer& w) {
            for (std::size_t i = 0; i < operations.size(); ++i) {
                const std::string path = "operations[" + std::to_string(i) + "]";
                try {
                    apply_operation(reg->file("ropa_write_json"), w, operations[i], path);
                } catch (const ropa::Error& e) {
                    throw within(e, operations[i], path);
                }
            }
        });
        if (out_changed)
            *out_changed = changed ? 1 : 0;
    });
}

}  // extern "C"

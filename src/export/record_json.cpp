// Records and links as JSON text, for the CLI's --json and the C API.

#include <nlohmann/json.hpp>

#include "import/json_import.hpp"
#include "ropa/export.hpp"

namespace ropa {

namespace {

nlohmann::ordered_json value_json(const FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    if (const auto* number = std::get_if<std::int64_t>(&value))
        return *number;
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag;
    if (const auto* localized = std::get_if<LocalizedText>(&value)) {
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (const auto& [lang, translation] : *localized)
            out[lang] = {{"value", translation.value}, {"status", std::string(to_string(translation.status))}};
        return out;
    }
    if (const auto* codes = std::get_if<Codes>(&value))
        return *codes;
    return nullptr;
}

}  // namespace

namespace {

nlohmann::ordered_json acknowledgement_object(const Acknowledgement& a) {
    return {{"finding_code", a.finding_code},
            {"subject", a.subject},
            {"reason", a.reason},
            {"acknowledged_by", a.acknowledged_by},
            {"acknowledged_at", a.acknowledged_at}};
}

}  // namespace

std::string acknowledgements_json(const std::vector<Acknowledgement>& acknowledgements, int indent) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& a : acknowledgements)
        out.push_back(acknowledgement_object(a));
    return out.dump(indent);
}

std::string check_json(const CheckReport& report, int indent) {
    nlohmann::ordered_json out{{"errors", report.count(Severity::error)},
                               {"warnings", report.count(Severity::warning)},
                               {"acknowledged", report.acknowledged()},
                               {"activities_checked", report.activities_checked},
                               {"findings", nlohmann::ordered_json::array()}};
    for (const auto& f : report.findings) {
        nlohmann::ordered_json finding{{"severity", f.severity == Severity::error ? "error" : "warning"},
                                       {"code", f.code},
                                       {"subject", f.subject},
                                       {"article", f.article},
                                       {"message", f.message}};
        if (f.acknowledgement)
            finding["acknowledgement"] = acknowledgement_object(*f.acknowledgement);
        out["findings"].push_back(std::move(finding));
    }
    out["stale_acknowledgements"] = nlohmann::ordered_json::parse(acknowledgements_json(report.stale_acknowledgements));
    const auto& completeness = report.completeness;
    nlohmann::ordered_json incomplete = nlohmann::ordered_json::array();
    for (const auto& subject : completeness.incomplete)
        incomplete.push_back({{"subject", subject.subject},
                              {"items", subject.items},
                              {"present", subject.present},
                              {"missing", subject.missing},
                              {"required", subject.required},
                              {"required_present", subject.required_present},
                              {"missing_required", subject.missing_required}});
    out["completeness"] = {{"items", completeness.items},
                           {"present", completeness.present},
                           {"percent", completeness.percent()},
                           {"required", completeness.required},
                           {"required_present", completeness.required_present},
                           {"required_percent", completeness.required_percent()},
                           {"complete_activities", completeness.complete_activities},
                           {"incomplete", std::move(incomplete)}};
    return out.dump(indent);
}

std::string record_json(const Record& record) {
    nlohmann::ordered_json out;
    out["kind"] = entity_info(record.kind).name;
    out["id"] = record.id;
    out["code"] = record.code ? nlohmann::ordered_json(*record.code) : nlohmann::ordered_json(nullptr);
    out["revision"] = record.revision;
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (const auto& field : entity_info(record.kind).fields) {
        auto it = record.fields.find(field.name);
        fields[field.name] = it == record.fields.end() ? nullptr : value_json(it->second);
    }
    out["fields"] = std::move(fields);
    return out.dump();
}

std::string link_json(const Link& link) {
    nlohmann::ordered_json out{{"link", link_info(link.kind).name}, {"from", link.from}, {"to", link.to}};
    for (const auto& [name, value] : link.fields)
        out[name] = value_json(value);
    return out.dump();
}

Fields fields_from_json(EntityKind kind, std::string_view json_object) {
    return detail::fields_from_json_text(kind, json_object, "$");
}

Fields link_fields_from_json(LinkKind kind, std::string_view json_object) {
    return detail::link_fields_from_json_text(kind, json_object, "$");
}

}  // namespace ropa

#pragma once
// Registers built through the public API, shared by library and CLI tests.

#include "ropa/register.hpp"

namespace ropa::test {

inline LocalizedText en(const std::string& value) { return {{"en", {value, TextStatus::source}}}; }

inline const ChangeRequest change{"tester", "test"};

/// A small register whose one activity meets every item of Art. 30(1) and raises no warning.
inline void build_complete_register(Register& reg) {
    reg.write(change, [](Writer& w) {
        w.create(EntityKind::controller, std::nullopt,
                 {{"name", en("Example Ltd")}, {"address", std::string("1 Main Street, Brussels")},
                  {"email", std::string("privacy@example.org")}, {"dpo_name", std::string("A. Officer")},
                  {"dpo_email", std::string("dpo@example.org")}});
        w.create(EntityKind::purpose, "HR-PAY", {{"name", en("Paying staff")}});
        w.create(EntityKind::data_category, "IDENT", {{"name", en("Identification data")}});
        w.create(EntityKind::data_category, "BANK", {{"name", en("Bank account")}});
        w.link({LinkKind::purpose_data_category, "HR-PAY", "IDENT", {}});
        w.link({LinkKind::purpose_data_category, "HR-PAY", "BANK", {{"note", en("for salary transfers")}}});
        w.link({LinkKind::purpose_legal_basis, "HR-PAY", "art6-1-b", {}});
        w.create(EntityKind::data_subject, "STAFF", {{"name", en("Employees")}});
        w.create(EntityKind::recipient, "BANKS", {{"name", en("Banks")}, {"kind", std::string("external")}});
        w.create(EntityKind::security_measure, "ACL",
                 {{"type", std::string("access-control")}, {"name", en("Role-based access")}});
        w.create(EntityKind::activity, "PAYROLL",
                 {{"name", en("Payroll")}, {"status", std::string("active")}, {"start_date", std::string("2020-01-01")}});
        for (auto [kind, to] : std::vector<std::pair<LinkKind, std::string>>{
                 {LinkKind::activity_purpose, "HR-PAY"},
                 {LinkKind::activity_legal_basis, "art6-1-b"},
                 {LinkKind::activity_data_category, "IDENT"},
                 {LinkKind::activity_data_category, "BANK"},
                 {LinkKind::activity_data_subject, "STAFF"},
                 {LinkKind::activity_recipient, "BANKS"},
                 {LinkKind::activity_security_measure, "ACL"}})
            w.link({kind, "PAYROLL", to, {}});
        w.create(EntityKind::retention, std::nullopt,
                 {{"activity", std::string("PAYROLL")}, {"duration_value", std::int64_t{7}},
                  {"duration_unit", std::string("year")}, {"trigger", en("end of employment")},
                  {"justification", en("tax law")}});
    });
}

} // namespace ropa::test

namespace ropa::test {

/// The complete register's records, added to a register that already holds the annex seed
/// (and so already has a controller, which is completed instead of created).
inline void build_complete_register_on_seed(Register& reg) {
    reg.write(change, [](Writer& w) {
        w.update(EntityKind::controller, "#1", {{"dpo_name", std::string("A. Officer")}, {"dpo_email", std::string("dpo@example.org")}});
        w.create(EntityKind::data_subject, "STAFF", {{"name", en("Employees")}});
        // Approved: the write-time rules hold for it (tests of refusals rely on that).
        w.create(EntityKind::activity, "STAFF-ADMIN",
                 {{"name", en("Personnel administration")}, {"status", std::string("active")}});
        w.link({LinkKind::activity_purpose, "STAFF-ADMIN", "P58", {}});
        w.link({LinkKind::activity_legal_basis, "STAFF-ADMIN", "art6-1-b", {}});
        w.link({LinkKind::activity_data_category, "STAFF-ADMIN", "identification", {}});
        w.link({LinkKind::activity_data_subject, "STAFF-ADMIN", "STAFF", {}});
    });
}

} // namespace ropa::test

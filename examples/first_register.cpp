// docs/api.md, "A first register": create a register, record an activity with its purpose
// and data in one change, check it, and export it. Compiled with every build.

#include <filesystem>
#include <iostream>

#include "ropa/export.hpp"
#include "ropa/register.hpp"

int main(int argc, char** argv) {
    const std::filesystem::path path = argc > 1 ? argv[1] : "example.ropa";
    try {
        auto reg = ropa::Register::create(path);  // mode 0600, newest schema level
        const ropa::ChangeRequest change{"example", "first activity"};
        auto en = [](const char* text) { return ropa::LocalizedText{{"en", {text, ropa::TextStatus::source}}}; };

        // One change: every write below commits together, or not at all.
        reg.write(change, [&](ropa::Writer& w) {
            w.create(ropa::EntityKind::controller, std::nullopt,
                     {{"name", en("Example Ltd")}, {"email", std::string("privacy@example.org")}});
            w.create(ropa::EntityKind::purpose, "NEWSLETTER", {{"name", en("Sending the newsletter")}});
            w.create(ropa::EntityKind::data_category, "CONTACT", {{"name", en("Contact details")}});
            // the allowed links: what the purpose may use
            w.link({ropa::LinkKind::purpose_data_category, "NEWSLETTER", "CONTACT", {}});
            w.link({ropa::LinkKind::purpose_legal_basis, "NEWSLETTER", "art6-1-a", {}});
            w.create(ropa::EntityKind::data_subject, "SUBSCRIBERS", {{"name", en("Newsletter subscribers")}});
            w.create(ropa::EntityKind::activity, "MAILING", {{"name", en("Monthly mailing")}});
            w.link({ropa::LinkKind::activity_data_subject, "MAILING", "SUBSCRIBERS", {}});
            w.link({ropa::LinkKind::activity_purpose, "MAILING", "NEWSLETTER", {}});
            w.link({ropa::LinkKind::activity_legal_basis, "MAILING", "art6-1-a", {}});
            w.link({ropa::LinkKind::activity_data_category, "MAILING", "CONTACT", {}});
        });

        const auto report = reg.check();
        std::cout << report.count(ropa::Severity::error) << " errors, " << report.count(ropa::Severity::warning)
                  << " warnings\n";
        ropa::export_record(reg, {ropa::ExportFormat::markdown, "en"}, std::cout);
    } catch (const ropa::Error& e) {
        std::cerr << "error (" << ropa::to_string(e.code()) << "): " << e.what() << "\n";
        return 1;
    }
    return 0;
}

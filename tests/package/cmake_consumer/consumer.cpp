// Opens a register, adds an activity and exports JSON, through an installed ropa.
#include <iostream>
#include <sstream>

#include <ropa/export.hpp>
#include <ropa/register.hpp>

int main(int argc, char** argv) {
    if (argc < 2)
        return 2;
    auto reg = ropa::Register::create(argv[1]);
    reg.create(ropa::EntityKind::activity, "A1",
               {{"name", ropa::LocalizedText{{"en", {"Consumer activity", ropa::TextStatus::source}}}}},
               {"consumer", "package test"});
    std::ostringstream json;
    ropa::export_record(reg, {ropa::ExportFormat::json, ""}, json);
    const bool ok = json.str().find("Consumer activity") != std::string::npos;
    std::cout << (ok ? "consumer ok" : "consumer FAILED") << "\n";
    return ok ? 0 : 1;
}

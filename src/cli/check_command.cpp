// ropa check: Art. 30 completeness and warnings.

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/terminal.hpp"
#include "ropa/export.hpp"

namespace ropa::cli {

void setup_check_command(CLI::App& app, Context& context) {
    auto as_json = std::make_shared<bool>(false);
    auto* check = app.add_subcommand(
        "check", "Check the record against Art. 30(1)(a)-(g) and 30(2)(a)-(d); exit 1 when it finds errors");
    check->add_flag("--json", *as_json, "Print JSON");
    check->callback([&context, as_json] {
        context.action = [&context, as_json] {
            auto reg = open_register(context, {.mode = OpenMode::read_only});
            const auto report = reg.check();
            const auto errors = report.count(Severity::error);
            const auto warnings = report.count(Severity::warning);
            if (*as_json) {
                std::cout << check_json(report, 2) << "\n";
            } else {
                const std::size_t width = terminal_width();
                // Findings are grouped under their subject; purposes, usually many and each with one
                // finding, share one heading and carry their code on the line.
                std::string heading;
                for (const auto& f : report.findings) {
                    const bool purpose = f.subject.rfind("purpose:", 0) == 0;
                    const std::string this_heading = purpose ? "purposes" : f.subject;
                    if (this_heading != heading) {
                        heading = this_heading;
                        std::cout << "\n" << heading << "\n";
                    }
                    const std::string head = std::string("  ") + (purpose ? f.subject.substr(8) + "  " : "") +
                                             (f.severity == Severity::error ? "error   " : "warning ") + f.article +
                                             ": ";
                    bool first = true;
                    for (const auto& line : wrap(f.message, width > head.size() + 20 ? width - head.size() : 20)) {
                        std::cout << (first ? head : std::string(head.size(), ' ')) << line << "\n";
                        first = false;
                    }
                }
                // What the record holds of what Art. 30 asks: by article, for each subject lacking some.
                const auto& completeness = report.completeness;
                std::cout << "\ncompleteness: " << completeness.present << " of " << completeness.items
                          << " Art. 30 items recorded (" << completeness.percent() << "%); "
                          << completeness.complete_activities << " of " << report.activities_checked << " activit"
                          << (report.activities_checked == 1 ? "y" : "ies") << " complete\n";
                for (const auto& subject : completeness.incomplete) {
                    std::cout << "  " << subject.subject << ": " << subject.present << " of " << subject.items
                              << "; missing:\n";
                    for (const auto& item : subject.missing) {
                        bool first = true;
                        for (const auto& line : wrap(item, width > 26 ? width - 6 : 20)) {
                            std::cout << (first ? "    - " : "      ") << line << "\n";
                            first = false;
                        }
                    }
                }
                std::cout << "\n" << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
                          << (warnings == 1 ? "" : "s") << "; " << report.activities_checked << " activit"
                          << (report.activities_checked == 1 ? "y" : "ies") << " checked\n";
            }
            return errors ? exit_findings : exit_ok;
        };
    });
}

} // namespace ropa::cli

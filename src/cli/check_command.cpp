// ropa check: Art. 30 completeness and warnings.

#include <algorithm>
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
            const OpenedVersion opened(context);
            const RegisterView& reg = *opened;
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
                                             (f.severity == Severity::error ? "error   "
                                              : f.acknowledgement          ? "accepted "
                                                                           : "warning ") +
                                             f.article + ": ";
                    std::string message = f.message;
                    if (f.acknowledgement)
                        message += " [" + f.code + ": accepted by " + f.acknowledgement->acknowledged_by + " on " +
                                   f.acknowledgement->acknowledged_at.substr(0, 10) + ": " + f.acknowledgement->reason +
                                   "]";
                    else if (f.severity == Severity::warning && !purpose)  // theirs is one, named below
                        message += " [" + f.code + "]";
                    bool first = true;
                    for (const auto& line : wrap(message, width > head.size() + 20 ? width - head.size() : 20)) {
                        std::cout << (first ? head : std::string(head.size(), ' ')) << line << "\n";
                        first = false;
                    }
                }
                if (!report.stale_acknowledgements.empty()) {
                    std::cout << "\nacknowledgements that match no finding now (withdraw them with "
                                 "`ropa acknowledge --withdraw CODE SUBJECT -m WHY`):\n";
                    for (const auto& a : report.stale_acknowledgements)
                        std::cout << "  " << a.finding_code << " on " << a.subject << "\n";
                }
                // What the record holds of what Art. 30 asks: by article, for each subject lacking some.
                const auto& completeness = report.completeness;
                std::cout << "\ncompleteness: " << completeness.present << " of " << completeness.items
                          << " Art. 30 items recorded (" << completeness.percent() << "%); "
                          << completeness.complete_activities << " of " << report.activities_checked << " activit"
                          << (report.activities_checked == 1 ? "y" : "ies") << " complete\n";
                // and of the fields the DPO requires beyond them (ropa settings --require)
                if (completeness.required > 0)
                    std::cout << "required by this register: " << completeness.required_present << " of "
                              << completeness.required << " field" << (completeness.required == 1 ? "" : "s")
                              << " recorded (" << completeness.required_percent() << "%)\n";
                const auto list = [&](const std::vector<std::string>& items) {
                    for (const auto& item : items) {
                        bool first = true;
                        for (const auto& line : wrap(item, width > 26 ? width - 6 : 20)) {
                            std::cout << (first ? "    - " : "      ") << line << "\n";
                            first = false;
                        }
                    }
                };
                bool required_missing = false;
                for (const auto& subject : completeness.incomplete) {
                    required_missing = required_missing || !subject.missing_required.empty();
                    if (!subject.missing.empty()) {
                        std::cout << "  " << subject.subject << ": " << subject.present << " of " << subject.items
                                  << "; missing:\n";
                        list(subject.missing);
                    } else {
                        std::cout << "  " << subject.subject << ": every Art. 30 item recorded\n";
                    }
                    if (!subject.missing_required.empty()) {
                        std::cout << "    required by this register: " << subject.required_present << " of "
                                  << subject.required << " field" << (subject.required == 1 ? "" : "s")
                                  << " recorded; missing:\n";
                        list(subject.missing_required);
                    }
                }
                if (required_missing)
                    for (const auto& line : wrap("A required field is recorded with ropa activity edit CODE and the "
                                                 "field's name as an option: data_source is --data-source.",
                                                 width))
                        std::cout << line << "\n";
                const auto accepted = report.acknowledged();
                if (warnings > 0) {
                    std::cout << "\n";
                    for (const auto& line : wrap("A warning known and accepted: ropa acknowledge CODE SUBJECT -m WHY "
                                                 "(CODE in brackets; a purpose's is purpose-without-basis, its SUBJECT "
                                                 "purpose:CODE).",
                                                 width))
                        std::cout << line << "\n";
                }
                std::cout << "\n" << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
                          << (warnings == 1 ? "" : "s")
                          << (accepted ? " (and " + std::to_string(accepted) + " accepted)" : std::string()) << "; "
                          << report.activities_checked << " activit"
                          << (report.activities_checked == 1 ? "y" : "ies") << " checked\n";
            }
            return errors ? exit_findings : exit_ok;
        };
    });

    // Accepting a warning: the reason is the change's message, so the log and the acknowledgement
    // say the same.
    struct AcknowledgeOptions {
        std::string code, subject, reason;
        bool withdraw = false;
    };
    auto options = std::make_shared<AcknowledgeOptions>();
    auto* acknowledge = app.add_subcommand(
        "acknowledge", "Accept a warning of `ropa check` with a reason (-m), or withdraw the acceptance");
    acknowledge->add_option("code", options->code, "The finding's code, as `ropa check` shows it")->required();
    acknowledge->add_option("subject", options->subject, "Its subject: activity:CODE, controller, purpose:CODE")
        ->required();
    acknowledge->add_flag("--withdraw", options->withdraw, "Withdraw the acceptance");
    acknowledge->add_option("-m,--message", options->reason, "Why it is accepted (recorded with the change) [required]")
        ->required();
    acknowledge->callback([&context, options] {
        context.action = [&context, options] {
            if (!context.global.at.empty())
                throw UsageError("--at reads a past version; nothing can be acknowledged there");
            const auto change = change_request(context, options->reason);
            auto reg = open_register(context);
            const auto before = reg.acknowledgements();
            const bool replacing = std::any_of(before.begin(), before.end(), [&](const auto& a) {
                return a.finding_code == options->code && a.subject == options->subject;
            });
            reg.write(change, [&](Writer& w) {
                if (options->withdraw)
                    w.withdraw_acknowledgement(options->code, options->subject);
                else
                    w.acknowledge(options->code, options->subject, options->reason);
            });
            std::cout << (options->withdraw ? "withdrew the acceptance of "
                          : replacing         ? "accepted again, with the new reason (the old one stays in the log): "
                                              : "accepted ")
                      << options->code << " on " << options->subject << "\n";
            return exit_ok;
        };
    });

    auto list_json = std::make_shared<bool>(false);
    auto* list = app.add_subcommand("acknowledgements", "List the warnings accepted, with who, when and why");
    list->add_flag("--json", *list_json, "Print JSON");
    list->callback([&context, list_json] {
        context.action = [&context, list_json] {
            const OpenedVersion opened(context);
            const RegisterView& reg = *opened;
            const auto all = reg.acknowledgements();
            if (*list_json) {
                std::cout << acknowledgements_json(all, 2) << "\n";
                return exit_ok;
            }
            for (const auto& a : all)
                std::cout << a.finding_code << " on " << a.subject << ": accepted by " << a.acknowledged_by << " at "
                          << a.acknowledged_at << "\n  " << a.reason << "\n";
            std::cout << all.size() << " acknowledgement" << (all.size() == 1 ? "" : "s") << "\n";
            return exit_ok;
        };
    });
}

} // namespace ropa::cli

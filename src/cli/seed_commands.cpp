// ropa seed list.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"

namespace ropa::cli {

void setup_seed_commands(CLI::App& app, Context& context) {
    auto* seed = app.add_subcommand("seed", "Seeds compiled into ropa (reference data from real documents)");
    seed->require_subcommand(1);
    auto* list = seed->add_subcommand("list", "List the available seeds");
    list->callback([&context] {
        context.action = [] {
            for (const auto& info : Register::available_seeds())
                std::cout << info.name << "\t" << info.title << "\n\tsha256 " << info.sha256 << "\n";
            return exit_ok;
        };
    });
}

} // namespace ropa::cli

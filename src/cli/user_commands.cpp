// ropa user: the accounts that may sign in to `ropa serve` (src/web/accounts.hpp). They are kept
// beside the register, never in it (docs/decisions.md, D43).

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "ropa/register.hpp"
#include "web/accounts.hpp"

namespace ropa::cli {

namespace {

struct UserOptions {
    std::string name;
    std::string role;
};

// The accounts of the register named by --db; the register must be one (so that no accounts
// file is made beside a file that is not).
web::AccountStore accounts_of(const Context& context) {
    (void)Register::open(context.global.db, {.mode = OpenMode::read_only, .allow_older = true});
    return web::AccountStore(web::accounts_file_of(context.global.db));
}

// A password: typed twice at a terminal, without echo; else the first line of standard input
// (a script: `printf '%s\n' "$PASSWORD" | ropa user add ...`), never an argument, which other
// users of the computer could read in the process list.
std::string read_password(const std::string& name) {
    const auto line = [] {
        std::string text;
        std::getline(std::cin, text);
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        return text;
    };
    if (!isatty(STDIN_FILENO))
        return line();
    termios before{};
    tcgetattr(STDIN_FILENO, &before);
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    std::cerr << "password for " << name << " (12 characters or more): " << std::flush;
    const auto first = line();
    std::cerr << "\nthe same again: " << std::flush;
    const auto again = line();
    std::cerr << "\n";
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
    if (first != again)
        throw Error(Errc::validation, "password: the two passwords differ; nothing was changed", "password");
    return first;
}

} // namespace

void setup_user_commands(CLI::App& app, Context& context) {
    auto* user = app.add_subcommand("user", "The accounts that sign in to ropa serve (kept beside the register, in FILE.accounts)");
    user->require_subcommand(1);
    auto options = std::make_shared<UserOptions>();

    auto* add = user->add_subcommand("add", "Add an account; its password is read from the terminal or standard input");
    add->add_option("name", options->name, "Account name (letters, digits, . _ - @); recorded as the author of its changes")
        ->required();
    add->add_option("--role", options->role, "viewer, auditor, editor or dpo (docs/security.md)")->required();
    add->callback([&context, options] {
        context.action = [&context, options] {
            const auto role = web::role_from(options->role, "--role");
            web::check_account_name(options->name);
            auto accounts = accounts_of(context);
            if (accounts.find(options->name))
                throw Error(Errc::conflict, "there is already an account " + options->name, "name");
            accounts.add(options->name, role, read_password(options->name));
            std::cout << "added account " << options->name << " (" << web::to_string(role) << ") to "
                      << web::accounts_file_of(context.global.db).string() << "\n";
            return exit_ok;
        };
    });

    auto* list = user->add_subcommand("list", "List the accounts and their roles");
    list->callback([&context] {
        context.action = [&context] {
            const auto accounts = accounts_of(context).list();
            for (const auto& account : accounts)
                std::cout << account.name << "  " << web::to_string(account.role) << "  since " << account.created_at
                          << (account.changed_at != account.created_at ? ", changed " + account.changed_at : "") << "\n";
            std::cout << accounts.size() << (accounts.size() == 1 ? " account" : " accounts") << "\n";
            return exit_ok;
        };
    });

    auto* rm = user->add_subcommand("rm", "Remove an account (its sessions end at their next request)");
    rm->add_option("name", options->name, "Account name")->required();
    rm->callback([&context, options] {
        context.action = [&context, options] {
            accounts_of(context).remove(options->name);
            std::cout << "removed account " << options->name << "\n";
            return exit_ok;
        };
    });

    auto* passwd = user->add_subcommand("passwd", "Set an account's password, read from the terminal or standard input");
    passwd->add_option("name", options->name, "Account name")->required();
    passwd->callback([&context, options] {
        context.action = [&context, options] {
            auto accounts = accounts_of(context);
            if (!accounts.find(options->name))
                throw Error(Errc::not_found, "no account " + options->name, "name");
            accounts.set_password(options->name, read_password(options->name));
            std::cout << "password of " << options->name << " changed\n";
            return exit_ok;
        };
    });

    auto* token = user->add_subcommand("token", "A new API token for an account (shown once; replaces its old one)");
    token->add_option("name", options->name, "Account name")->required();
    auto revoke = std::make_shared<bool>(false);
    token->add_flag("--revoke", *revoke, "Withdraw the account's token instead");
    token->callback([&context, options, revoke] {
        context.action = [&context, options, revoke] {
            auto accounts = accounts_of(context);
            if (*revoke) {
                accounts.revoke_token(options->name);
                std::cout << "the API token of " << options->name << " is withdrawn\n";
            } else {
                // the token alone on standard output, for a script to keep; what it is on stderr
                std::cout << accounts.issue_token(options->name) << "\n";
                std::cerr << "the API token of " << options->name
                          << " (send it as Authorization: Bearer TOKEN; it is shown this once)\n";
            }
            return exit_ok;
        };
    });

    auto* role = user->add_subcommand("role", "Change an account's role");
    role->add_option("name", options->name, "Account name")->required();
    role->add_option("role", options->role, "viewer, auditor, editor or dpo")->required();
    role->callback([&context, options] {
        context.action = [&context, options] {
            const auto new_role = web::role_from(options->role, "role");
            accounts_of(context).set_role(options->name, new_role);
            std::cout << "account " << options->name << " is now " << web::to_string(new_role) << "\n";
            return exit_ok;
        };
    });
}

} // namespace ropa::cli

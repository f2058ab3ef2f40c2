#include "cli/context.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/terminal.hpp"

namespace ropa::cli {

ChangeRequest change_request(const Context& context, const std::string& reason) {
    if (reason.empty())
        throw UsageError("say why with -m \"reason\": every change is recorded with its reason");
    return {context.global.actor.empty() ? current_actor() : context.global.actor, reason};
}

std::string read_input(const std::string& path, const std::string& field) {
    std::ostringstream text;  // read whole through the stream buffer, not char by char
    if (path == "-") {
        text << std::cin.rdbuf();
        return std::move(text).str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(Errc::not_found, "cannot read " + path, field);
    text << in.rdbuf();
    return std::move(text).str();
}

std::string current_actor() {
    if (const char* actor = std::getenv("ROPA_ACTOR"); actor && *actor)
        return actor;
    if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return entry->pw_name;
    return "unknown";
}

} // namespace ropa::cli

// The DPO's tag of the newest version, from the history page: the name an export or an audit
// refers to later (ropa tag). A tag is no change: it names one, and never moves.

#include <mutex>

#include "ropa/error.hpp"
#include "web/form_fields.hpp"
#include "web/form_pages.hpp"
#include "web/write_rules.hpp"

namespace ropa::web {

std::optional<Reply> submit_tag(const std::filesystem::path& db, std::string_view path, const Form& form,
                                const Visitor& visitor) {
    if (path != "/tags")
        return std::nullopt;
    const std::lock_guard lock(write_lock());
    auto file = Register::open(db);
    const Reading r{file, file, "", file.settings().default_language, false, visitor};
    const auto refused = [&](int status, const std::string& message) {
        return html_reply(status, r, "Refused",
                          refusal_box({status, message, "name", {}}) + "<p><a href=\"/log\">Back to the history</a></p>\n");
    };
    if (!visitor.may(Role::dpo))
        return refused(403, "not allowed: your role (" + std::string(to_string(visitor.role)) +
                                ") does not tag versions; the DPO does");
    try {
        file.tag(form_value(form, "name"), form_value(form, "message"), visitor.user);
        return see_other("/log");
    } catch (const Error& e) {
        if (!shown_in_form(e))
            throw;
        return refused(status_of(e), e.what());
    }
}

} // namespace ropa::web

// The form of the readable exports in Dutch, French and German: headings, labels and the words
// around values, keyed by their English text. The register's own texts are not here; they are
// translated in the register. The GDPR's terms follow its official language versions
// ("verwerkingsverantwoordelijke", "responsable du traitement", "Verantwortlicher").

#include <mutex>
#include <set>
#include <unordered_map>

#include "export/record_view.hpp"

namespace ropa::detail {

namespace {

struct FormLabel {
    const char* en;
    const char* nl;
    const char* fr;
    const char* de;
};

// clang-format off
constexpr FormLabel form_labels[] = {
#include "export/form_labels.inc"
};
// clang-format on

const std::unordered_map<std::string_view, const FormLabel*>& label_index() {
    static const auto index = [] {
        std::unordered_map<std::string_view, const FormLabel*> built;
        for (const auto& entry : form_labels)
            built.emplace(entry.en, &entry);
        return built;
    }();
    return index;
}

std::mutex untranslated_mutex;
std::set<std::string>& untranslated() {
    static std::set<std::string> keys;
    return keys;
}

} // namespace

std::string form_language(std::string_view lang) {
    const auto primary = lang.substr(0, lang.find('-'));
    if (primary == "nl" || primary == "fr" || primary == "de")
        return std::string(primary);
    return "en";
}

std::string TextPicker::label(std::string_view key) const {
    // A key may say in which sense it is meant after "|" ("of|count": "3 of 7", French "sur"),
    // where one English word is several in another language; English shows the word alone.
    const auto english = std::string(key.substr(0, key.find('|')));
    if (form == "en" || form.empty())
        return english;
    const auto& index = label_index();
    if (const auto found = index.find(key); found != index.end()) {
        const char* translated = form == "nl" ? found->second->nl : form == "fr" ? found->second->fr : found->second->de;
        if (translated && *translated)
            return translated;
    }
    const std::lock_guard<std::mutex> lock(untranslated_mutex);
    untranslated().insert(form + ": " + std::string(key));
    return english;
}

std::vector<std::string> untranslated_labels() {
    const std::lock_guard<std::mutex> lock(untranslated_mutex);
    return {untranslated().begin(), untranslated().end()};
}

} // namespace ropa::detail

#include "import/strict_json.hpp"

#include <set>
#include <vector>

#include "domain/text_rules.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

namespace {

using json = nlohmann::json;

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
    throw Error(Errc::validation, path + ": " + what, path);
}

/// Where the parser is, as a JSON path, and the keys each open object has had.
class PathTracker {
public:
    explicit PathTracker(std::string root) : root_(std::move(root)) {}

    void on(json::parse_event_t event, const json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start:
            next_element();
            frames_.push_back({event == json::parse_event_t::object_start, {}, {}, 0, 0});
            break;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            frames_.pop_back();
            break;
        case json::parse_event_t::key: {
            auto& frame = frames_.back();
            frame.key = parsed.get<std::string>();
            if (!frame.keys.insert(frame.key).second)
                refuse(path(), "appears twice in the same object; each key may be given once");
            break;
        }
        case json::parse_event_t::value:
            next_element();
            break;
        }
    }

    std::string path() const {
        std::string out = root_;
        for (const auto& frame : frames_) {
            if (frame.is_object && !frame.key.empty())
                out += "." + frame.key;
            else if (!frame.is_object && frame.next > 0)
                out += "[" + std::to_string(frame.current) + "]";
        }
        return out;
    }

private:
    struct Frame {
        bool is_object;
        std::set<std::string> keys;
        std::string key;
        std::size_t current, next;
    };

    void next_element() {
        if (!frames_.empty() && !frames_.back().is_object)
            frames_.back().current = frames_.back().next++;
    }

    std::string root_;
    std::vector<Frame> frames_;
};

/// The parser's own words without its "[json.exception.parse_error.101] " prefix.
std::string plain_message(const json::exception& e) {
    std::string what = e.what();
    if (const auto close = what.find("] "); what.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
        what.erase(0, close + 2);
    return what;
}

} // namespace

json parse_json_strictly(std::string_view text, const std::string& path) {
    if (!is_valid_utf8(text))
        refuse(path, "is not valid UTF-8");
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        refuse(path, "has a NUL byte at byte " + std::to_string(nul + 1) + "; a JSON file holds none");
    PathTracker tracker(path);
    try {
        return json::parse(text, [&](int, json::parse_event_t event, json& parsed) {
            tracker.on(event, parsed);
            return true;
        });
    } catch (const json::parse_error& e) {
        refuse(path, "malformed JSON at byte " + std::to_string(e.byte) + " (" + plain_message(e) + ")");
    } catch (const json::exception& e) {  // out_of_range: a number too large for any field
        refuse(tracker.path(), "a number is out of range (" + plain_message(e) + ")");
    }
}

} // namespace ropa::detail

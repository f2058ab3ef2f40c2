#include "import/strict_json.hpp"

#include <array>
#include <set>
#include <streambuf>
#include <vector>

#include "domain/text_rules.hpp"
#include "ropa/error.hpp"

namespace ropa::detail {

void refuse_json(const std::string& path, const std::string& what) {
    throw Error(Errc::validation, path + ": " + what, path);
}

namespace {

using json = nlohmann::json;

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
                refuse_json(path(), "appears twice in the same object; each key may be given once");
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

/// A stream buffer over `source` that hands on only bytes it has checked: valid UTF-8 and no
/// NUL. A fault throws Error{validation} from inside the parser's read, naming its byte. A
/// sequence cut by the end of a chunk waits for the next one.
class CheckedInput : public std::streambuf {
public:
    CheckedInput(std::istream& source, std::string path) : source_(source), path_(std::move(path)) {}

    bool source_failed() const { return source_.bad(); }

protected:
    int_type underflow() override {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        // what the last chunk left unchecked moves to the front
        const std::size_t kept = end_ - checked_;
        std::copy(buffer_.data() + checked_, buffer_.data() + end_, buffer_.data());
        offset_ += checked_;
        end_ = kept;
        checked_ = 0;
        while (checked_ == 0) {
            source_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_.size() - end_));
            const auto got = static_cast<std::size_t>(source_.gcount());
            end_ += got;
            if (got == 0) {
                if (end_ > 0)  // a sequence the input ends inside
                    refuse_at(offset_ + 1, "is not valid UTF-8");
                return traits_type::eof();
            }
            checked_ = check();
        }
        setg(buffer_.data(), buffer_.data(), buffer_.data() + checked_);
        return traits_type::to_int_type(*gptr());
    }

private:
    [[noreturn]] void refuse_at(std::size_t byte, const std::string& what) const {
        throw Error(Errc::validation, path_ + ": " + what + " (at byte " + std::to_string(byte) + ")", path_);
    }

    // The length of the checked prefix of buffer_[0, end_): whole sequences only.
    std::size_t check() const {
        std::size_t cut = end_;
        // a lead byte among the last three whose sequence is not complete yet waits
        for (std::size_t back = 1; back <= 3 && back <= end_; ++back) {
            const auto byte = static_cast<unsigned char>(buffer_[end_ - back]);
            if ((byte & 0xC0) == 0x80)
                continue;  // a continuation byte: look further back
            const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
            if (length > back)
                cut = end_ - back;
            break;
        }
        const std::string_view part(buffer_.data(), cut);
        if (const auto nul = part.find('\0'); nul != std::string_view::npos)
            refuse_at(offset_ + nul + 1, "has a NUL byte; a JSON file holds none");
        if (!is_valid_utf8(part))
            refuse_at(offset_ + first_invalid(part) + 1, "is not valid UTF-8");
        return cut;
    }

    // Where valid UTF-8 stops in `part` (which holds a fault): each character checked in turn.
    static std::size_t first_invalid(std::string_view part) {
        std::size_t at = 0;
        while (at < part.size()) {
            const auto byte = static_cast<unsigned char>(part[at]);
            const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
            if (!is_valid_utf8(part.substr(at, length)))
                return at;
            at += length;
        }
        return at;
    }

    std::istream& source_;
    std::string path_;
    std::array<char, 1 << 16> buffer_{};
    std::size_t end_ = 0;      // bytes in buffer_
    std::size_t checked_ = 0;  // of which handed on
    std::size_t offset_ = 0;   // of buffer_[0] in the input
};

void check_text(std::string_view text, const std::string& path) {
    if (!is_valid_utf8(text))
        refuse_json(path, "is not valid UTF-8");
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        refuse_json(path, "has a NUL byte at byte " + std::to_string(nul + 1) + "; a JSON file holds none");
}

template <typename Input>
json parse_with(Input&& input, const std::string& path, const json::parser_callback_t& filter) {
    PathTracker tracker(path);
    try {
        return json::parse(std::forward<Input>(input), [&](int depth, json::parse_event_t event, json& parsed) {
            tracker.on(event, parsed);
            return filter(depth, event, parsed);
        });
    } catch (const json::parse_error& e) {
        refuse_json(path, "malformed JSON at byte " + std::to_string(e.byte) + " (" + plain_message(e) + ")");
    } catch (const json::exception& e) {  // out_of_range: a number too large for any field
        refuse_json(tracker.path(), "a number is out of range (" + plain_message(e) + ")");
    }
}

} // namespace

void parse_json_stream_strictly(std::istream& in, const std::string& path, const json::parser_callback_t& filter) {
    CheckedInput checked(in, path);
    std::istream input(&checked);
    parse_with(input, path, filter);
    if (checked.source_failed())
        throw Error(Errc::io, path + ": the input could not be read to its end", path);
}

void parse_json_stream_strictly(std::string_view text, const std::string& path, const json::parser_callback_t& filter) {
    check_text(text, path);
    parse_with(text, path, filter);
}

json parse_json_strictly(std::string_view text, const std::string& path) {
    check_text(text, path);
    return parse_with(text, path, [](int, json::parse_event_t, json&) { return true; });
}

} // namespace ropa::detail

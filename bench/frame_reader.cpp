// wire::parse_frame: Boost.JSON's SAX parser keeps only the few fields the
// bench needs, without building a document. Every bench client parses every
// delivery, so this is the bench's hottest code after the socket reads.
#include <boost/json/basic_parser_impl.hpp>

#include "bench_text.hpp"
#include "wire.hpp"

namespace parley::bench::wire {

namespace json = boost::json;
using json::error_code;
using json::string_view;

namespace {

enum class Key { other, type, id, code, message, user, from, text };

Key key_of(std::string_view name) {
    static constexpr std::pair<std::string_view, Key> names[] = {
        {"type", Key::type}, {"id", Key::id},     {"code", Key::code}, {"message", Key::message},
        {"user", Key::user}, {"from", Key::from}, {"text", Key::text}};
    for (const auto& [known, key] : names) {
        if (name == known) return key;
    }
    return Key::other;
}

void read_bench_text(std::string_view text, Frame& frame) {
    if (auto parsed = parse_bench_text(text)) {
        frame.seq = parsed->seq;
        frame.sent_ns = parsed->sent_ns;
        frame.sender = parsed->sender;
    }
}

// Depth 1 is the frame object; depth 2 the object under its "message" or
// "user" key. Anything deeper (attachments, member lists) is skipped.
class FrameHandler {
public:
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

    Frame frame;

    bool on_document_begin(error_code&) {
        frame = Frame{};
        depth_ = 0;
        top_ = inner_ = container_ = Key::other;
        type_.clear();
        code_.clear();
        message_.clear();
        return true;
    }
    bool on_document_end(error_code&) {
        finish();
        return true;
    }
    bool on_array_begin(error_code&) {
        ++depth_;
        return true;
    }
    bool on_array_end(std::size_t, error_code&) {
        --depth_;
        return true;
    }
    bool on_object_begin(error_code&) {
        if (++depth_ == 2) container_ = top_;
        return true;
    }
    bool on_object_end(std::size_t, error_code&) {
        if (depth_-- == 2) container_ = Key::other;
        return true;
    }
    bool on_key_part(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(string_view part, std::size_t, error_code&) {
        key_.append(part.data(), part.size());
        (depth_ == 1 ? top_ : inner_) = key_of(key_);
        key_.clear();
        return true;
    }
    bool on_string_part(string_view part, std::size_t, error_code&) {
        value_.append(part.data(), part.size());
        return true;
    }
    bool on_string(string_view part, std::size_t, error_code&) {
        value_.append(part.data(), part.size());
        take_string();
        value_.clear();
        return true;
    }
    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t number, string_view, error_code&) {
        take_integer(number);
        return true;
    }
    bool on_uint64(std::uint64_t number, string_view, error_code&) {
        take_integer(static_cast<std::int64_t>(number));
        return true;
    }
    bool on_double(double, string_view, error_code&) { return true; }
    bool on_bool(bool, error_code&) { return true; }
    bool on_null(error_code&) { return true; }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    void take_string() {
        if (depth_ == 1 && top_ == Key::type) type_ = value_;
        if (depth_ == 1 && top_ == Key::code) code_ = value_;
        if (depth_ == 1 && top_ == Key::message) message_ = value_;  // an error's sentence
        if (depth_ == 2 && container_ == Key::message && inner_ == Key::text) {
            read_bench_text(value_, frame);
        }
    }

    void take_integer(std::int64_t number) {
        if (depth_ == 1 && top_ == Key::id) frame.id = number;
        if (depth_ == 2 && container_ == Key::message && inner_ == Key::from)
            frame.user_id = number;
        if (depth_ == 2 && container_ == Key::user && inner_ == Key::id) frame.user_id = number;
    }

    void finish() {
        if (type_ == "message") frame.type = FrameType::message;
        if (type_ == "ok") frame.type = FrameType::ok;
        if (type_ == "ready") frame.type = FrameType::ready;
        if (type_ == "error") {
            frame.type = FrameType::error;
            frame.error = code_ + ": " + message_;
        }
    }

    int depth_ = 0;
    Key top_ = Key::other;        // the current key at depth 1
    Key inner_ = Key::other;      // the current key at depth 2
    Key container_ = Key::other;  // the depth-1 key whose object we are in
    std::string key_;
    std::string value_;
    std::string type_;
    std::string code_;
    std::string message_;
};

}  // namespace

Frame parse_frame(std::string_view text) {
    // One parser per thread: it keeps its buffers from one frame to the next.
    thread_local json::basic_parser<FrameHandler> parser{json::parse_options{}};
    parser.reset();
    error_code error;
    parser.write_some(false, text.data(), text.size(), error);
    if (error) {
        Frame frame;
        frame.error = "not JSON (" + error.message() + "): " + std::string(text.substr(0, 200));
        return frame;
    }
    return std::move(parser.handler().frame);
}

}  // namespace parley::bench::wire

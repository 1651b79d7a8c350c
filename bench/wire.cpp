#include "wire.hpp"

#include <boost/json.hpp>

#include "bench_text.hpp"

namespace parley::bench::wire {

namespace json = boost::json;

namespace {

std::int64_t int_or(const json::object& object, std::string_view key, std::int64_t fallback) {
    const json::value* found = object.if_contains(key);
    return found != nullptr && found->is_int64() ? found->get_int64() : fallback;
}

std::string_view string_or_empty(const json::object& object, std::string_view key) {
    const json::value* found = object.if_contains(key);
    return found != nullptr && found->is_string() ? std::string_view(found->get_string())
                                                  : std::string_view{};
}

}  // namespace

std::string register_body(std::string_view username, std::string_view password) {
    return json::serialize(json::object{{"username", username}, {"password", password}});
}

std::optional<Registered> parse_registered(std::string_view body) {
    boost::system::error_code error;
    json::value value = json::parse(body, error);
    if (error || !value.is_object()) return std::nullopt;
    const json::object& object = value.get_object();
    const json::value* user = object.if_contains("user");
    std::string_view token = string_or_empty(object, "token");
    if (token.empty() || user == nullptr || !user->is_object()) return std::nullopt;
    std::int64_t id = int_or(user->get_object(), "id", -1);
    if (id < 0) return std::nullopt;
    return Registered{std::string(token), id};
}

std::string auth_frame(std::string_view token) {
    return json::serialize(json::object{{"type", "auth"}, {"token", token}});
}

std::string send_frame(std::string_view room, std::int64_t seq, std::int64_t sent_ns,
                       std::int64_t sender, std::size_t text_bytes) {
    return json::serialize(json::object{{"type", "send"},
                                        {"room", room},
                                        {"text", bench_text(seq, sent_ns, sender, text_bytes)},
                                        {"id", seq}});
}

std::string join_frame(std::string_view room, std::int64_t id) {
    return json::serialize(json::object{{"type", "join"}, {"room", room}, {"id", id}});
}

std::string history_frame(std::string_view room, std::int64_t id, std::int64_t before,
                          std::size_t limit) {
    json::object frame{{"type", "history"}, {"room", room}, {"id", id}, {"limit", limit}};
    if (before > 0) frame["before"] = before;
    return json::serialize(frame);
}

// A DOM parse: pages are read one at a time, so their cost is not the bench's
// bottleneck the way every fanout delivery is (frame_reader.cpp).
std::optional<HistoryPage> parse_history_page(std::string_view text) {
    boost::system::error_code error;
    json::value value = json::parse(text, error);
    if (error || !value.is_object()) return std::nullopt;
    const json::object& frame = value.get_object();
    const json::value* messages = frame.if_contains("messages");
    if (string_or_empty(frame, "type") != "ok" || messages == nullptr || !messages->is_array()) {
        return std::nullopt;
    }
    HistoryPage page;
    page.id = int_or(frame, "id", -1);
    for (const json::value& message : messages->get_array()) {
        if (!message.is_object()) return std::nullopt;
        PagedMessage paged;
        paged.id = int_or(message.get_object(), "id", 0);
        if (auto parsed = parse_bench_text(string_or_empty(message.get_object(), "text"))) {
            paged.seq = parsed->seq;
            paged.sender = parsed->sender;
        }
        page.messages.push_back(paged);
    }
    return page;
}

}  // namespace parley::bench::wire

#include "wire.hpp"

#include <algorithm>
#include <boost/json.hpp>

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
                       std::size_t text_bytes) {
    std::string text = std::to_string(seq) + ' ' + std::to_string(sent_ns) + ' ';
    text.resize(std::max(text.size() + 1, text_bytes), 'x');
    return json::serialize(
        json::object{{"type", "send"}, {"room", room}, {"text", text}, {"id", seq}});
}

}  // namespace parley::bench::wire

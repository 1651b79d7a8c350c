#include "proto/json/model_json.hpp"

#include <boost/json.hpp>

namespace parley::proto {

namespace json = boost::json;
using core::Errc;
using core::Error;

json::object user_json(const core::User& user) {
    json::object out;
    out["id"] = user.id;
    out["username"] = user.username;
    out["display_name"] = user.display_name;
    out["first_name"] = user.first_name;
    out["last_name"] = user.last_name;
    out["avatar_url"] = user.avatar_url ? json::value(*user.avatar_url) : json::value(nullptr);
    out["role"] = user.role == core::Role::admin ? "admin" : "member";
    out["online"] = user.online;
    if (user.guest) out["guest"] = true;  // an IRC guest, without an account
    return out;
}

json::object message_json(const core::Message& message) {
    json::object out;
    out["id"] = message.id;
    out["room"] = message.room ? json::value(*message.room) : json::value(nullptr);
    out["from"] = message.from;
    out["to"] = message.to ? json::value(*message.to) : json::value(nullptr);
    out["text"] = message.text;
    out["ts"] = message.ts;
    json::array attachments;
    for (const auto& file : message.attachments) {
        attachments.push_back(attachment_json(file));
    }
    out["attachments"] = std::move(attachments);
    return out;
}

json::object attachment_json(const core::Attachment& file) {
    return json::object{{"id", file.id},
                        {"name", file.name},
                        {"size", file.size},
                        {"content_type", file.content_type},
                        {"url", file.url}};
}

json::object room_json(const core::Room& room) {
    const core::RoomModes& m = room.modes;
    json::object out{{"name", room.name},
                     {"topic", room.topic},
                     {"topic_by", room.topic_by},
                     {"topic_at", room.topic_at},
                     {"topic_locked", m.topic_locked},
                     {"moderated", m.moderated},
                     {"secret", m.secret},
                     {"invite_only", m.invite_only},
                     {"limit", m.limit}};
    if (!m.key.empty()) out["key"] = m.key;  // only members are shown the key
    return out;
}

std::string_view room_role_name(core::RoomRole role) {
    switch (role) {
        case core::RoomRole::op: return "op";
        case core::RoomRole::voice: return "voice";
        case core::RoomRole::member: return "member";
    }
    return "member";
}

std::optional<core::RoomRole> parse_room_role(std::string_view name) {
    if (name == "op") return core::RoomRole::op;
    if (name == "voice") return core::RoomRole::voice;
    if (name == "member") return core::RoomRole::member;
    return std::nullopt;
}

json::array users_json(const std::vector<core::User>& users) {
    json::array out;
    out.reserve(users.size());
    for (const auto& user : users) out.push_back(user_json(user));
    return out;
}

json::array messages_json(const std::vector<core::Message>& messages) {
    json::array out;
    out.reserve(messages.size());
    for (const auto& message : messages) out.push_back(message_json(message));
    return out;
}

json::object error_json(const Error& error) {
    return json::object{{"code", core::code_name(error.code)}, {"message", error.message}};
}

namespace {
Error wrong_type(std::string_view key, const char* expected) {
    return Error{Errc::bad_request,
                 "The field \"" + std::string(key) + "\" must be " + expected + "."};
}
}  // namespace

core::Result<std::optional<std::string>> optional_string(const json::object& object,
                                                         std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return std::optional<std::string>{};
    if (!value->is_string()) return wrong_type(key, "a string");
    return std::optional<std::string>{std::string(value->get_string())};
}

core::Result<std::optional<std::int64_t>> optional_int(const json::object& object,
                                                       std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return std::optional<std::int64_t>{};
    if (value->is_int64()) return std::optional<std::int64_t>{value->get_int64()};
    if (value->is_uint64() && value->get_uint64() <= INT64_MAX) {
        return std::optional<std::int64_t>{static_cast<std::int64_t>(value->get_uint64())};
    }
    return wrong_type(key, "an integer");
}

core::Result<std::optional<bool>> optional_bool(const json::object& object,
                                                std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return std::optional<bool>{};
    if (value->is_bool()) return std::optional<bool>{value->get_bool()};
    return wrong_type(key, "true or false");
}

core::Result<std::string> required_string(const json::object& object, std::string_view key) {
    auto value = optional_string(object, key);
    if (!value) return value.error();
    if (!*value) {
        return Error{Errc::empty_field, "The field \"" + std::string(key) + "\" is missing."};
    }
    return std::move(**value);
}

core::Result<std::int64_t> required_int(const json::object& object, std::string_view key) {
    auto value = optional_int(object, key);
    if (!value) return value.error();
    if (!*value) {
        return Error{Errc::bad_request, "The field \"" + std::string(key) + "\" is missing."};
    }
    return **value;
}

core::Result<json::object> parse_object(std::string_view text) {
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    if (ec) return Error{Errc::bad_request, "The body is not valid JSON."};
    if (!value.is_object()) return Error{Errc::bad_request, "The body must be a JSON object."};
    return std::move(value.get_object());
}

}  // namespace parley::proto

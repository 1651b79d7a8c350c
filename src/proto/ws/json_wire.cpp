#include "proto/ws/json_wire.hpp"

#include <boost/json.hpp>

#include "proto/json/model_json.hpp"

namespace parley::proto::ws {

namespace json = boost::json;
namespace event = core::event;
namespace answer = core::answer;

namespace {

json::object encode(const event::MessagePosted& e) {
    return {{"type", "message"}, {"message", message_json(e.message)}};
}
json::object encode(const event::Joined& e) {
    return {{"type", "joined"}, {"room", e.room}, {"user", user_json(e.user)}};
}
json::object encode(const event::Left& e) {
    json::object out{{"type", "left"}, {"room", e.room}, {"user_id", e.user}};
    if (e.reason) out["reason"] = *e.reason;
    if (e.by) out["by"] = *e.by;
    return out;
}
json::object encode(const event::Typing& e) {
    return {{"type", "typing"}, {"room", e.room}, {"user_id", e.user}};
}
json::object encode(const event::Kicked& e) {
    return {{"type", "kicked"}, {"room", e.room}, {"by", e.by}, {"reason", e.reason},
            {"banned", e.banned}};
}
json::object encode(const event::Banned& e) { return {{"type", "banned"}, {"reason", e.reason}}; }
json::object encode(const event::Presence& e) {
    return {{"type", "presence"}, {"user", user_json(e.user)}, {"online", e.online}};
}
json::object encode(const event::Invited& e) {
    return {{"type", "invited"}, {"room", e.room}, {"by", e.by}, {"user_id", e.user}};
}
json::object encode(const event::InviteNotice& e) {
    return {{"type", "invited"}, {"room", e.room}, {"by", e.by}, {"user_id", e.user}};
}
json::object encode(const event::RoomChanged& e) {
    return {{"type", "room"}, {"room", room_json(e.room)}, {"by", e.by}, {"by_id", e.by_id}};
}
json::object encode(const event::RoleChanged& e) {
    return {{"type", "room_role"}, {"room", e.room}, {"user_id", e.user.id},
            {"role", room_role_name(e.role)}, {"by", e.by}, {"by_id", e.by_id}};
}
json::object encode(const event::Watched& e) {
    return {{"type", "watched"}, {"user", user_json(e.user)}, {"online", e.online}};
}
json::object encode(const event::UserChanged& e) {
    return {{"type", "user"}, {"user", user_json(e.user)}};
}

void fill(json::object&, const answer::Done&) {}
void fill(json::object& out, const answer::Ready& a) {
    out["type"] = "ready";
    out["user"] = user_json(a.user);
    json::array rooms;
    for (const auto& room : a.rooms) rooms.push_back(json::value(room));
    out["rooms"] = std::move(rooms);
    out["online"] = users_json(a.online);
    json::array blocked;
    for (auto id : a.blocked) blocked.push_back(id);
    out["blocked"] = std::move(blocked);
}
void fill(json::object& out, const answer::Joined& a) {
    out["room"] = room_json(a.room);
    out["members"] = users_json(a.members);
    json::object roles;
    for (const auto& [user, role] : a.roles) roles[std::to_string(user)] = room_role_name(role);
    out["roles"] = std::move(roles);
    if (!a.bans.empty()) out["bans"] = users_json(a.bans);
    out["history"] = messages_json(a.history);
}
void fill(json::object& out, const answer::Posted& a) { out["message"] = message_json(a.message); }
void fill(json::object& out, const answer::History& a) {
    out["messages"] = messages_json(a.messages);
}
void fill(json::object& out, const answer::Rooms& a) {
    json::array rooms;
    for (const auto& summary : a.rooms) {
        auto room = room_json(summary.room);
        room["members"] = summary.members;
        rooms.push_back(std::move(room));
    }
    out["rooms"] = std::move(rooms);
}
void fill(json::object& out, const answer::Profile& a) {
    out["user"] = user_json(a.user);
    json::array rooms;
    for (const auto& room : a.rooms) rooms.push_back(json::value(room));
    out["rooms"] = std::move(rooms);
}
void fill(json::object& out, const answer::Monitored& a) {
    out["online"] = users_json(a.online);
    json::array offline;
    for (const auto& name : a.offline) offline.push_back(json::value(name));
    out["offline"] = std::move(offline);
}
void fill(json::object& out, const answer::Stats& a) {
    out["accounts"] = a.accounts;
    out["online"] = a.online;
    out["admins_online"] = a.admins_online;
    out["connections"] = a.connections;
    out["rooms"] = a.rooms;
}
void fill(json::object& out, const answer::Conversations& a) {
    json::array conversations;
    for (const auto& c : a.conversations) {
        conversations.push_back(json::object{{"user", user_json(c.user)},
                                             {"last_message", message_json(c.last_message)}});
    }
    out["conversations"] = std::move(conversations);
}

// Puts the client's id back exactly as it was sent.
void echo_tag(json::object& out, std::string_view tag) {
    if (tag.empty()) return;
    boost::system::error_code ec;
    json::value id = json::parse(tag, ec);
    if (!ec) out["id"] = std::move(id);
}

}  // namespace

std::string JsonWire::farewell(core::CloseReason /*reason*/) const {
    return {};  // the close code and reason say it all
}

std::string JsonWire::event(const core::Event& event, unsigned /*variant*/) const {
    return json::serialize(std::visit([](const auto& e) { return encode(e); }, event));
}

std::string JsonWire::answer(std::string_view tag, const core::Answer& answer) const {
    json::object out{{"type", "ok"}};
    echo_tag(out, tag);
    std::visit([&](const auto& a) { fill(out, a); }, answer);
    return json::serialize(out);
}

std::string JsonWire::error(std::string_view tag, const core::Error& error) const {
    json::object out{{"type", "error"}};
    echo_tag(out, tag);
    out["code"] = core::code_name(error.code);
    out["message"] = error.message;
    return json::serialize(out);
}

int JsonWire::close_code(core::CloseReason reason) const {
    switch (reason) {
        case core::CloseReason::banned: return 4003;
        case core::CloseReason::session_ended: return 4001;
    }
    return 4001;
}

}  // namespace parley::proto::ws

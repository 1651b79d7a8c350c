// Room settings: topic, modes, and who operates or may speak in a room.
#include "core/hub.hpp"
#include "core/validation.hpp"

namespace parley::core {

namespace {

bool has_control_characters(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

Status validate_topic(std::string_view topic) {
    if (topic.size() > max_topic_bytes || has_control_characters(topic)) {
        return Error{Errc::invalid_field, "A topic has at most 390 bytes, on one line."};
    }
    return success();
}

Status validate_key(const std::string& key) {
    if (key.size() > max_room_key_bytes) {
        return Error{Errc::invalid_field, "A room key has at most 23 bytes."};
    }
    for (unsigned char c : key) {
        // IRC carries the key as one parameter: no spaces, commas or controls.
        if (c <= 0x20 || c == ',' || c == 0x7f) {
            return Error{Errc::invalid_field, "A room key has no spaces, commas or controls."};
        }
    }
    return success();
}

}  // namespace

Outcome Hub::on(Caller caller, const cmd::SetTopic& c, TimeMs now) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    if (auto valid = validate_topic(c.topic); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    if (!room->members.contains(caller.state.user.id) && !caller.admin) return Errc::not_member;
    if (room->room.modes.topic_locked && !operates(*room, caller)) {
        return Error{Errc::forbidden, "Only the operators of #" + c.room + " can set its topic."};
    }
    Room next = room->room;
    next.topic = c.topic;
    next.topic_by = caller.state.user.username;
    next.topic_at = now;
    return change_room(*room, caller, std::move(next));
}

Outcome Hub::on(Caller caller, const cmd::SetRoomModes& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    if (!operates(*room, caller)) {
        return Error{Errc::forbidden, "Only the operators of #" + c.room + " can change it."};
    }
    if (c.key) {
        if (auto valid = validate_key(*c.key); !valid) return valid.error();
    }
    if (c.limit && (*c.limit < 0 || *c.limit > 100000)) {
        return Error{Errc::invalid_field, "A member limit is a number from 1 to 100000."};
    }
    RoomModes modes = room->room.modes;
    if (c.topic_locked) modes.topic_locked = *c.topic_locked;
    if (c.moderated) modes.moderated = *c.moderated;
    if (c.secret) modes.secret = *c.secret;
    if (c.invite_only) modes.invite_only = *c.invite_only;
    if (c.key) modes.key = *c.key;
    if (c.limit) modes.limit = *c.limit;
    if (modes == room->room.modes) return Outcome{Answer{answer::Done{}}};  // nothing to tell
    Room next = room->room;
    next.modes = std::move(modes);
    return change_room(*room, caller, std::move(next));
}

Outcome Hub::change_room(RoomState& room, const Caller& caller, Room next) {
    // Every member hears the change, the changer's connections too; the event
    // keeps what was before so each protocol can say what changed.
    event::RoomChanged changed{next, room.room.topic, room.room.modes, caller.state.user.username,
                               caller.state.user.id};
    room.room = std::move(next);
    Outcome outcome{Answer{answer::Done{}}};
    outcome.effects.persist.push_back(op::SaveRoom{room.room});
    outcome.effects.deliver(std::move(changed), room_audience(room, std::nullopt, 0));
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::SetRoomRole& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    if (!operates(*room, caller)) {
        return Error{Errc::forbidden, "Only the operators of #" + c.room + " can do that."};
    }
    auto* member = target(c.user, c.user_name);
    if (member == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId user = member->user.id;
    if (!room->members.contains(user)) {
        return Error{Errc::not_member, "That user is not in #" + c.room + "."};
    }
    if (member->user.role == Role::admin && c.role != RoomRole::op &&
        c.change != cmd::SetRoomRole::Change::grant) {
        return Error{Errc::forbidden, "Admins are operators in every room."};
    }
    auto it = room->roles.find(user);
    RoomRole old_role = it == room->roles.end() ? RoomRole::member : it->second;
    RoomRole new_role = c.role;
    using Change = cmd::SetRoomRole::Change;
    if (c.change == Change::grant && old_role == RoomRole::op) new_role = RoomRole::op;
    if (c.change == Change::revoke) new_role = old_role == c.role ? RoomRole::member : old_role;
    Outcome outcome{Answer{answer::Done{}}};
    if (old_role == new_role) return outcome;
    if (new_role == RoomRole::member) {
        room->roles.erase(user);
    } else {
        room->roles[user] = new_role;
    }
    outcome.effects.persist.push_back(op::SetRoomRole{c.room, user, new_role});
    outcome.effects.deliver(
        event::RoleChanged{c.room, view(*member), new_role, old_role, caller.state.user.username,
                           caller.state.user.id},
        room_audience(*room, std::nullopt, 0));
    return outcome;
}

}  // namespace parley::core

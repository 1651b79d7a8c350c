// Room commands: join, leave, send, typing, history.
#include <algorithm>

#include "core/hub.hpp"
#include "core/validation.hpp"

namespace parley::core {

Outcome Hub::on(Caller caller, const cmd::Join& c, TimeMs now) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    UserId user = caller.state.user.id;
    Effects effects;
    auto* room = find_room(c.room);
    if (room != nullptr && room->bans.contains(user)) {
        return Error{Errc::banned, "You are banned from #" + c.room + "."};
    }
    if (room == nullptr) {
        room = &rooms_[c.room];
        room->room = Room{c.room, ""};
        effects.persist.push_back(op::EnsureRoom{c.room, now});
        // Whoever opens a room looks after it, as on IRC.
        room->roles[user] = RoomRole::op;
        effects.persist.push_back(op::SetRoomRole{c.room, user, RoomRole::op});
    }
    if (!room->members.contains(user)) {
        // Admins and invited users pass a room's key and limit, so no room can
        // lock them out.
        const RoomModes& modes = room->room.modes;
        bool waved_in = caller.admin || room->invited.contains(user);
        if (!waved_in && modes.invite_only) {
            return Error{Errc::invite_only, "#" + c.room + " is open to invited people only."};
        }
        if (!waved_in && !modes.key.empty() && c.key != modes.key) {
            return Error{Errc::wrong_key, "#" + c.room + " needs the right key to join."};
        }
        if (!waved_in && modes.limit > 0 &&
            room->members.size() >= static_cast<std::size_t>(modes.limit)) {
            return Error{Errc::room_full, "#" + c.room + " is full."};
        }
        room->invited.erase(user);
        room->members.insert(user);
        effects.persist.push_back(op::AddMember{c.room, user});
        effects.deliver(event::Joined{c.room, view(caller.state)},
                        room_audience(*room, user, caller.conn));
    }
    Outcome outcome{Answer{member_list(*room)}};
    outcome.effects = std::move(effects);
    outcome.read = HistoryQuery{c.room, std::nullopt, std::nullopt, join_history_limit, user};
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::Members& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr || !visible(*room, caller.state.user.id)) {
        return Error{Errc::not_found, "There is no room #" + c.room + "."};
    }
    answer::Joined members = member_list(*room);
    if (!room->members.contains(caller.state.user.id)) members.room.modes.key.clear();
    if (operates(*room, caller)) {
        for (UserId banned : room->bans) {
            if (const auto* state = live_user(banned)) members.bans.push_back(view(*state));
        }
        std::sort(members.bans.begin(), members.bans.end(),
                  [](const User& a, const User& b) { return a.id < b.id; });
    }
    return Outcome{Answer{std::move(members)}};
}

Outcome Hub::on(Caller caller, const cmd::Invite& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    if (!room->members.contains(caller.state.user.id)) return Errc::not_member;
    auto* invited = target(c.user, c.user_name);
    if (invited == nullptr) return Error{Errc::not_found, "There is no such user."};
    if (room->members.contains(invited->user.id)) {
        return Error{Errc::bad_request, "That user is already in #" + c.room + "."};
    }
    Outcome outcome{Answer{answer::Done{}}};
    room->invited.insert(invited->user.id);
    if (!invited->blocks.contains(caller.state.user.id)) {  // a block silences invitations too
        outcome.effects.deliver(event::Invited{c.room, caller.state.user.id, invited->user.id},
                                user_audience(*invited, 0));
    }
    // The room hears of it either way (IRC invite-notify), so a block stays invisible.
    outcome.effects.deliver(event::InviteNotice{c.room, caller.state.user.id, invited->user.id},
                            room_audience(*room, std::nullopt, caller.conn));
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::ListRooms& /*c*/, TimeMs /*now*/) {
    return Outcome{Answer{answer::Rooms{rooms(caller.state.user.id)}}};
}

Outcome Hub::on(Caller caller, const cmd::Leave& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    if (!room->members.contains(caller.state.user.id)) return Errc::not_member;
    Outcome outcome{Answer{answer::Done{}}};
    outcome.effects = remove_from_room(*room, caller.state.user.id, caller.conn);
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::Send& c, TimeMs now) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    if (auto valid = check_content(c.text, c.attachments, caller.state.user.id); !valid) {
        return valid.error();
    }
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    UserId user = caller.state.user.id;
    if (!room->members.contains(user)) return Errc::not_member;
    if (room->room.modes.moderated && role_in(*room, caller.state) == RoomRole::member &&
        !caller.admin) {
        return Error{Errc::moderated, "Only operators and voiced members can speak in #" +
                                          c.room + " now."};
    }
    auto message = new_message(caller.state, c.text, now);
    if (!message) return message.error();
    message->room = c.room;
    message->attachments = attachments_of(c.attachments);
    return posted(std::move(message.value()), room_audience(*room, user, caller.conn));
}

Outcome Hub::on(Caller caller, const cmd::Typing& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    UserId user = caller.state.user.id;
    if (!room->members.contains(user)) return Errc::not_member;
    Outcome outcome{Answer{answer::Done{}}};
    outcome.effects.deliver(event::Typing{c.room, user}, room_audience(*room, user, caller.conn));
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::History& c, TimeMs /*now*/) {
    UserId viewer = caller.state.user.id;
    bool with_user = c.with.has_value() || !c.with_name.empty();
    if (c.room.has_value() == with_user) {
        return Error{Errc::bad_request, "Ask for the history of either a room or a user."};
    }
    if (c.room) {
        auto query = room_history(viewer, *c.room, c.before, c.limit, c.after);
        if (!query) return query.error();
        query->before_ts = c.before_ts;
        query->after_ts = c.after_ts;
        Outcome outcome{Answer{answer::History{}}};
        outcome.read = std::move(query.value());
        return outcome;
    }
    auto* other = target(c.with.value_or(0), c.with_name);
    if (other == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId with = other->user.id;
    Outcome outcome{Answer{answer::History{}}};
    outcome.read = HistoryQuery{std::nullopt, std::pair{std::min(viewer, with), std::max(viewer, with)},
                                c.before, std::clamp(c.limit, 1, max_history_limit), viewer,
                                c.after, c.before_ts, c.after_ts};
    return outcome;
}

Result<HistoryQuery> Hub::room_history(UserId viewer, std::string_view room_name,
                                       std::optional<MessageId> before, int limit,
                                       std::optional<MessageId> after) const {
    if (auto valid = validate_room_name(room_name); !valid) return valid.error();
    auto it = rooms_.find(room_name);
    if (it == rooms_.end() || !visible(it->second, viewer)) {
        return Error{Errc::not_found, "There is no room #" + std::string(room_name) + "."};
    }
    if (it->second.bans.contains(viewer)) {
        return Error{Errc::banned, "You are banned from #" + std::string(room_name) + "."};
    }
    return HistoryQuery{std::string(room_name), std::nullopt, before,
                        std::clamp(limit, 1, max_history_limit), viewer, after};
}

}  // namespace parley::core

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
    }
    if (!room->members.contains(user)) {
        room->members.insert(user);
        effects.persist.push_back(op::AddMember{c.room, user});
        effects.deliver(event::Joined{c.room, view(caller.state)},
                        room_audience(*room, user, caller.conn));
    }
    answer::Joined joined{room->room, {}, {}};
    for (UserId member : room->members) {
        if (const auto* state = live_user(member)) joined.members.push_back(view(*state));
    }
    Outcome outcome{Answer{std::move(joined)}};
    outcome.effects = std::move(effects);
    outcome.read = HistoryQuery{c.room, std::nullopt, std::nullopt, join_history_limit, user};
    return outcome;
}

Outcome Hub::on(Caller /*caller*/, const cmd::Members& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    answer::Joined members{room->room, {}, {}};
    for (UserId member : room->members) {
        if (const auto* state = live_user(member)) members.members.push_back(view(*state));
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
    if (!invited->blocks.contains(caller.state.user.id)) {  // a block silences invitations too
        outcome.effects.deliver(event::Invited{c.room, caller.state.user.id, invited->user.id},
                                user_audience(*invited, 0));
    }
    return outcome;
}

Outcome Hub::on(Caller /*caller*/, const cmd::ListRooms& /*c*/, TimeMs /*now*/) {
    return Outcome{Answer{answer::Rooms{rooms()}}};
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
                                c.after};
    return outcome;
}

Result<HistoryQuery> Hub::room_history(UserId viewer, std::string_view room_name,
                                       std::optional<MessageId> before, int limit,
                                       std::optional<MessageId> after) const {
    if (auto valid = validate_room_name(room_name); !valid) return valid.error();
    auto it = rooms_.find(room_name);
    if (it == rooms_.end()) {
        return Error{Errc::not_found, "There is no room #" + std::string(room_name) + "."};
    }
    if (it->second.bans.contains(viewer)) {
        return Error{Errc::banned, "You are banned from #" + std::string(room_name) + "."};
    }
    return HistoryQuery{std::string(room_name), std::nullopt, before,
                        std::clamp(limit, 1, max_history_limit), viewer, after};
}

}  // namespace parley::core

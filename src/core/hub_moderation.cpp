// Admin commands: kick, ban, unban. The role check happened in Hub::handle.
#include "core/hub.hpp"
#include "core/validation.hpp"

namespace parley::core {

namespace {
std::string or_default(const std::string& reason, const char* fallback) {
    return reason.empty() ? fallback : reason;
}
}  // namespace

Outcome Hub::on(Caller caller, const cmd::Kick& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    auto* target = live_user(c.user);
    if (target == nullptr) return Error{Errc::not_found, "There is no such user."};
    if (!room->members.contains(c.user)) {
        return Error{Errc::not_member, "That user is not in #" + c.room + "."};
    }
    Outcome outcome{Answer{answer::Done{}}};
    outcome.effects.deliver(
        event::Kicked{c.room, caller.state.user.id, or_default(c.reason, "Kicked"), false},
        user_audience(*target, 0));
    outcome.effects.append(remove_from_room(*room, c.user, caller.conn, "kicked"));
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::Ban& c, TimeMs /*now*/) {
    auto* target = live_user(c.user);
    if (target == nullptr) return Error{Errc::not_found, "There is no such user."};
    if (c.user == caller.state.user.id) return Error{Errc::bad_request, "You can't ban yourself."};
    Outcome outcome{Answer{answer::Done{}}};
    if (!c.room) {
        // Sessions stay in the store, refused while the ban lasts, so a banned
        // token is told "banned" (4003); unbanning revokes them for good.
        outcome.effects.persist.push_back(op::SetBanned{c.user, true});
        outcome.effects.append(user_banned(c.user, or_default(c.reason, "Banned")));
        return outcome;
    }
    if (auto valid = validate_room_name(*c.room); !valid) return valid.error();
    auto* room = find_room(*c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + *c.room + "."};
    if (room->bans.insert(c.user).second) {
        outcome.effects.persist.push_back(op::AddRoomBan{*c.room, c.user});
    }
    if (room->members.contains(c.user)) {
        outcome.effects.deliver(
            event::Kicked{*c.room, caller.state.user.id, or_default(c.reason, "Banned"), true},
            user_audience(*target, 0));
        outcome.effects.append(remove_from_room(*room, c.user, caller.conn, "kicked"));
    }
    return outcome;
}

Outcome Hub::on(Caller /*caller*/, const cmd::Unban& c, TimeMs /*now*/) {
    auto it = users_.find(c.user);
    if (it == users_.end() || it->second.user.deleted) {
        return Error{Errc::not_found, "There is no such user."};
    }
    Outcome outcome{Answer{answer::Done{}}};
    if (!c.room) {
        // Written even when the Hub thinks the user isn't banned: `parleyd user
        // ban` may have banned them behind the running server's back.
        outcome.effects.persist.push_back(op::SetBanned{c.user, false});
        if (it->second.user.banned) {
            it->second.user.banned = false;
            outcome.effects.persist.push_back(op::RevokeSessions{c.user});
        }
        return outcome;
    }
    auto* room = find_room(*c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + *c.room + "."};
    if (room->bans.erase(c.user) > 0) {
        outcome.effects.persist.push_back(op::RemoveRoomBan{*c.room, c.user});
    }
    return outcome;
}

}  // namespace parley::core

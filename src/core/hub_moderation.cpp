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
    auto* kicked = target(c.user, c.user_name);
    if (kicked == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId user = kicked->user.id;
    if (!room->members.contains(user)) {
        return Error{Errc::not_member, "That user is not in #" + c.room + "."};
    }
    Outcome outcome{Answer{answer::Done{}}};
    outcome.effects.deliver(
        event::Kicked{c.room, caller.state.user.id, or_default(c.reason, "Kicked"), false, user},
        user_audience(*kicked, 0));
    outcome.effects.append(remove_from_room(*room, user, caller.conn, caller.state.user.id));
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::Ban& c, TimeMs /*now*/) {
    auto* banned = target(c.user, c.user_name);
    if (banned == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId user = banned->user.id;
    if (user == caller.state.user.id) return Error{Errc::bad_request, "You can't ban yourself."};
    Outcome outcome{Answer{answer::Done{}}};
    if (!c.room) {
        // Sessions stay in the store, refused while the ban lasts, so a banned
        // token is told "banned" (4003); unbanning revokes them for good.
        outcome.effects.persist.push_back(op::SetBanned{user, true});
        outcome.effects.append(user_banned(user, or_default(c.reason, "Banned")));
        return outcome;
    }
    if (auto valid = validate_room_name(*c.room); !valid) return valid.error();
    auto* room = find_room(*c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + *c.room + "."};
    if (room->bans.insert(user).second) {
        outcome.effects.persist.push_back(op::AddRoomBan{*c.room, user});
    }
    if (room->members.contains(user)) {
        outcome.effects.deliver(
            event::Kicked{*c.room, caller.state.user.id, or_default(c.reason, "Banned"), true,
                          user},
            user_audience(*banned, 0));
        outcome.effects.append(remove_from_room(*room, user, caller.conn, caller.state.user.id));
    }
    return outcome;
}

Outcome Hub::on(Caller /*caller*/, const cmd::Unban& c, TimeMs /*now*/) {
    auto* unbanned = target(c.user, c.user_name);
    if (unbanned == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId user = unbanned->user.id;
    Outcome outcome{Answer{answer::Done{}}};
    if (!c.room) {
        // Written even when the Hub thinks the user isn't banned: `parleyd user
        // ban` may have banned them behind the running server's back.
        outcome.effects.persist.push_back(op::SetBanned{user, false});
        if (unbanned->user.banned) {
            unbanned->user.banned = false;
            outcome.effects.persist.push_back(op::RevokeSessions{user});
        }
        return outcome;
    }
    auto* room = find_room(*c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + *c.room + "."};
    if (room->bans.erase(user) > 0) {
        outcome.effects.persist.push_back(op::RemoveRoomBan{*c.room, user});
    }
    return outcome;
}

}  // namespace parley::core

// Moderation: kick, ban, unban. A room's operators act in their room; only
// admins ban from the whole server, and nobody but an admin moves against one.
#include "core/hub.hpp"
#include "core/validation.hpp"

namespace parley::core {

namespace {
std::string or_default(const std::string& reason, const char* fallback) {
    return reason.empty() ? fallback : reason;
}
}  // namespace

Status Hub::shields_admin(const Caller& caller, const UserState& target) const {
    if (target.user.role == Role::admin && !caller.admin) {
        return Error{Errc::forbidden, "Admins can't be kicked or banned by room operators."};
    }
    return success();
}

Outcome Hub::on(Caller caller, const cmd::Kick& c, TimeMs /*now*/) {
    if (auto valid = validate_room_name(c.room); !valid) return valid.error();
    auto* room = find_room(c.room);
    if (room == nullptr) return Error{Errc::not_found, "There is no room #" + c.room + "."};
    if (!operates(*room, caller)) {
        return Error{Errc::forbidden, "Only the operators of #" + c.room + " can kick."};
    }
    auto* kicked = target(c.user, c.user_name);
    if (kicked == nullptr) return Error{Errc::not_found, "There is no such user."};
    if (auto protected_ = shields_admin(caller, *kicked); !protected_) return protected_.error();
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
    if (!c.room && !caller.admin) return Error{Errc::forbidden, "Only admins can do that."};
    auto* banned = target(c.user, c.user_name);
    if (banned == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId user = banned->user.id;
    if (user == caller.state.user.id) return Error{Errc::bad_request, "You can't ban yourself."};
    if (auto protected_ = shields_admin(caller, *banned); !protected_) return protected_.error();
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
    if (!operates(*room, caller)) {
        return Error{Errc::forbidden, "Only the operators of #" + *c.room + " can ban."};
    }
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

Outcome Hub::on(Caller caller, const cmd::Unban& c, TimeMs /*now*/) {
    if (!c.room && !caller.admin) return Error{Errc::forbidden, "Only admins can do that."};
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
    if (!operates(*room, caller)) {
        return Error{Errc::forbidden, "Only the operators of #" + *c.room + " can unban."};
    }
    if (room->bans.erase(user) > 0) {
        outcome.effects.persist.push_back(op::RemoveRoomBan{*c.room, user});
    }
    return outcome;
}

}  // namespace parley::core

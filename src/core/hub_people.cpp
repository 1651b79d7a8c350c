// Person-to-person commands: direct messages and blocking.
#include <algorithm>

#include "core/hub.hpp"
#include "core/validation.hpp"

namespace parley::core {

Outcome Hub::on(Caller caller, const cmd::SendDm& c, TimeMs now) {
    if (auto valid = check_content(c.text, c.attachments, caller.state.user.id); !valid) {
        return valid.error();
    }
    auto* recipient = target(c.to, c.to_name);
    if (recipient == nullptr) return Error{Errc::not_found, "There is no such user."};
    if (recipient->blocks.contains(caller.state.user.id)) return Errc::blocked;
    auto message = new_message(caller.state, c.text, now);
    if (!message) return message.error();
    message->to = recipient->user.id;
    message->attachments = attachments_of(c.attachments);
    std::vector<ConnId> audience = user_audience(caller.state, caller.conn);
    if (recipient != &caller.state) {
        for (ConnId conn : recipient->conns) audience.push_back(conn);
    }
    return posted(std::move(message.value()), std::move(audience));
}

Outcome Hub::on(Caller caller, const cmd::Conversations& /*c*/, TimeMs /*now*/) {
    Outcome outcome{Answer{answer::Conversations{}}};
    outcome.read = ConversationsQuery{caller.state.user.id, max_history_limit};
    return outcome;
}

Outcome Hub::on(Caller /*caller*/, const cmd::WhoIs& c, TimeMs /*now*/) {
    auto* user = target(c.user, c.user_name);
    if (user == nullptr) return Error{Errc::not_found, "There is no such user."};
    answer::Profile profile{view(*user), {}};
    for (const auto& [name, room] : rooms_) {
        if (room.members.contains(user->user.id)) profile.rooms.push_back(name);
    }
    return Outcome{Answer{std::move(profile)}};
}

Outcome Hub::on(Caller caller, const cmd::SetDisplayName& c, TimeMs /*now*/) {
    if (auto valid = validate_name_field("display_name", c.display_name); !valid) {
        return valid.error();
    }
    caller.state.user.display_name = c.display_name;
    Outcome outcome{Answer{answer::Done{}}};
    outcome.effects.persist.push_back(op::SetDisplayName{caller.state.user.id, c.display_name});
    outcome.effects.deliver(event::UserChanged{view(caller.state)}, everyone(caller.conn));
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::Block& c, TimeMs /*now*/) {
    auto* blocked = target(c.user, c.user_name);
    if (blocked == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId blocker = caller.state.user.id;
    UserId user = blocked->user.id;
    if (user == blocker) return Error{Errc::bad_request, "You can't block yourself."};
    Outcome outcome{Answer{answer::Done{}}};
    if (caller.state.blocks.insert(user).second) {
        outcome.effects.persist.push_back(op::AddBlock{blocker, user});
    }
    return outcome;
}

Outcome Hub::on(Caller caller, const cmd::ListBlocks& /*c*/, TimeMs /*now*/) {
    answer::Monitored list;
    for (UserId id : caller.state.blocks) {
        if (const auto* user = live_user(id)) list.online.push_back(view(*user));
    }
    std::sort(list.online.begin(), list.online.end(),
              [](const User& a, const User& b) { return a.id < b.id; });
    return Outcome{Answer{std::move(list)}};
}

Outcome Hub::on(Caller caller, const cmd::Unblock& c, TimeMs /*now*/) {
    auto* unblocked = target(c.user, c.user_name);
    if (unblocked == nullptr) return Error{Errc::not_found, "There is no such user."};
    UserId user = unblocked->user.id;
    Outcome outcome{Answer{answer::Done{}}};
    if (caller.state.blocks.erase(user) > 0) {
        outcome.effects.persist.push_back(op::RemoveBlock{caller.state.user.id, user});
    }
    return outcome;
}

}  // namespace parley::core

namespace parley::core {

Outcome Hub::on(Caller caller, const cmd::Monitor& c, TimeMs /*now*/) {
    auto& watching = conns_.at(caller.conn).watching;
    using Action = cmd::Monitor::Action;
    answer::Monitored result;
    auto report = [&](const std::string& name) {
        auto it = ids_by_name_.find(name);
        const auto* user = it == ids_by_name_.end() ? nullptr : live_user(it->second);
        if (user != nullptr && !user->conns.empty()) {
            result.online.push_back(view(*user));
        } else {
            result.offline.push_back(user != nullptr ? user->user.username : name);
        }
    };
    if (c.action == Action::add) {
        for (const auto& given : c.names) {
            auto name = lowercase_ascii(given);
            if (std::find(watching.begin(), watching.end(), name) != watching.end()) continue;
            if (watching.size() >= cmd::max_monitored) {
                result.full = true;
                continue;
            }
            watching.push_back(name);
            watchers_[name].insert(caller.conn);
            report(name);
        }
    } else if (c.action == Action::remove || c.action == Action::clear) {
        std::vector<std::string> removed;
        for (const auto& given : c.action == Action::clear ? watching : c.names) {
            removed.push_back(lowercase_ascii(given));
        }
        for (const auto& name : removed) {
            std::erase(watching, name);
            if (auto w = watchers_.find(name); w != watchers_.end()) {
                w->second.erase(caller.conn);
                if (w->second.empty()) watchers_.erase(w);
            }
        }
    } else {
        for (const auto& name : watching) report(name);
    }
    return Outcome{Answer{std::move(result)}};
}

}  // namespace parley::core

#include "core/hub.hpp"

#include <algorithm>

#include "core/validation.hpp"

namespace parley::core {

Hub::Hub(HubOptions options) : options_(options) {}

void Hub::load(const HubSnapshot& snapshot) {
    for (const auto& user : snapshot.users) {
        users_[user.id].user = user;
        if (!user.guest) index_name(user);  // a guest's nick is theirs only while connected
    }
    for (const auto& room : snapshot.rooms) rooms_[room.name].room = room;
    if (!rooms_.contains(general_room)) rooms_[general_room].room = Room{general_room, ""};
    for (const auto& [room, user] : snapshot.memberships) {
        if (auto it = rooms_.find(room); it != rooms_.end()) it->second.members.insert(user);
    }
    for (const auto& [room, user] : snapshot.room_bans) {
        if (auto it = rooms_.find(room); it != rooms_.end()) it->second.bans.insert(user);
    }
    for (const auto& [room, user, role] : snapshot.room_roles) {
        if (auto it = rooms_.find(room); it != rooms_.end() && role != RoomRole::member) {
            it->second.roles[user] = role;
        }
    }
    for (const auto& [blocker, blocked] : snapshot.blocks) {
        if (auto it = users_.find(blocker); it != users_.end()) it->second.blocks.insert(blocked);
    }
    last_message_id_ = snapshot.last_message_id;
    last_message_ts_ = snapshot.last_message_ts;
    for (const auto& file : snapshot.files) files_[file.file.id] = file;
}

Outcome Hub::connect(ConnId conn, const User& user, std::string session, TimeMs /*now*/,
                     OnlineList online) {
    if (user.deleted) return Errc::unauthorized;
    if (user.banned) return Errc::banned;
    auto& state = users_[user.id];
    index_name(user);
    bool was_online = !state.conns.empty();
    state.user = user;  // the store's copy may be newer (e.g. `parleyd user promote`)
    state.conns.push_back(conn);
    conns_[conn] = ConnState{user.id, std::move(session)};

    answer::Ready ready{view(state), {}, {}, {}};
    if (online == OnlineList::include) ready.online = online_users();
    for (const auto& [name, room] : rooms_) {
        if (room.members.contains(user.id)) ready.rooms.push_back(name);
    }
    ready.blocked.assign(state.blocks.begin(), state.blocks.end());
    std::sort(ready.blocked.begin(), ready.blocked.end());

    Outcome outcome{Answer{std::move(ready)}};
    if (!was_online) {
        outcome.effects.deliver(event::Presence{view(state), true}, everyone(conn));
        outcome.effects.deliver(event::Watched{view(state), true}, watchers_of(state.user));
    }
    return outcome;
}

Effects Hub::disconnect(ConnId conn) {
    Effects effects;
    auto it = conns_.find(conn);
    if (it == conns_.end()) return effects;  // already closed by the Hub
    auto user = users_.find(it->second.user);
    for (const auto& name : it->second.watching) {
        if (auto w = watchers_.find(name); w != watchers_.end()) {
            w->second.erase(conn);
            if (w->second.empty()) watchers_.erase(w);
        }
    }
    conns_.erase(it);
    if (user == users_.end()) return effects;
    std::erase(user->second.conns, conn);
    if (user->second.conns.empty() && !user->second.user.deleted) {
        if (user->second.user.guest) effects.append(guest_left(user->second));
        effects.deliver(event::Presence{view(user->second), false}, everyone());
        effects.deliver(event::Watched{view(user->second), false}, watchers_of(user->second.user));
    }
    return effects;
}

Effects Hub::guest_left(UserState& guest) {
    // A guest's visit ends with its last connection: it leaves its rooms and its
    // nick is free again. The row stays so history still names the sender.
    Effects effects;
    UserId id = guest.user.id;
    for (auto& [name, room] : rooms_) {
        if (room.members.contains(id)) effects.append(remove_from_room(room, id, 0));
    }
    auto key = lowercase_ascii(guest.user.username);
    if (auto it = ids_by_name_.find(key); it != ids_by_name_.end() && it->second == id) {
        ids_by_name_.erase(it);
    }
    return effects;
}

bool Hub::name_in_use(std::string_view name) const {
    auto it = ids_by_name_.find(lowercase_ascii(name));
    return it != ids_by_name_.end() && live_user(it->second) != nullptr;
}

std::vector<ConnId> Hub::watchers_of(const User& user) const {
    auto it = watchers_.find(lowercase_ascii(user.username));
    if (it == watchers_.end()) return {};
    return {it->second.begin(), it->second.end()};
}

void Hub::grant_operator(ConnId conn) {
    if (auto it = conns_.find(conn); it != conns_.end()) it->second.operator_granted = true;
}

Outcome Hub::handle(ConnId conn, const Command& command, TimeMs now) {
    auto it = conns_.find(conn);
    if (it == conns_.end()) return Errc::unauthorized;
    auto* caller = live_user(it->second.user);
    if (caller == nullptr) return Errc::unauthorized;
    return std::visit(
        [&](const auto& c) -> Outcome {
            using C = std::decay_t<decltype(c)>;
            bool admin = caller->user.role == Role::admin || it->second.operator_granted;
            if (C::required_role == Role::admin && !admin) {
                return Error{Errc::forbidden, "Only admins can do that."};
            }
            return on(Caller{conn, *caller, admin}, c, now);
        },
        command);
}

Effects Hub::user_registered(const User& user) {
    auto& state = users_[user.id];
    state.user = user;
    index_name(user);
    auto& general = rooms_[general_room];
    general.members.insert(user.id);
    Effects effects;
    effects.deliver(event::Joined{general_room, view(state)}, room_audience(general, user.id, 0));
    return effects;
}

Effects Hub::user_changed(const User& user) {
    auto* state = live_user(user.id);
    if (state == nullptr) return {};
    state->user = user;
    Effects effects;
    effects.deliver(event::UserChanged{view(*state)}, everyone());
    return effects;
}

Effects Hub::end_session(std::string_view session) {
    Effects effects;
    for (auto& [conn, state] : conns_) {
        if (state.session == session) effects.closings.push_back({conn, CloseReason::session_ended});
    }
    for (const auto& closing : effects.closings) effects.append(disconnect(closing.conn));
    return effects;
}

Effects Hub::end_sessions_of(UserId user, std::optional<std::string_view> keep_session) {
    auto* state = live_user(user);
    if (state == nullptr) return {};
    return close_connections(*state, CloseReason::session_ended, keep_session);
}

Effects Hub::user_deleted(UserId user) {
    auto* state = live_user(user);
    if (state == nullptr) return {};
    Effects effects = close_connections(*state, CloseReason::session_ended, std::nullopt);
    for (auto& [name, room] : rooms_) {
        if (room.members.contains(user)) effects.append(remove_from_room(room, user, 0));
        room.bans.erase(user);
    }
    for (auto& [id, other] : users_) other.blocks.erase(user);
    state->user.deleted = true;
    state->blocks.clear();
    return effects;
}

Effects Hub::user_banned(UserId user, std::string reason) {
    auto* state = live_user(user);
    if (state == nullptr) return {};
    state->user.banned = true;
    Effects effects;
    effects.deliver(event::Banned{std::move(reason)}, user_audience(*state, 0));
    effects.append(close_connections(*state, CloseReason::banned, std::nullopt));
    return effects;
}

void Hub::user_unbanned(UserId user) {
    if (auto* state = live_user(user)) state->user.banned = false;
}

std::optional<User> Hub::find_user(UserId user) const {
    const auto* state = live_user(user);
    if (state == nullptr) return std::nullopt;
    return view(*state);
}

std::vector<User> Hub::online_users() const {
    std::vector<User> online;
    for (const auto& [id, state] : users_) {
        if (!state.conns.empty()) online.push_back(view(state));
    }
    std::sort(online.begin(), online.end(), [](auto& a, auto& b) { return a.id < b.id; });
    return online;
}

std::vector<User> Hub::all_users() const {
    std::vector<User> all;
    for (const auto& [id, state] : users_) {
        // Guests are people only while they are here.
        if (!state.user.deleted && (!state.user.guest || !state.conns.empty())) {
            all.push_back(view(state));
        }
    }
    std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.id < b.id; });
    return all;
}

std::vector<RoomSummary> Hub::rooms(std::optional<UserId> viewer) const {
    std::vector<RoomSummary> summaries;
    for (const auto& [name, room] : rooms_) {
        if (!visible(room, viewer)) continue;
        RoomSummary summary{room.room, static_cast<std::int64_t>(room.members.size())};
        summary.room.modes.key.clear();  // the key is for members, who see it on joining
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

bool Hub::visible(const RoomState& room, std::optional<UserId> viewer) const {
    if (!room.room.modes.secret) return true;
    if (!viewer) return false;
    if (room.members.contains(*viewer)) return true;
    const auto* state = live_user(*viewer);
    return state != nullptr && state->user.role == Role::admin;
}

RoomRole Hub::role_in(const RoomState& room, const UserState& user) const {
    if (user.user.role == Role::admin) return RoomRole::op;
    auto it = room.roles.find(user.user.id);
    return it == room.roles.end() ? RoomRole::member : it->second;
}

bool Hub::operates(const RoomState& room, const Caller& caller) const {
    return caller.admin || role_in(room, caller.state) == RoomRole::op;
}

answer::Joined Hub::member_list(const RoomState& room) const {
    answer::Joined list{room.room, {}, {}, {}};
    for (UserId member : room.members) {
        const auto* state = live_user(member);
        if (state == nullptr) continue;
        list.members.push_back(view(*state));
        if (RoomRole role = role_in(room, *state); role != RoomRole::member) {
            list.roles[member] = role;
        }
    }
    return list;
}

bool Hub::is_online(UserId user) const {
    const auto* state = live_user(user);
    return state != nullptr && !state->conns.empty();
}

std::optional<UserId> Hub::user_of(ConnId conn) const {
    auto it = conns_.find(conn);
    if (it == conns_.end()) return std::nullopt;
    return it->second.user;
}

User Hub::view(const UserState& state) const {
    User user = state.user;
    user.online = !state.conns.empty();
    return user;
}

Hub::UserState* Hub::live_user(UserId user) {
    auto it = users_.find(user);
    return it == users_.end() || it->second.user.deleted ? nullptr : &it->second;
}

const Hub::UserState* Hub::live_user(UserId user) const {
    auto it = users_.find(user);
    return it == users_.end() || it->second.user.deleted ? nullptr : &it->second;
}

Hub::UserState* Hub::target(UserId user, std::string_view name) {
    if (user != 0 || name.empty()) return live_user(user);
    auto it = ids_by_name_.find(lowercase_ascii(name));
    return it == ids_by_name_.end() ? nullptr : live_user(it->second);
}

void Hub::index_name(const User& user) { ids_by_name_[lowercase_ascii(user.username)] = user.id; }

Hub::RoomState* Hub::find_room(std::string_view room) {
    auto it = rooms_.find(room);
    return it == rooms_.end() ? nullptr : &it->second;
}

std::vector<ConnId> Hub::room_audience(const RoomState& room, std::optional<UserId> sender,
                                       ConnId except) const {
    std::vector<ConnId> audience;
    for (UserId member : room.members) {
        auto it = users_.find(member);
        if (it == users_.end()) continue;
        if (sender && it->second.blocks.contains(*sender)) continue;
        for (ConnId conn : it->second.conns) {
            if (conn != except) audience.push_back(conn);
        }
    }
    return audience;
}

std::vector<ConnId> Hub::user_audience(const UserState& user, ConnId except) const {
    std::vector<ConnId> audience;
    for (ConnId conn : user.conns) {
        if (conn != except) audience.push_back(conn);
    }
    return audience;
}

std::vector<ConnId> Hub::everyone(ConnId except) const {
    std::vector<ConnId> audience;
    audience.reserve(conns_.size());
    for (const auto& [conn, state] : conns_) {
        if (conn != except) audience.push_back(conn);
    }
    return audience;
}

Result<Message> Hub::new_message(UserState& sender, std::string text, TimeMs now) {
    if (options_.limits && !sender.messages.take(options_.messages, now)) {
        return Error{Errc::rate_limited, "You are sending messages too fast; wait a moment."};
    }
    // Ids and times only grow, even if the clock steps back.
    last_message_ts_ = std::max(last_message_ts_, now);
    Message message;
    message.id = ++last_message_id_;
    message.from = sender.user.id;
    message.text = std::move(text);
    message.ts = last_message_ts_;
    return message;
}

Outcome Hub::posted(Message message, std::vector<ConnId> audience) {
    Outcome outcome{Answer{answer::Posted{message}}};
    outcome.effects.persist.push_back(op::AppendMessage{message});
    outcome.effects.deliver(event::MessagePosted{std::move(message)}, std::move(audience));
    return outcome;
}

Effects Hub::remove_from_room(RoomState& room, UserId user, ConnId except,
                              std::optional<UserId> kicked_by) {
    Effects effects;
    room.members.erase(user);
    effects.persist.push_back(op::RemoveMember{room.room.name, user});
    std::vector<ConnId> audience = room_audience(room, std::nullopt, except);
    auto* state = live_user(user);
    if (state != nullptr && !kicked_by) {
        for (ConnId conn : user_audience(*state, except)) audience.push_back(conn);
    }
    std::optional<std::string> reason;
    if (kicked_by) reason = "kicked";
    effects.deliver(event::Left{room.room.name, user, std::move(reason), kicked_by},
                    std::move(audience));
    return effects;
}

Effects Hub::close_connections(UserState& user, CloseReason reason,
                               std::optional<std::string_view> keep_session) {
    Effects effects;
    for (ConnId conn : std::vector<ConnId>(user.conns)) {
        auto it = conns_.find(conn);
        if (it == conns_.end()) continue;
        if (keep_session && it->second.session == *keep_session) continue;
        effects.closings.push_back({conn, reason});
        effects.append(disconnect(conn));
    }
    return effects;
}

}  // namespace parley::core

// Questions about channels and the server: TOPIC, WHO, MODE (queries), AWAY,
// VERSION, TIME, MOTD, LUSERS.
#include <algorithm>
#include <ctime>

#include "proto/irc/casemapping.hpp"
#include "proto/irc/channel_modes.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/numerics.hpp"
#include "proto/irc/render.hpp"

namespace parley::proto::irc {

void Gateway::with_members(Client& client, const std::string& channel,
                           std::function<void(Client&, const core::answer::Joined&)> then) {
    auto room = room_of_channel(channel);
    if (!room) return numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
    service_.command(client.conn, core::cmd::Members{*room},
                     on_shard(client.conn, [this, channel, then](Client& c,
                                                                core::Result<core::Answer> a) {
                         if (!a) return fail(c, a.error(), channel);
                         then(c, std::get<core::answer::Joined>(a.value()));
                     }));
}

void Gateway::topic(Client& client, const Message& m) {
    const std::string channel = m.params[0];
    if (m.params.size() > 1) return set_topic(client, channel, m.params[1]);
    with_members(client, channel, [this, channel](Client& c, const core::answer::Joined& room) {
        send_topic(c, room.room);
    });
}

void Gateway::send_topic(Client& client, const core::Room& room) {
    std::string channel = channel_of_room(room.name);
    if (room.topic.empty()) return numeric(client, RPL_NOTOPIC, {channel, "No topic is set"});
    numeric(client, RPL_TOPIC, {channel, room.topic});
    if (!room.topic_by.empty()) {
        numeric(client, RPL_TOPICWHOTIME,
                {channel, room.topic_by, std::to_string(room.topic_at / 1000)});
    }
}

void Gateway::who(Client& client, const Message& m) {
    const std::string mask = m.params[0];
    if (!is_channel(mask)) return numeric(client, RPL_ENDOFWHO, {mask, "End of WHO list"});
    with_members(client, mask, [this, mask](Client& c, const core::answer::Joined& room) {
        for (const auto& member : room.members) {
            std::string flags = member.online ? "H" : "G";
            auto role = room.roles.find(member.id);
            if (role != room.roles.end()) flags += role_prefix(role->second);
            numeric(c, RPL_WHOREPLY,
                    {mask, member.username, options_.server_name, options_.server_name,
                     member.username, flags, "0 " + member.display_name});
        }
        numeric(c, RPL_ENDOFWHO, {mask, "End of WHO list"});
    });
}

void Gateway::mode(Client& client, const Message& m) {
    const std::string& target = m.params[0];
    if (!is_channel(target)) {
        if (m.params.size() == 1) return numeric(client, RPL_UMODEIS, {"+i"});
        // Everyone is invisible (+i) already: clients set it on connect, so agree quietly.
        if (m.params[1] == "+i" || m.params[1] == "i") {
            return send(client, Message{{}, client.nick, "MODE", {client.nick, "+i"}});
        }
        return numeric(client, ERR_UMODEUNKNOWNFLAG, {"User modes can't be changed"});
    }
    channel_mode(client, m);
}

void Gateway::away(Client& client, const Message& m) {
    // Parley's presence is "has a connection open"; AWAY is acknowledged for the client's sake.
    if (m.params.empty() || m.params[0].empty()) {
        return numeric(client, RPL_UNAWAY, {"You are no longer marked as being away"});
    }
    numeric(client, RPL_NOWAWAY, {"You have been marked as being away"});
}

void Gateway::version(Client& client, const Message&) {
    numeric(client, RPL_VERSION,
            {"parley-" + options_.version, options_.server_name, "Parley chat server"});
}

void Gateway::time(Client& client, const Message&) {
    std::time_t now = std::time(nullptr);
    char text[64];
    std::strftime(text, sizeof text, "%A %B %d %Y -- %H:%M:%S UTC", std::gmtime(&now));
    numeric(client, RPL_TIME, {options_.server_name, text});
}

void Gateway::motd(Client& client, const Message&) {
    numeric(client, RPL_MOTDSTART, {"- " + options_.server_name + " Message of the day -"});
    numeric(client, RPL_MOTD, {"- The same rooms, people and history as Parley's web app."});
    numeric(client, RPL_ENDOFMOTD, {"End of /MOTD command."});
}

void Gateway::lusers(Client& client, const Message&) { send_lusers(client, AfterLusers::nothing); }

void Gateway::send_lusers(Client& client, AfterLusers after) {
    // At registration the MOTD follows from here, so it can't overtake the counts.
    service_.command(
        client.conn, core::cmd::Stats{},
        on_shard(client.conn, [this, after](Client& c, core::Result<core::Answer> a) {
            if (a) send_counts(c, std::get<core::answer::Stats>(a.value()));
            if (after == AfterLusers::motd) motd(c, Message{});
        }));
}

void Gateway::send_counts(Client& c, const core::answer::Stats& s) {
    auto n = [](std::int64_t v) { return std::to_string(v); };
    numeric(c, RPL_LUSERCLIENT, {"There are " + n(s.online) + " users and 0 invisible on 1 servers"});
    numeric(c, RPL_LUSEROP, {n(s.admins_online), "operator(s) online"});
    numeric(c, RPL_LUSERCHANNELS, {n(s.rooms), "channels formed"});
    numeric(c, RPL_LUSERME, {"I have " + n(s.connections) + " clients and 0 servers"});
    // One server, so local and global agree; no peak is kept, so max is now.
    numeric(c, RPL_LOCALUSERS, {n(s.online), n(s.online), "Current local users"});
    numeric(c, RPL_GLOBALUSERS, {n(s.online), n(s.online), "Current global users"});
}

}  // namespace parley::proto::irc

namespace parley::proto::irc {

void Gateway::list(Client& client, const Message&) {
    service_.command(client.conn, core::cmd::ListRooms{},
                     on_shard(client.conn, [this](Client& c, core::Result<core::Answer> a) {
                         numeric(c, RPL_LISTSTART, {"Channel", "Users  Name"});
                         if (a) {
                             for (const auto& room : std::get<core::answer::Rooms>(a.value()).rooms) {
                                 numeric(c, RPL_LIST, {channel_of_room(room.room.name),
                                                       std::to_string(room.members), room.room.topic});
                             }
                         }
                         numeric(c, RPL_LISTEND, {"End of /LIST"});
                     }));
}

void Gateway::whois(Client& client, const Message& m) {
    // WHOIS [server] nick: the nick is the last parameter.
    const std::string nick = m.params.back();
    service_.command(
        client.conn, core::cmd::WhoIs{0, nick},
        on_shard(client.conn, [this, nick](Client& c, core::Result<core::Answer> a) {
            if (!a) {
                numeric(c, ERR_NOSUCHNICK, {nick, "No such nick"});
                return numeric(c, RPL_ENDOFWHOIS, {nick, "End of /WHOIS list"});
            }
            const auto& profile = std::get<core::answer::Profile>(a.value());
            const auto& user = profile.user;
            numeric(c, RPL_WHOISUSER, {user.username, user.username, options_.server_name, "*",
                                       user.display_name});
            std::string channels;
            for (const auto& room : profile.rooms) {
                channels += (channels.empty() ? "" : " ") +
                            std::string(user.role == core::Role::admin ? "@" : "") +
                            channel_of_room(room);
            }
            if (!channels.empty()) numeric(c, RPL_WHOISCHANNELS, {user.username, channels});
            numeric(c, RPL_WHOISSERVER, {user.username, options_.server_name, options_.network});
            if (user.role == core::Role::admin) {
                numeric(c, RPL_WHOISOPERATOR, {user.username, "is a Parley admin"});
            }
            if (!user.online) numeric(c, RPL_AWAY, {user.username, "Offline"});
            numeric(c, RPL_ENDOFWHOIS, {user.username, "End of /WHOIS list"});
        }));
}

}  // namespace parley::proto::irc

namespace parley::proto::irc {

void Gateway::whowas(Client& client, const Message& m) {
    // Parley keeps every account, so "was" is the account as it is now.
    const std::string nick = m.params[0];
    service_.command(client.conn, core::cmd::WhoIs{0, nick},
                     on_shard(client.conn, [this, nick](Client& c, core::Result<core::Answer> a) {
                         if (!a) {
                             numeric(c, ERR_WASNOSUCHNICK, {nick, "There was no such nickname"});
                         } else {
                             const auto& user = std::get<core::answer::Profile>(a.value()).user;
                             numeric(c, RPL_WHOWASUSER, {user.username, user.username,
                                                         options_.server_name, "*",
                                                         user.display_name});
                         }
                         numeric(c, RPL_ENDOFWHOWAS, {nick, "End of WHOWAS"});
                     }));
}

void Gateway::setname(Client& client, const Message& m) {
    const std::string name = m.params[0];
    service_.command(
        client.conn, core::cmd::SetDisplayName{name},
        on_shard(client.conn, [this, name](Client& c, core::Result<core::Answer> a) {
            if (!a) {
                return send(c, Message{{}, options_.server_name, "FAIL",
                                       {"SETNAME", "INVALID_REALNAME", a.error().message}});
            }
            if (c.user) c.user->display_name = name;
            send(c, Message{{}, user_prefix(c.nick, options_.server_name), "SETNAME", {name}});
        }));
}

void Gateway::oper(Client& client, const Message& m) {
    // Parley admins are operators already; the configured opers become admins
    // on this connection only, for as long as it lasts.
    if (client.user && client.user->role == core::Role::admin) {
        return numeric(client, RPL_YOUREOPER, {"You are a Parley admin, and so an IRC operator"});
    }
    if (options_.opers.empty()) return numeric(client, ERR_NOOPERHOST, {"No operators are configured"});
    bool match = std::any_of(options_.opers.begin(), options_.opers.end(), [&](const auto& oper) {
        return oper.first == m.params[0] && oper.second == m.params[1];
    });
    if (!match) return numeric(client, ERR_PASSWDMISMATCH, {"Password incorrect"});
    service_.grant_operator(client.conn);
    numeric(client, RPL_YOUREOPER, {"You are now an IRC operator"});
    send(client, Message{{}, client.nick, "MODE", {client.nick, "+o"}});
}

}  // namespace parley::proto::irc

namespace parley::proto::irc {

void Gateway::monitor(Client& client, const Message& m) {
    using Action = core::cmd::Monitor::Action;
    const std::string& op = m.params[0];
    Action action = op == "+" ? Action::add
                    : op == "-" ? Action::remove
                    : op == "C" ? Action::clear
                    : op == "L" ? Action::list
                                : Action::status;
    if (op != "+" && op != "-" && op != "C" && op != "L" && op != "S") {
        return numeric(client, ERR_UNKNOWNCOMMAND, {"MONITOR", "Use MONITOR + - C L or S"});
    }
    core::cmd::Monitor command{action, {}};
    if (m.params.size() > 1) {
        std::string list = m.params[1];
        for (std::size_t start = 0; start <= list.size();) {
            auto comma = list.find(',', start);
            auto name = list.substr(start, comma == std::string::npos ? comma : comma - start);
            if (!name.empty()) command.names.push_back(name);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    if ((action == Action::add || action == Action::remove) && command.names.empty()) {
        return numeric(client, ERR_NEEDMOREPARAMS, {"MONITOR", "Name someone to watch"});
    }
    service_.command(client.conn, std::move(command),
                     on_shard(client.conn, [this, action](Client& c, core::Result<core::Answer> a) {
                         if (!a) return fail(c, a.error(), "MONITOR");
                         monitored(c, action, std::get<core::answer::Monitored>(a.value()));
                     }));
}

void Gateway::monitored(Client& client, core::cmd::Monitor::Action action,
                        const core::answer::Monitored& result) {
    using Action = core::cmd::Monitor::Action;
    if (action == Action::remove || action == Action::clear) return;
    std::string online, offline;
    for (const auto& user : result.online) {
        online += (online.empty() ? "" : ",") +
                  (action == Action::list ? user.username
                                          : user_prefix(user.username, options_.server_name));
    }
    for (const auto& name : result.offline) offline += (offline.empty() ? "" : ",") + name;
    if (action == Action::list) {
        std::string all = online + (online.empty() || offline.empty() ? "" : ",") + offline;
        if (!all.empty()) numeric(client, RPL_MONLIST, {all});
        return numeric(client, RPL_ENDOFMONLIST, {"End of MONITOR list"});
    }
    if (!online.empty()) numeric(client, RPL_MONONLINE, {online});
    if (!offline.empty()) numeric(client, RPL_MONOFFLINE, {offline});
    if (result.full) {
        numeric(client, ERR_MONLISTFULL,
                {std::to_string(core::cmd::max_monitored), "*", "Monitor list is full."});
    }
}

}  // namespace parley::proto::irc

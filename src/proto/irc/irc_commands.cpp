// Commands of a registered client: PING, QUIT, JOIN, PART, PRIVMSG, NOTICE, NAMES.
#include "proto/irc/casemapping.hpp"
#include "proto/irc/channel_modes.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/numerics.hpp"
#include "proto/irc/render.hpp"

namespace parley::proto::irc {

namespace {

std::vector<std::string> split_list(const std::string& list) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= list.size()) {
        auto comma = list.find(',', start);
        auto item = list.substr(start, comma == std::string::npos ? comma : comma - start);
        if (!item.empty()) items.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

}  // namespace

void Gateway::ping(Client& client, const Message& m) {
    send(client, Message{{}, options_.server_name, "PONG", {options_.server_name, m.params[0]}});
}

void Gateway::pong(Client&, const Message&) {}

void Gateway::quit(Client& client, const Message& m) {
    std::string reason = m.params.empty() ? "Client quit" : m.params[0];
    close(client, "Closing link: " + reason);
}

void Gateway::join(Client& client, const Message& m) {
    if (m.params[0] == "0") {  // JOIN 0: leave every channel
        for (const auto& room : std::set<std::string>(client.channels)) {
            part(client, Message{{}, {}, "PART", {channel_of_room(room)}});
        }
        return;
    }
    auto channels = split_list(m.params[0]);
    auto keys = m.params.size() > 1 ? split_list(m.params[1]) : std::vector<std::string>{};
    for (std::size_t i = 0; i < channels.size(); ++i) {
        const std::string& channel = channels[i];
        auto room = room_of_channel(channel);
        if (!room) {
            numeric(client, ERR_NOSUCHCHANNEL, {channel, "Channel names are # and a Parley room name"});
            continue;
        }
        std::string key = i < keys.size() ? keys[i] : std::string{};
        service_.command(client.conn, core::cmd::Join{*room, key},
                         on_shard(client.conn, [this, channel](Client& c, core::Result<core::Answer> a) {
                             if (!a) return fail(c, a.error(), channel);
                             joined(c, std::get<core::answer::Joined>(a.value()));
                         }));
    }
}

void Gateway::joined(Client& client, const core::answer::Joined& joined) {
    const auto& room = joined.room.name;
    std::string channel = channel_of_room(room);
    client.channels.insert(room);
    std::vector<std::string> params{channel};
    if (client.caps.enabled.has(Cap::ExtendedJoin)) {
        params.push_back(client.nick);
        params.push_back(client.user ? client.user->display_name : client.nick);
    }
    send(client, Message{{}, user_prefix(client.nick, options_.server_name), "JOIN", params});
    if (!joined.room.topic.empty()) send_topic(client, joined.room);  // no 331 on JOIN
    send_names(client, joined);
    // Recent history, for clients that can't ask for it themselves.
    auto& history = joined.history;
    std::size_t skip = history.size() > static_cast<std::size_t>(options_.history_replay)
                           ? history.size() - static_cast<std::size_t>(options_.history_replay)
                           : 0;
    bool tagged = client.caps.enabled.has(Cap::ServerTime);
    std::vector<Message> replay;
    for (std::size_t i = skip; i < history.size(); ++i) {
        const auto& message = history[i];
        auto from = std::find_if(joined.members.begin(), joined.members.end(),
                                 [&](const core::User& u) { return u.id == message.from; });
        std::string name = from != joined.members.end() ? from->username : "someone";
        for (auto& line : message_lines(user_prefix(name, options_.server_name), channel, message,
                                        public_url_)) {
            if (tagged) line.tags.push_back({"time", server_time(message.ts)});
            replay.push_back(std::move(line));
        }
    }
    send(client, replay);
}

void Gateway::send_names(Client& client, const core::answer::Joined& joined) {
    std::string channel = channel_of_room(joined.room.name);
    std::string line;
    auto flush = [&] {
        if (!line.empty()) numeric(client, RPL_NAMREPLY, {"=", channel, line});
        line.clear();
    };
    for (const auto& member : joined.members) {
        auto role = joined.roles.find(member.id);
        std::string name = std::string(role == joined.roles.end() ? "" : role_prefix(role->second)) +
                           member.username;
        if (client.caps.enabled.has(Cap::UserhostInNames)) {
            name += "!" + member.username + "@" + options_.server_name;
        }
        if (line.size() + name.size() + 1 > 400) flush();
        line += (line.empty() ? "" : " ") + name;
    }
    flush();
    numeric(client, RPL_ENDOFNAMES, {channel, "End of /NAMES list"});
}

void Gateway::names(Client& client, const Message& m) {
    for (const auto& channel : split_list(m.params[0])) {
        auto room = room_of_channel(channel);
        if (!room) {
            numeric(client, RPL_ENDOFNAMES, {channel, "End of /NAMES list"});
            continue;
        }
        service_.command(client.conn, core::cmd::Members{*room},
                         on_shard(client.conn, [this, channel](Client& c, core::Result<core::Answer> a) {
                             if (!a) return numeric(c, RPL_ENDOFNAMES, {channel, "End of /NAMES list"});
                             send_names(c, std::get<core::answer::Joined>(a.value()));
                         }));
    }
}

void Gateway::part(Client& client, const Message& m) {
    for (const auto& channel : split_list(m.params[0])) {
        auto room = room_of_channel(channel);
        if (!room) {
            numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
            continue;
        }
        service_.command(client.conn, core::cmd::Leave{*room},
                         on_shard(client.conn, [this, channel, room = *room](Client& c, core::Result<core::Answer> a) {
                             if (!a) return fail(c, a.error(), channel);
                             c.channels.erase(room);
                             send(c, Message{{}, user_prefix(c.nick, options_.server_name), "PART", {channel}});
                         }));
    }
}

void Gateway::privmsg(Client& client, const Message& m) {
    const std::string& target = m.params[0];
    const std::string& text = m.params[1];
    bool notice = m.command == "NOTICE";  // NOTICE never gets an error reply
    if (text.empty()) return notice ? void() : numeric(client, ERR_NOTEXTTOSEND, {"No text to send"});
    core::Command command;
    if (is_channel(target)) {
        auto room = room_of_channel(target);
        if (!room) return notice ? void() : numeric(client, ERR_NOSUCHCHANNEL, {target, "No such channel"});
        command = core::cmd::Send{*room, text, {}};
    } else {
        command = core::cmd::SendDm{0, text, target};
    }
    bool echo = client.caps.enabled.has(Cap::EchoMessage);
    service_.command(client.conn, std::move(command),
                     on_shard(client.conn, [this, target, notice, echo, command_name = m.command](
                                               Client& c, core::Result<core::Answer> a) {
                         if (!a) return notice ? void() : fail(c, a.error(), target);
                         if (!echo) return;
                         const auto& message = std::get<core::answer::Posted>(a.value()).message;
                         auto lines = text_lines(command_name, user_prefix(c.nick, options_.server_name),
                                                 target, message.text);
                         if (c.caps.enabled.has(Cap::ServerTime)) {
                             for (auto& line : lines) line.tags.push_back({"time", server_time(message.ts)});
                         }
                         send(c, lines);
                     }));
}

}  // namespace parley::proto::irc

namespace parley::proto::irc {

void Gateway::tagmsg(Client& client, const Message& m) {
    // Only the typing notice means something to Parley; other client tags have
    // nowhere to go, so they are dropped without an error.
    const std::string* typing = find_tag(m, "+typing");
    if (typing == nullptr || *typing != "active" || !is_channel(m.params[0])) return;
    auto room = room_of_channel(m.params[0]);
    if (!room) return;
    service_.command(client.conn, core::cmd::Typing{*room},
                     on_shard(client.conn, [](Client&, core::Result<core::Answer>) {}));
}

}  // namespace parley::proto::irc

// Moderation from IRC: KICK, MODE +b/-b, KILL. Parley admins are channel
// operators everywhere, a room's operators in their room; the Hub checks, as for
// every other client.
#include "proto/irc/casemapping.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/numerics.hpp"
#include "proto/irc/render.hpp"

namespace parley::proto::irc {

namespace {

// "nick", "nick!*@*" or "nick!user@host": Parley bans accounts, so the nick is what counts.
std::string nick_of_mask(const std::string& mask) { return mask.substr(0, mask.find('!')); }

}  // namespace

void Gateway::kick(Client& client, const Message& m) {
    const std::string channel = m.params[0];
    const std::string nick = m.params[1];
    std::string reason = m.params.size() > 2 ? m.params[2] : std::string{};
    auto room = room_of_channel(channel);
    if (!room) return numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
    service_.command(
        client.conn, core::cmd::Kick{*room, 0, reason, nick},
        on_shard(client.conn, [this, channel, nick, reason](Client& c, core::Result<core::Answer> a) {
            if (!a && a.error().code == core::Errc::not_member) {
                return numeric(c, ERR_USERNOTINCHANNEL, {nick, channel, a.error().message});
            }
            if (!a) return fail(c, a.error(), channel);
            // The room is told through events; the kicker's own connection hears it here.
            send(c, Message{{}, user_prefix(c.nick, options_.server_name), "KICK",
                            {channel, nick, reason.empty() ? "Kicked" : reason}});
        }));
}

void Gateway::ban_mask(Client& client, const std::string& channel, bool add,
                       const std::string& mask) {
    std::string nick = nick_of_mask(mask);
    auto room = room_of_channel(channel);
    if (!room) return numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
    core::Command command = add ? core::Command{core::cmd::Ban{0, *room, "", nick}}
                                : core::Command{core::cmd::Unban{0, *room, nick}};
    service_.command(
        client.conn, std::move(command),
        on_shard(client.conn, [this, channel, add, mask](Client& c, core::Result<core::Answer> a) {
            if (!a) return fail(c, a.error(), channel);
            send(c, Message{{}, user_prefix(c.nick, options_.server_name), "MODE",
                            {channel, add ? "+b" : "-b", mask}});
        }));
}

void Gateway::kill(Client& client, const Message& m) {
    // KILL bans the account from the server: with Parley's accounts a mere
    // disconnect would last only until the client reconnects.
    const std::string nick = m.params[0];
    std::string reason = m.params.size() > 1 ? m.params[1] : std::string{};
    service_.command(client.conn, core::cmd::Ban{0, std::nullopt, reason, nick},
                     on_shard(client.conn, [this, nick](Client& c, core::Result<core::Answer> a) {
                         if (!a && a.error().code == core::Errc::forbidden) {
                             return numeric(c, ERR_NOPRIVILEGES,
                                            {"Permission Denied- You're not an IRC operator"});
                         }
                         if (!a) return fail(c, a.error(), nick);
                         send(c, Message{{}, options_.server_name, "NOTICE",
                                         {c.nick, nick + " is banned from the server"}});
                     }));
}

}  // namespace parley::proto::irc

namespace parley::proto::irc {

void Gateway::invite(Client& client, const Message& m) {
    const std::string nick = m.params[0];
    const std::string channel = m.params[1];
    auto room = room_of_channel(channel);
    if (!room) return numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
    service_.command(client.conn, core::cmd::Invite{*room, 0, nick},
                     on_shard(client.conn, [this, nick, channel](Client& c,
                                                                 core::Result<core::Answer> a) {
                         if (!a && a.error().code == core::Errc::bad_request) {
                             return numeric(c, ERR_USERONCHANNEL,
                                            {nick, channel, "is already on channel"});
                         }
                         if (!a) return fail(c, a.error(), a.error().code == core::Errc::not_found
                                                               ? nick
                                                               : channel);
                         numeric(c, RPL_INVITING, {nick, channel});
                     }));
}

}  // namespace parley::proto::irc

namespace parley::proto::irc {

void Gateway::silence(Client& client, const Message& m) {
    // SILENCE and the web's block list are one list: both are Parley blocks.
    if (m.params.empty()) {
        return service_.command(
            client.conn, core::cmd::ListBlocks{},
            on_shard(client.conn, [this](Client& c, core::Result<core::Answer> a) {
                if (a) {
                    for (const auto& user : std::get<core::answer::Monitored>(a.value()).online) {
                        numeric(c, RPL_SILELIST, {user.username + "!*@*"});
                    }
                }
                numeric(c, RPL_ENDOFSILELIST, {"End of Silence List"});
            }));
    }
    const std::string& change = m.params[0];
    bool add = change.front() != '-';
    std::string nick = nick_of_mask(change.front() == '+' || change.front() == '-' ? change.substr(1)
                                                                                    : change);
    core::Command command = add ? core::Command{core::cmd::Block{0, nick}}
                                : core::Command{core::cmd::Unblock{0, nick}};
    service_.command(client.conn, std::move(command),
                     on_shard(client.conn, [this, add, nick](Client& c, core::Result<core::Answer> a) {
                         if (!a) return fail(c, a.error(), nick);
                         send(c, Message{{}, user_prefix(c.nick, options_.server_name), "SILENCE",
                                         {std::string(add ? "+" : "-") + nick + "!*@*"}});
                     }));
}

}  // namespace parley::proto::irc

// Channel modes and topics from IRC: MODE #room ... and TOPIC #room :text.
// The Hub decides who may change what; every member (the changer too) hears
// the change as a MODE or TOPIC line spelled from the Hub's event.
#include "proto/irc/casemapping.hpp"
#include "proto/irc/channel_modes.hpp"
#include "proto/irc/gateway.hpp"
#include "proto/irc/numerics.hpp"
#include "proto/irc/render.hpp"

namespace parley::proto::irc {

void Gateway::channel_mode(Client& client, const Message& m) {
    const std::string channel = m.params[0];
    auto room = room_of_channel(channel);
    if (!room) return numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
    if (m.params.size() == 1) {
        return with_members(client, channel, [this, channel](Client& c,
                                                             const core::answer::Joined& members) {
            std::vector<std::string> params{channel};
            for (auto& p : mode_params(members.room.modes)) params.push_back(std::move(p));
            numeric(c, RPL_CHANNELMODEIS, params);
        });
    }
    auto parsed = parse_mode_request({m.params.begin() + 1, m.params.end()}, max_modes_per_line);
    if (auto* error = std::get_if<ModeError>(&parsed)) {
        std::string letter(1, error->mode);
        switch (error->kind) {
            case ModeError::Kind::unknown_mode:
                return numeric(client, ERR_UNKNOWNMODE, {letter, "is unknown mode char to me"});
            case ModeError::Kind::missing_parameter:
                return numeric(client, ERR_NEEDMOREPARAMS, {"MODE", "Not enough parameters"});
            case ModeError::Kind::invalid_parameter:
                return numeric(client, ERR_INVALIDMODEPARAM,
                               {channel, letter, error->parameter, "Not a valid limit"});
        }
    }
    auto& request = std::get<ModeRequest>(parsed);
    if (request.list_bans) {
        // The list is for the room's operators; others are told it's empty, as
        // the bans of a room are the operators' business.
        with_members(client, channel, [this, channel](Client& c, const core::answer::Joined& room) {
            for (const auto& banned : room.bans) {
                numeric(c, RPL_BANLIST, {channel, banned.username + "!*@*"});
            }
            numeric(c, RPL_ENDOFBANLIST, {channel, "End of channel ban list"});
        });
    }
    for (const auto& ban : request.bans) ban_mask(client, channel, ban.add, ban.mask);
    for (const auto& change : request.roles) {
        core::cmd::SetRoomRole command{*room, 0, change.role, change.nick,
                                       change.add ? core::cmd::SetRoomRole::Change::grant
                                                  : core::cmd::SetRoomRole::Change::revoke};
        service_.command(client.conn, std::move(command),
                         on_shard(client.conn, [this, channel, nick = change.nick](
                                                   Client& c, core::Result<core::Answer> a) {
                             if (a) return;  // the MODE line comes with the Hub's event
                             if (a.error().code == core::Errc::not_member) {
                                 return numeric(c, ERR_USERNOTINCHANNEL,
                                                {nick, channel, "They aren't on that channel"});
                             }
                             fail(c, a.error(), a.error().code == core::Errc::not_found ? nick
                                                                                       : channel);
                         }));
    }
    if (request.changes_settings) {
        request.settings.room = *room;
        std::string letter = request.settings.key ? "k" : "l";  // the modes that can be invalid
        service_.command(client.conn, std::move(request.settings),
                         on_shard(client.conn, [this, channel, letter](Client& c,
                                                                       core::Result<core::Answer> a) {
                             if (a) return;
                             if (a.error().code == core::Errc::invalid_field) {
                                 return numeric(c, ERR_INVALIDMODEPARAM,
                                                {channel, letter, "*", a.error().message});
                             }
                             fail(c, a.error(), channel);
                         }));
    }
}

void Gateway::set_topic(Client& client, const std::string& channel, const std::string& topic) {
    auto room = room_of_channel(channel);
    if (!room) return numeric(client, ERR_NOSUCHCHANNEL, {channel, "No such channel"});
    service_.command(client.conn, core::cmd::SetTopic{*room, topic},
                     on_shard(client.conn, [this, channel](Client& c, core::Result<core::Answer> a) {
                         if (a) return;  // the TOPIC line comes with the Hub's event
                         fail(c, a.error(), channel);
                     }));
}

}  // namespace parley::proto::irc

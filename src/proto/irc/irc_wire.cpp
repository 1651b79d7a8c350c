#include "proto/irc/irc_wire.hpp"

#include "proto/irc/casemapping.hpp"
#include "proto/irc/channel_modes.hpp"
#include "proto/irc/render.hpp"
#include "proto/irc/variant.hpp"

namespace parley::proto::irc {

namespace event = core::event;

// One event spelled for one variant.
struct IrcWire::Spelling {
    const IrcWire& wire;
    unsigned variant;

    bool has(unsigned bit) const { return (variant & bit) != 0; }

    std::vector<Tag> tags(core::TimeMs ts, std::string_view account) const {
        std::vector<Tag> out;
        if (has(variant::server_time) && ts > 0) out.push_back({"time", server_time(ts)});
        if (has(variant::account_tag) && !account.empty()) {
            out.push_back({"account", std::string(account)});
        }
        return out;
    }

    std::string operator()(const event::MessagePosted& e) const {
        const auto& m = e.message;
        std::string from = wire.name(m.from);
        std::string target = m.room ? channel_of_room(*m.room) : wire.name(m.to.value_or(0));
        auto lines = message_lines(user_prefix(from, wire.server_name_), target, m, wire.public_url_);
        for (auto& line : lines) {
            line.tags = tags(m.ts, from);
            if (has(variant::message_tags)) line.tags.push_back({"msgid", std::to_string(m.id)});
        }
        return serialize_all(lines);
    }
    std::string operator()(const event::Joined& e) const {
        std::vector<std::string> params{channel_of_room(e.room)};
        if (has(variant::extended_join)) {
            params.push_back(e.user.username);
            params.push_back(e.user.display_name);
        }
        return serialize(Message{tags(0, e.user.username),
                                 user_prefix(e.user.username, wire.server_name_), "JOIN", params});
    }
    std::string operator()(const event::Left& e) const {
        if (e.by) {
            return serialize(Message{{}, wire.prefix(*e.by), "KICK",
                                     {channel_of_room(e.room), wire.name(e.user), "Kicked"}});
        }
        return serialize(Message{{}, wire.prefix(e.user), "PART", {channel_of_room(e.room)}});
    }
    std::string operator()(const event::Typing& e) const {
        if (!has(variant::message_tags)) return {};
        return serialize(Message{{{"+typing", "active"}}, wire.prefix(e.user), "TAGMSG",
                                 {channel_of_room(e.room)}});
    }
    std::string operator()(const event::Kicked& e) const {
        // Sent to the kicked user only; the rest of the room sees them PART.
        return serialize(Message{{}, wire.prefix(e.by), "KICK",
                                 {channel_of_room(e.room), wire.name(e.user), e.reason}});
    }
    std::string operator()(const event::Banned& e) const {
        return serialize(Message{{}, wire.server_name_, "NOTICE", {"*", "Banned: " + e.reason}});
    }
    std::string operator()(const event::Presence& e) const {
        if (!has(variant::away_notify)) return {};
        std::vector<std::string> params;
        if (!e.online) params.push_back("Offline");
        return serialize(Message{{}, user_prefix(e.user.username, wire.server_name_), "AWAY",
                                 params});
    }
    std::string operator()(const event::Invited& e) const {
        return serialize(Message{{}, wire.prefix(e.by), "INVITE",
                                 {wire.name(e.user), channel_of_room(e.room)}});
    }
    std::string operator()(const event::InviteNotice& e) const {
        if (!has(variant::invite_notify)) return {};
        return serialize(Message{{}, wire.prefix(e.by), "INVITE",
                                 {wire.name(e.user), channel_of_room(e.room)}});
    }
    std::string operator()(const event::RoomChanged& e) const {
        std::string channel = channel_of_room(e.room.name);
        std::string source = user_prefix(e.by, wire.server_name_);
        std::string out;
        if (e.room.topic != e.old_topic) {
            out += serialize(Message{{}, source, "TOPIC", {channel, e.room.topic}});
        }
        auto change = mode_change_params(e.old_modes, e.room.modes);
        if (!change.empty()) {
            change.insert(change.begin(), channel);
            out += serialize(Message{{}, source, "MODE", std::move(change)});
        }
        return out;
    }
    std::string operator()(const event::RoleChanged& e) const {
        auto change = role_change_params(e.old_role, e.role, e.user.username);
        change.insert(change.begin(), channel_of_room(e.room));
        return serialize(
            Message{{}, user_prefix(e.by, wire.server_name_), "MODE", std::move(change)});
    }
    std::string operator()(const event::Watched& e) const {
        // Shared by every watcher, so the target is "*" rather than each one's nick.
        if (e.online) {
            return serialize(Message{{}, wire.server_name_, "730",
                                     {"*", user_prefix(e.user.username, wire.server_name_)}});
        }
        return serialize(Message{{}, wire.server_name_, "731", {"*", e.user.username}});
    }
    std::string operator()(const event::UserChanged& e) const {
        if (!has(variant::setname)) return {};
        return serialize(Message{{}, user_prefix(e.user.username, wire.server_name_), "SETNAME",
                                 {e.user.display_name}});
    }
};

IrcWire::IrcWire(std::string server_name, UsernameOf username_of)
    : server_name_(std::move(server_name)), username_of_(std::move(username_of)) {}

std::string IrcWire::event(const core::Event& event, unsigned variant) const {
    if ((variant & variant::registered) == 0) return {};
    return std::visit(Spelling{*this, variant}, event);
}

std::string IrcWire::farewell(core::CloseReason reason) const {
    const char* why = reason == core::CloseReason::banned ? "Closing link: banned"
                                                           : "Closing link: session ended";
    return serialize(Message{{}, {}, "ERROR", {why}});
}

int IrcWire::close_code(core::CloseReason /*reason*/) const { return 0; }  // TCP has none

std::string IrcWire::name(core::UserId user) const {
    return username_of_(user).value_or("deleted-" + std::to_string(user));
}

std::string IrcWire::prefix(core::UserId user) const {
    return user_prefix(name(user), server_name_);
}

}  // namespace parley::proto::irc

#pragma once

#include "proto/irc/capabilities.hpp"

namespace parley::proto::irc {

// Connections whose event lines are spelled alike share one encoding: the
// variant is the set of things that change the bytes. A connection still
// registering gets nothing (it is sent its channels' state once registered).
namespace variant {
inline constexpr unsigned registered = 1u << 0;
inline constexpr unsigned server_time = 1u << 1;
inline constexpr unsigned message_tags = 1u << 2;
inline constexpr unsigned extended_join = 1u << 3;
inline constexpr unsigned away_notify = 1u << 4;
inline constexpr unsigned setname = 1u << 5;
inline constexpr unsigned account_tag = 1u << 6;
inline constexpr unsigned invite_notify = 1u << 7;
}  // namespace variant

inline unsigned variant_of(const CapSet& caps, bool registered) {
    if (!registered) return 0;
    unsigned v = variant::registered;
    if (caps.has(Cap::ServerTime)) v |= variant::server_time;
    if (caps.has(Cap::MessageTags)) v |= variant::message_tags;
    if (caps.has(Cap::ExtendedJoin)) v |= variant::extended_join;
    if (caps.has(Cap::AwayNotify)) v |= variant::away_notify;
    if (caps.has(Cap::Setname)) v |= variant::setname;
    if (caps.has(Cap::AccountTag)) v |= variant::account_tag;
    if (caps.has(Cap::InviteNotify)) v |= variant::invite_notify;
    return v;
}

}  // namespace parley::proto::irc

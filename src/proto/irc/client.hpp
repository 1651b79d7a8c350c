#pragma once

#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/rate_limiter.hpp"
#include "net/connection.hpp"
#include "proto/irc/cap_negotiation.hpp"
#include "proto/irc/message.hpp"

namespace parley::proto::irc {

// One IRC connection's state. Lives on the connection's shard and is only
// touched there: service answers are posted back to that shard first.
struct Client {
    core::ConnId conn = 0;
    std::string address;  // the peer's, for rate limits
    std::string nick;  // "*" until NICK
    bool user_given = false;
    std::string realname;
    std::optional<std::string> pass;  // PASS, kept until registration signs in with it
    CapState caps;
    bool sasl_started = false;
    bool signing_in = false;         // waiting for the service
    std::optional<core::User> user;  // signed in
    bool registered = false;         // 001 sent
    std::vector<std::string> initial_rooms;  // the account's rooms, joined after 001
    std::set<std::string> channels;          // rooms this connection shows as joined
    bool quitting = false;
    bool server_password_ok = false;
    unsigned batches = 0;  // batch references handed out
    // labeled-response: the label whose replies are being collected now, and
    // per label the replies so far and the service answers still to come.
    struct Labeled {
        std::vector<Message> replies;
        int pending = 0;
    };
    std::string active_label;
    std::map<std::string, Labeled> labels;
    core::TokenBucket lines;  // flood control
    // Fake lag: lines beyond the flood rate wait here, and are handled as the
    // rate allows; a client that lets this fill up is disconnected.
    std::list<std::string> lagged;  // a list: an empty deque holds half a kilobyte
    bool drain_scheduled = false;
};

}  // namespace parley::proto::irc

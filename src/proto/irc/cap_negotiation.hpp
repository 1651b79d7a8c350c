#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "proto/irc/capabilities.hpp"
#include "proto/irc/message.hpp"

// IRCv3 capability negotiation (CAP LS/LIST/REQ/END, version 302) as a pure
// function of a CAP message and the connection's state: no I/O, no clock.
namespace parley::proto::irc {

enum class CapPhase {
    NotStarted,   // no CAP LS or REQ before registration
    Negotiating,  // a CAP LS or REQ came before registration: hold it until CAP END
    Ended,        // CAP END closed the negotiation
};

enum class Registration { Pending, Complete };

struct CapState {
    CapSet enabled;
    int version = 0;  // the highest CAP LS version the client sent; 0 for none
    CapPhase phase = CapPhase::NotStarted;

    // Registration must not complete while this is true.
    bool holds_registration() const { return phase == CapPhase::Negotiating; }
};

struct CapOutcome {
    CapState state;
    std::vector<Message> replies;  // in order; may be several CAP LS lines
};

class CapNegotiation {
public:
    // `advertised` is what CAP LS offers and REQ may enable; from CAP LS 302 on
    // cap-notify is enabled and requestable whether it is advertised or not.
    CapNegotiation(std::string server_name, CapSet advertised);

    // `cap` is a parsed message whose command is CAP; `nick` is empty or "*"
    // before the client has one. Unknown subcommands get 410
    // ERR_INVALIDCAPCMD, a missing one 461 ERR_NEEDMOREPARAMS.
    CapOutcome handle(const Message& cap, CapState state, std::string_view nick,
                      Registration registration) const;

    const CapSet& advertised() const { return advertised_; }

private:
    // CAP LS 302 and LIST 302 mark every line but the last with "*".
    enum class Continuation { Star, Unmarked };

    CapOutcome list_supported(const Message& cap, CapState state, std::string_view nick) const;
    CapOutcome list_enabled(CapState state, std::string_view nick) const;
    CapOutcome request(const Message& cap, CapState state, std::string_view nick) const;
    bool can_change(std::string_view token, const CapState& state, CapSet& enabled) const;
    std::vector<Message> cap_lines(std::string_view nick, std::string_view subcommand,
                                   const std::vector<std::string>& tokens,
                                   Continuation continuation) const;

    std::string server_name_;
    CapSet advertised_;
};

}  // namespace parley::proto::irc

#include "proto/irc/cap_negotiation.hpp"

#include <algorithm>
#include <utility>

#include "proto/irc/numerics.hpp"

namespace parley::proto::irc {

namespace {

std::string_view who(std::string_view nick) { return nick.empty() ? unregistered_target : nick; }

Message not_enough_parameters(std::string_view server_name, std::string_view nick) {
    return numeric(server_name, ERR_NEEDMOREPARAMS, who(nick), {"CAP", "Not enough parameters"});
}

std::string uppercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// "CAP LS 302": the version is a number; anything else counts as none.
int parse_version(const Message& cap) {
    if (cap.params.size() < 2) return 0;
    const auto& text = cap.params[1];
    if (text.empty() || text.size() > 6) return 0;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return 0;
    }
    return std::stoi(text);
}

// The list is the last parameter; clients may leave extra spaces in it.
std::vector<std::string> split_caps(std::string_view list) {
    std::vector<std::string> tokens;
    while (!list.empty()) {
        auto space = list.find(' ');
        if (space != 0) tokens.emplace_back(list.substr(0, space));
        if (space == std::string_view::npos) break;
        list.remove_prefix(space + 1);
    }
    return tokens;
}

std::string join(const std::vector<std::string>& tokens) {
    std::string out;
    for (const auto& token : tokens) {
        if (!out.empty()) out += ' ';
        out += token;
    }
    return out;
}

}  // namespace

CapNegotiation::CapNegotiation(std::string server_name, CapSet advertised)
    : server_name_(std::move(server_name)), advertised_(advertised) {}

CapOutcome CapNegotiation::handle(const Message& cap, CapState state, std::string_view nick,
                                  Registration registration) const {
    if (cap.params.empty()) return {state, {not_enough_parameters(server_name_, nick)}};
    auto subcommand = uppercase(cap.params[0]);
    bool starts = subcommand == "LS" || subcommand == "REQ";
    if (starts && registration == Registration::Pending) state.phase = CapPhase::Negotiating;
    if (subcommand == "LS") return list_supported(cap, state, nick);
    if (subcommand == "LIST") return list_enabled(state, nick);
    if (subcommand == "REQ") return request(cap, state, nick);
    if (subcommand == "END") {
        // After registration, or without a negotiation under way, END is ignored.
        if (registration == Registration::Pending && state.phase == CapPhase::Negotiating) {
            state.phase = CapPhase::Ended;
        }
        return {state, {}};
    }
    return {state,
            {numeric(server_name_, ERR_INVALIDCAPCMD, who(nick),
                     {cap.params[0], "Invalid CAP command"})}};
}

CapOutcome CapNegotiation::list_supported(const Message& cap, CapState state,
                                          std::string_view nick) const {
    // Answer in the version asked for now, but remember the highest ever sent.
    int asked = parse_version(cap);
    state.version = std::max(state.version, asked);
    if (state.version >= cap_version_302) state.enabled.add(Cap::CapNotify);
    std::vector<std::string> tokens;
    for (auto offered : advertised_.caps()) tokens.push_back(cap_ls_token(offered, asked));
    auto continuation = asked >= cap_version_302 ? Continuation::Star : Continuation::Unmarked;
    return {state, cap_lines(nick, "LS", tokens, continuation)};
}

CapOutcome CapNegotiation::list_enabled(CapState state, std::string_view nick) const {
    std::vector<std::string> tokens;
    for (auto enabled : state.enabled.caps()) tokens.emplace_back(cap_name(enabled));
    auto continuation =
        state.version >= cap_version_302 ? Continuation::Star : Continuation::Unmarked;
    return {state, cap_lines(nick, "LIST", tokens, continuation)};
}

// All or nothing: one unknown or refused capability NAKs the whole request.
CapOutcome CapNegotiation::request(const Message& cap, CapState state,
                                   std::string_view nick) const {
    if (cap.params.size() < 2) return {state, {not_enough_parameters(server_name_, nick)}};
    auto tokens = split_caps(cap.params[1]);
    auto enabled = state.enabled;
    bool accepted = std::all_of(tokens.begin(), tokens.end(), [&](const std::string& token) {
        return can_change(token, state, enabled);
    });
    if (accepted) state.enabled = enabled;
    return {state, cap_lines(nick, accepted ? "ACK" : "NAK", tokens, Continuation::Unmarked)};
}

// Applies one "name" or "-name" of a REQ to `enabled`; false means NAK.
bool CapNegotiation::can_change(std::string_view token, const CapState& state,
                                CapSet& enabled) const {
    bool removal = !token.empty() && token.front() == '-';
    if (removal) token.remove_prefix(1);
    auto cap = cap_from_name(token);
    if (!cap) return false;
    bool version_302 = state.version >= cap_version_302;
    bool requestable = advertised_.has(*cap) || (*cap == Cap::CapNotify && version_302);
    if (!requestable) return false;
    // capability-negotiation: cap-notify can't be disabled once CAP LS 302 was sent.
    if (removal && *cap == Cap::CapNotify && version_302) return false;
    if (removal) {
        enabled.remove(*cap);
    } else {
        enabled.add(*cap);
    }
    return true;
}

// As many lines as the 510-byte limit needs; an empty list still gets one line,
// as "CAP * LS :" says there is nothing.
std::vector<Message> CapNegotiation::cap_lines(std::string_view nick, std::string_view subcommand,
                                               const std::vector<std::string>& tokens,
                                               Continuation continuation) const {
    auto target = who(nick);
    // ":<server> CAP <nick> <subcommand> * :" comes before the list on each line.
    auto overhead = server_name_.size() + target.size() + subcommand.size() + 11;
    auto budget = overhead < max_body_bytes ? max_body_bytes - overhead : 1;
    std::vector<std::vector<std::string>> groups(1);
    std::size_t used = 0;
    for (const auto& token : tokens) {
        auto needed = token.size() + (groups.back().empty() ? 0 : 1);
        if (!groups.back().empty() && used + needed > budget) {
            groups.emplace_back();
            used = 0;
            needed = token.size();
        }
        groups.back().push_back(token);
        used += needed;
    }
    std::vector<Message> lines;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        Message line{{}, server_name_, "CAP", {std::string(target), std::string(subcommand)}};
        bool more = i + 1 < groups.size();
        if (more && continuation == Continuation::Star) line.params.emplace_back("*");
        line.params.push_back(join(groups[i]));
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace parley::proto::irc

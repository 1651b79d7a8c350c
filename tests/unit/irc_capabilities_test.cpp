#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "proto/irc/cap_negotiation.hpp"
#include "proto/irc/capabilities.hpp"
#include "proto/irc/message.hpp"

namespace parley::proto::irc {

namespace {

Message cap_command(std::string_view line) {
    auto message = parse_line(line);
    EXPECT_TRUE(message.ok()) << line;
    return message.ok() ? *message : Message{};
}

std::vector<std::string> wire(const std::vector<Message>& messages) {
    std::vector<std::string> lines;
    for (const auto& message : messages) lines.push_back(serialize(message));
    return lines;
}

using Lines = std::vector<std::string>;

// A connection's negotiation, one client line at a time.
struct Client {
    const CapNegotiation& negotiation;
    CapState state;
    std::string nick;
    Registration registration = Registration::Pending;

    Lines send(std::string_view line) {
        auto outcome = negotiation.handle(cap_command(line), state, nick, registration);
        state = outcome.state;
        return wire(outcome.replies);
    }
};

const CapNegotiation everything("irc.parley", CapSet::all());

TEST(IrcCapabilities, NamesEveryCapabilityBothWays) {
    const std::set<std::string> expected = {
        "cap-notify",
        "sasl",
        "server-time",
        "message-tags",
        "echo-message",
        "batch",
        "labeled-response",
        "account-tag",
        "account-notify",
        "extended-join",
        "multi-prefix",
        "userhost-in-names",
        "away-notify",
        "invite-notify",
        "setname",
        "draft/chathistory",
        "draft/account-registration",
        "draft/read-marker",
    };
    std::set<std::string> names;
    for (auto cap : CapSet::all().caps()) {
        names.emplace(cap_name(cap));
        EXPECT_EQ(cap_from_name(cap_name(cap)), cap);
    }
    EXPECT_EQ(names, expected);
    EXPECT_EQ(CapSet::all().size(), cap_count);
    for (const char* unknown :
         {"", "SASL", "chathistory", "draft/", "sasl=PLAIN", "-sasl", "ex3"}) {
        EXPECT_FALSE(cap_from_name(unknown)) << unknown;
    }
}

TEST(IrcCapabilities, AdvertisesValuesOnlyFromVersion302) {
    EXPECT_EQ(cap_ls_token(Cap::Sasl, 302), "sasl=PLAIN");
    EXPECT_EQ(cap_ls_token(Cap::AccountRegistration, 302),
              "draft/account-registration=before-connect");
    EXPECT_EQ(cap_ls_token(Cap::Sasl, 0), "sasl");
    EXPECT_EQ(cap_ls_token(Cap::Sasl, 301), "sasl");
    EXPECT_EQ(cap_ls_token(Cap::Sasl, 999), "sasl=PLAIN");
    EXPECT_EQ(cap_ls_token(Cap::Chathistory, 302), "draft/chathistory");
}

TEST(IrcCapabilities, CapSetIsASet) {
    CapSet set{Cap::Sasl, Cap::Batch};
    EXPECT_TRUE(set.has(Cap::Sasl));
    EXPECT_FALSE(set.has(Cap::EchoMessage));
    set.add(Cap::EchoMessage);
    set.add(Cap::EchoMessage);
    set.remove(Cap::Sasl);
    set.remove(Cap::ServerTime);
    EXPECT_EQ(set.caps(), (std::vector<Cap>{Cap::EchoMessage, Cap::Batch}));
    EXPECT_EQ(set, (CapSet{Cap::Batch, Cap::EchoMessage}));
    EXPECT_TRUE(CapSet{}.empty());
}

TEST(IrcCapNegotiation, Ls302ListsValuesAndHoldsRegistration) {
    CapNegotiation negotiation("irc.parley",
                               {Cap::MultiPrefix, Cap::Sasl, Cap::AccountRegistration});
    Client client{negotiation};
    EXPECT_EQ(client.send("CAP LS 302"), Lines{":irc.parley CAP * LS :sasl=PLAIN multi-prefix "
                                               "draft/account-registration=before-connect\r\n"});
    EXPECT_EQ(client.state.version, 302);
    EXPECT_EQ(client.state.phase, CapPhase::Negotiating);
    EXPECT_TRUE(client.state.holds_registration());
    EXPECT_TRUE(client.state.enabled.has(Cap::CapNotify));  // implied by 302
}

TEST(IrcCapNegotiation, LsWithoutVersionListsNamesOnly) {
    CapNegotiation negotiation("irc.parley", {Cap::MultiPrefix, Cap::Sasl});
    Client client{negotiation};
    EXPECT_EQ(client.send("CAP LS"), Lines{":irc.parley CAP * LS :sasl multi-prefix\r\n"});
    EXPECT_EQ(client.state.version, 0);
    EXPECT_FALSE(client.state.enabled.has(Cap::CapNotify));
    // A later LS 302 raises the version; an LS without one afterwards doesn't lower it.
    client.send("CAP LS 302");
    EXPECT_EQ(client.send("cap ls"), Lines{":irc.parley CAP * LS :sasl multi-prefix\r\n"});
    EXPECT_EQ(client.state.version, 302);
    client.send("CAP LS 3o2");
    EXPECT_EQ(client.state.version, 302);
}

TEST(IrcCapNegotiation, NothingAdvertisedIsAnEmptyList) {
    CapNegotiation negotiation("irc.parley", {});
    Client client{negotiation};
    EXPECT_EQ(client.send("CAP LS 302"), Lines{":irc.parley CAP * LS :\r\n"});
    EXPECT_EQ(client.send("CAP REQ :sasl"), Lines{":irc.parley CAP * NAK sasl\r\n"});
}

TEST(IrcCapNegotiation, Ls302SpreadsOverLinesUnder510Bytes) {
    // A long server name forces the list over several lines.
    CapNegotiation negotiation(std::string(300, 's') + ".parley", CapSet::all());
    Client client{negotiation, {}, "somebody"};
    auto lines = client.send("CAP LS 302");
    ASSERT_GE(lines.size(), 2u);
    std::set<std::string> tokens;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 512u);
        auto message = parse_line(lines[i].substr(0, lines[i].size() - 2));
        ASSERT_TRUE(message.ok());
        bool last = i + 1 == lines.size();
        ASSERT_EQ(message->params.size(), last ? 3u : 4u) << lines[i];
        EXPECT_EQ(message->params[0], "somebody");
        EXPECT_EQ(message->params[1], "LS");
        if (!last) {
            EXPECT_EQ(message->params[2], "*");
        }
        std::istringstream list(message->params.back());
        for (std::string token; list >> token;) tokens.insert(token);
    }
    std::set<std::string> expected;
    for (auto cap : CapSet::all().caps()) expected.insert(cap_ls_token(cap, 302));
    EXPECT_EQ(tokens, expected);
}

TEST(IrcCapNegotiation, RequestsAreAcknowledgedWhole) {
    Client client{everything};
    client.send("CAP LS 302");
    EXPECT_EQ(client.send("CAP REQ :multi-prefix sasl"),
              Lines{":irc.parley CAP * ACK :multi-prefix sasl\r\n"});
    EXPECT_TRUE(client.state.enabled.has(Cap::MultiPrefix));
    EXPECT_TRUE(client.state.enabled.has(Cap::Sasl));
    EXPECT_EQ(client.send("CAP REQ server-time"), Lines{":irc.parley CAP * ACK server-time\r\n"});
    EXPECT_EQ(client.send("CAP REQ :echo-message  batch "),
              Lines{":irc.parley CAP * ACK :echo-message batch\r\n"});
}

TEST(IrcCapNegotiation, OneRefusedCapabilityNaksTheWholeRequest) {
    struct Case {
        const char* request;
        const char* reply;
    };
    const Case cases[] = {
        {"CAP REQ :multi-prefix sasl ex3", ":irc.parley CAP * NAK :multi-prefix sasl ex3\r\n"},
        {"CAP REQ :sasl=PLAIN", ":irc.parley CAP * NAK sasl=PLAIN\r\n"},
        {"CAP REQ :SASL", ":irc.parley CAP * NAK SASL\r\n"},
        {"CAP REQ :batch -", ":irc.parley CAP * NAK :batch -\r\n"},
        {"CAP REQ :batch -cap-notify", ":irc.parley CAP * NAK :batch -cap-notify\r\n"},
    };
    for (const auto& c : cases) {
        Client client{everything};
        client.send("CAP LS 302");
        auto before = client.state.enabled;
        EXPECT_EQ(client.send(c.request), Lines{c.reply}) << c.request;
        EXPECT_EQ(client.state.enabled, before) << c.request;
    }
}

TEST(IrcCapNegotiation, OnlyAdvertisedCapabilitiesCanBeEnabled) {
    CapNegotiation negotiation("irc.parley", {Cap::Sasl});
    Client client{negotiation};
    client.send("CAP LS 302");
    EXPECT_EQ(client.send("CAP REQ :sasl batch"), Lines{":irc.parley CAP * NAK :sasl batch\r\n"});
    EXPECT_EQ(client.send("CAP REQ :-batch"), Lines{":irc.parley CAP * NAK -batch\r\n"});
    // cap-notify comes with 302 whether advertised or not, and may be asked for blindly.
    EXPECT_EQ(client.send("CAP REQ :cap-notify sasl"),
              Lines{":irc.parley CAP * ACK :cap-notify sasl\r\n"});
}

TEST(IrcCapNegotiation, DashRemovesACapability) {
    Client client{everything};
    client.send("CAP REQ :multi-prefix away-notify");
    EXPECT_EQ(client.send("CAP REQ :-multi-prefix"),
              Lines{":irc.parley CAP * ACK -multi-prefix\r\n"});
    EXPECT_EQ(client.state.enabled, CapSet{Cap::AwayNotify});
    // Removing what isn't enabled succeeds as if it were.
    EXPECT_EQ(client.send("CAP REQ :-batch"), Lines{":irc.parley CAP * ACK -batch\r\n"});
    // Without CAP LS 302 a client may turn cap-notify on and off.
    client.send("CAP REQ cap-notify");
    EXPECT_TRUE(client.state.enabled.has(Cap::CapNotify));
    EXPECT_EQ(client.send("CAP REQ -cap-notify"), Lines{":irc.parley CAP * ACK -cap-notify\r\n"});
    EXPECT_FALSE(client.state.enabled.has(Cap::CapNotify));
}

TEST(IrcCapNegotiation, ListShowsWhatIsEnabled) {
    Client client{everything};
    EXPECT_EQ(client.send("CAP LIST"), Lines{":irc.parley CAP * LIST :\r\n"});
    client.send("CAP REQ :sasl multi-prefix");
    client.nick = "dan";
    EXPECT_EQ(client.send("CAP LIST"), Lines{":irc.parley CAP dan LIST :sasl multi-prefix\r\n"});
}

TEST(IrcCapNegotiation, EndReleasesRegistration) {
    Client client{everything};
    EXPECT_EQ(client.state.phase, CapPhase::NotStarted);
    EXPECT_TRUE(client.send("CAP END").empty());  // nothing to end
    EXPECT_EQ(client.state.phase, CapPhase::NotStarted);
    client.send("CAP LS 302");
    EXPECT_TRUE(client.state.holds_registration());
    EXPECT_TRUE(client.send("CAP END").empty());
    EXPECT_EQ(client.state.phase, CapPhase::Ended);
    EXPECT_FALSE(client.state.holds_registration());
}

TEST(IrcCapNegotiation, ARequestAloneAlsoHoldsRegistration) {
    Client client{everything};
    client.send("CAP REQ multi-prefix");
    EXPECT_TRUE(client.state.holds_registration());
    client.send("CAP END");
    EXPECT_FALSE(client.state.holds_registration());
}

TEST(IrcCapNegotiation, AfterRegistrationNothingIsHeld) {
    Client client{everything, {}, "dan", Registration::Complete};
    EXPECT_EQ(
        client.send("CAP LS"),
        wire(everything.handle(cap_command("CAP LS"), {}, "dan", Registration::Complete).replies));
    EXPECT_EQ(client.state.phase, CapPhase::NotStarted);
    EXPECT_EQ(client.send("CAP REQ :echo-message"),
              Lines{":irc.parley CAP dan ACK echo-message\r\n"});
    EXPECT_FALSE(client.state.holds_registration());
    EXPECT_TRUE(client.send("CAP END").empty());
}

TEST(IrcCapNegotiation, AnswersMisuseWithNumerics) {
    struct Case {
        const char* line;
        const char* reply;
    };
    const Case cases[] = {
        {"CAP", ":irc.parley 461 * CAP :Not enough parameters\r\n"},
        {"CAP REQ", ":irc.parley 461 * CAP :Not enough parameters\r\n"},
        {"CAP FOO", ":irc.parley 410 * FOO :Invalid CAP command\r\n"},
        {"CAP ACK :sasl", ":irc.parley 410 * ACK :Invalid CAP command\r\n"},
        {"CAP NEW :sasl", ":irc.parley 410 * NEW :Invalid CAP command\r\n"},
    };
    for (const auto& c : cases) {
        Client client{everything};
        EXPECT_EQ(client.send(c.line), Lines{c.reply}) << c.line;
    }
}

TEST(IrcCapNegotiation, FollowsTheSpecificationsExample) {
    CapNegotiation negotiation("irc.parley", {Cap::MultiPrefix, Cap::Sasl});
    Client client{negotiation};
    EXPECT_EQ(client.send("CAP LS 302"),
              Lines{":irc.parley CAP * LS :sasl=PLAIN multi-prefix\r\n"});
    client.nick = "dan";  // NICK dan, USER d * 0 :This is a really good name
    EXPECT_EQ(client.send("CAP REQ :multi-prefix"),
              Lines{":irc.parley CAP dan ACK multi-prefix\r\n"});
    EXPECT_TRUE(client.state.holds_registration());
    EXPECT_TRUE(client.send("CAP END").empty());
    EXPECT_FALSE(client.state.holds_registration());
    EXPECT_EQ(client.state.enabled, (CapSet{Cap::CapNotify, Cap::MultiPrefix}));
}

}  // namespace

}  // namespace parley::proto::irc

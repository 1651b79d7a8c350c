#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "proto/irc/message.hpp"

namespace parley::proto::irc {

namespace {

using core::Errc;
using Params = std::vector<std::string>;
using Tags = std::vector<Tag>;

Message parsed(std::string_view line) {
    auto message = parse_line(line);
    EXPECT_TRUE(message.ok()) << line << ": " << (message.ok() ? "" : message.error().message);
    return message.ok() ? *message : Message{};
}

// "PRIVMSG #a :xxx..." of exactly `size` bytes.
std::string privmsg_of_size(std::size_t size) {
    std::string line = "PRIVMSG #a :";
    line.append(size - line.size(), 'x');
    return line;
}

// "@k=vvv..." whose tag data (between '@' and the space) has exactly `size` bytes.
std::string tags_of_size(std::size_t size) { return "@k=" + std::string(size - 2, 'v'); }

bool is_one_line(const std::string& wire) {
    if (wire.size() < 2 || wire.substr(wire.size() - 2) != "\r\n") return false;
    auto body = wire.substr(0, wire.size() - 2);
    return body.find_first_of(std::string("\r\n\0", 3)) == std::string::npos;
}

TEST(IrcMessage, ParsesRealWorldLines) {
    struct Case {
        const char* line;
        Tags tags;
        const char* source;
        const char* command;
        Params params;
    };
    // From the Modern IRC document and the IRCv3 message-tags and CAP specs.
    const Case cases[] = {
        {":irc.example.com CAP LS * :multi-prefix extended-join sasl",
         {},
         "irc.example.com",
         "CAP",
         {"LS", "*", "multi-prefix extended-join sasl"}},
        {"@id=234AB :dan!d@localhost PRIVMSG #chan :Hey what's up!",
         {{"id", "234AB"}},
         "dan!d@localhost",
         "PRIVMSG",
         {"#chan", "Hey what's up!"}},
        {"CAP REQ :sasl", {}, "", "CAP", {"REQ", "sasl"}},
        {":irc.example.com CAP * LIST :", {}, "irc.example.com", "CAP", {"*", "LIST", ""}},
        {"CAP * LS :multi-prefix sasl", {}, "", "CAP", {"*", "LS", "multi-prefix sasl"}},
        {"CAP REQ :sasl message-tags foo", {}, "", "CAP", {"REQ", "sasl message-tags foo"}},
        {":dan!d@localhost PRIVMSG #chan :Hey!",
         {},
         "dan!d@localhost",
         "PRIVMSG",
         {"#chan", "Hey!"}},
        {":dan!d@localhost PRIVMSG #chan Hey!",
         {},
         "dan!d@localhost",
         "PRIVMSG",
         {"#chan", "Hey!"}},
        {":dan!d@localhost PRIVMSG #chan ::-)", {}, "dan!d@localhost", "PRIVMSG", {"#chan", ":-)"}},
        {"@aaa=bbb;ccc;example.com/ddd=eee :nick!ident@host.com PRIVMSG me :Hello",
         {{"aaa", "bbb"}, {"ccc", ""}, {"example.com/ddd", "eee"}},
         "nick!ident@host.com",
         "PRIVMSG",
         {"me", "Hello"}},
        {"@url=;netsplit=tur,ty :s QUIT", {{"url", ""}, {"netsplit", "tur,ty"}}, "s", "QUIT", {}},
        {R"(@+example=raw+:=,escaped\:\s\\ :irc.example.com NOTICE #channel :Message)",
         {{"+example", "raw+:=,escaped; \\"}},
         "irc.example.com",
         "NOTICE",
         {"#channel", "Message"}},
        {"@label=123;+example-client-tag=example-value TAGMSG #channel",
         {{"label", "123"}, {"+example-client-tag", "example-value"}},
         "",
         "TAGMSG",
         {"#channel"}},
        {"USER d * 0 :This is a really good name",
         {},
         "",
         "USER",
         {"d", "*", "0", "This is a really good name"}},
        {":irc.example.com 001 dan :Welcome to the Internet Relay Network dan",
         {},
         "irc.example.com",
         "001",
         {"dan", "Welcome to the Internet Relay Network dan"}},
        {"privmsg #a :lower case command", {}, "", "PRIVMSG", {"#a", "lower case command"}},
        {"PING", {}, "", "PING", {}},
        {"JOIN #a ", {}, "", "JOIN", {"#a"}},
        {"PRIVMSG   #a   :  spaced  ", {}, "", "PRIVMSG", {"#a", "  spaced  "}},
        {"PRIVMSG #a :", {}, "", "PRIVMSG", {"#a", ""}},
        {"PRIVMSG #a :caf\xC3\xA9 \xF0\x9F\x98\x80",
         {},
         "",
         "PRIVMSG",
         {"#a", "caf\xC3\xA9 \xF0\x9F\x98\x80"}},
    };
    for (const auto& c : cases) {
        auto message = parsed(c.line);
        EXPECT_EQ(message.tags, c.tags) << c.line;
        EXPECT_EQ(message.source, c.source) << c.line;
        EXPECT_EQ(message.command, c.command) << c.line;
        EXPECT_EQ(message.params, c.params) << c.line;
    }
}

TEST(IrcMessage, RejectsMalformedLines) {
    const char* lines[] = {
        "",     "   ",    ":source",     ": PRIVMSG #a :x", "@tag=1",         "@tag=1 ", "PRIV1MSG",
        "12 a", "1234 a", "PRIV-MSG #a", ":s 12ab",         "#a :no command", ":s",      "@a=b :s",
    };
    for (const char* line : lines) {
        auto message = parse_line(line);
        ASSERT_FALSE(message.ok()) << line;
        EXPECT_EQ(message.error().code, Errc::bad_request) << line;
    }
}

TEST(IrcMessage, SerializesToCanonicalLines) {
    struct Case {
        Message message;
        const char* wire;
    };
    const Case cases[] = {
        {{{}, "dan!d@localhost", "PRIVMSG", {"#chan", "Hey what's up!"}},
         ":dan!d@localhost PRIVMSG #chan :Hey what's up!\r\n"},
        {{{}, "", "PRIVMSG", {"#chan", "Hey!"}}, "PRIVMSG #chan Hey!\r\n"},
        {{{}, "", "PRIVMSG", {"#chan", ":-)"}}, "PRIVMSG #chan ::-)\r\n"},
        {{{}, "irc.example.com", "CAP", {"*", "LIST", ""}}, ":irc.example.com CAP * LIST :\r\n"},
        {{{}, "", "PING", {}}, "PING\r\n"},
        {{{{"aaa", "bbb"}, {"ccc", ""}, {"example.com/ddd", "eee"}},
          "nick!ident@host.com",
          "PRIVMSG",
          {"me", "Hello"}},
         "@aaa=bbb;ccc;example.com/ddd=eee :nick!ident@host.com PRIVMSG me Hello\r\n"},
        {{{{"+example", "raw+:=,escaped; \\"}},
          "irc.example.com",
          "NOTICE",
          {"#channel", "Message"}},
         "@+example=raw+:=,escaped\\:\\s\\\\ :irc.example.com NOTICE #channel Message\r\n"},
        {{{{"time", "2024-01-01T00:00:00.000Z"}}, "s", "PRIVMSG", {"#a", "x"}},
         "@time=2024-01-01T00:00:00.000Z :s PRIVMSG #a x\r\n"},
    };
    for (const auto& c : cases) EXPECT_EQ(serialize(c.message), c.wire);
}

TEST(IrcMessage, RoundTripsThroughSerialize) {
    const char* lines[] = {
        ":irc.example.com CAP LS * :multi-prefix extended-join sasl",
        "@id=234AB :dan!d@localhost PRIVMSG #chan :Hey what's up!",
        ":dan!d@localhost PRIVMSG #chan ::-)",
        ":irc.example.com CAP * LIST :",
        R"(@+example=raw+:=,escaped\:\s\\ :irc.example.com NOTICE #channel :Message)",
        R"(@a=\r\n\:\s\\x;b=test\ PRIVMSG #a :line)",
        "@label=123;msgid=abc;+example-client-tag=example-value :nick!user@example.com TAGMSG #c",
        ":irc.example.com 353 dan = #chan :@dan +bob carol",
        "KICK #a bob :go away",
        "MODE #a +ov dan bob",
    };
    for (const char* line : lines) {
        auto first = parsed(line);
        auto wire = serialize(first);
        ASSERT_TRUE(is_one_line(wire)) << line;
        auto second = parsed(wire.substr(0, wire.size() - 2));
        EXPECT_EQ(second.tags, first.tags) << line;
        EXPECT_EQ(second.source, first.source) << line;
        EXPECT_EQ(second.command, first.command) << line;
        EXPECT_EQ(second.params, first.params) << line;
    }
}

TEST(IrcMessage, EscapesTagValuesBothWays) {
    struct Case {
        const char* raw;
        const char* escaped;
    };
    const Case cases[] = {
        {"", ""},
        {"plain", "plain"},
        {"a;b", R"(a\:b)"},
        {"a b", R"(a\sb)"},
        {"a\\b", R"(a\\b)"},
        {"a\rb", R"(a\rb)"},
        {"a\nb", R"(a\nb)"},
        {"raw+:=,escaped; \\", R"(raw+:=,escaped\:\s\\)"},
        {"\\s", R"(\\s)"},
        {"; \\\r\n", R"(\:\s\\\r\n)"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(escape_tag_value(c.raw), c.escaped) << c.raw;
        EXPECT_EQ(unescape_tag_value(c.escaped), c.raw) << c.escaped;
    }
    // Lenient forms a receiver must accept.
    EXPECT_EQ(unescape_tag_value(R"(test\)"), "test");  // a lone trailing backslash is dropped
    EXPECT_EQ(unescape_tag_value(R"(\b\x)"), "bx");     // unknown escapes give the character
    EXPECT_EQ(unescape_tag_value(R"(\\\)"), "\\");
    EXPECT_EQ(escape_tag_value(std::string("a\0b", 3)), "ab");  // NUL has no escape
}

TEST(IrcMessage, ReadsTagsTheWayMessageTagsSays) {
    auto message = parsed("@a=1;;b;a=2;=x;+c=; PING");
    EXPECT_EQ(message.tags, (Tags{{"a", "2"}, {"b", ""}, {"+c", ""}}));
    ASSERT_NE(find_tag(message, "a"), nullptr);
    EXPECT_EQ(*find_tag(message, "a"), "2");
    EXPECT_EQ(find_tag(message, "z"), nullptr);
    EXPECT_TRUE(is_client_only_tag("+typing"));
    EXPECT_FALSE(is_client_only_tag("label"));
    for (const char* key : {"a", "+a", "draft/typing", "+example.com/foo-bar", "msgid", "A-1"}) {
        EXPECT_TRUE(is_valid_tag_key(key)) << key;
    }
    for (const char* key : {"", "+", "/a", "a/", "a b", "a=b", "a;b", "a_b", "x/y/z", "++a"}) {
        EXPECT_FALSE(is_valid_tag_key(key)) << key;
    }
}

TEST(IrcMessage, BodyLimitIs510Bytes) {
    auto at_limit = privmsg_of_size(510);
    ASSERT_TRUE(parse_line(at_limit).ok());
    EXPECT_EQ(parse_line(at_limit)->params[1].size(), 510 - 12);

    auto over = parse_line(privmsg_of_size(511));
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, Errc::too_large);
    EXPECT_NE(over.error().message.find("510"), std::string::npos);
}

TEST(IrcMessage, ClientTagLimitIs4094Bytes) {
    auto at_limit = tags_of_size(max_client_tag_bytes) + " " + privmsg_of_size(510);
    auto message = parse_line(at_limit);
    ASSERT_TRUE(message.ok());
    EXPECT_EQ(message->tags[0].value.size(), max_client_tag_bytes - 2);

    auto over = parse_line(tags_of_size(max_client_tag_bytes + 1) + " PING");
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, Errc::too_large);
    EXPECT_NE(over.error().message.find("4094"), std::string::npos);

    // Tags within their limit don't count toward the 510 of the rest.
    auto body_over = parse_line(tags_of_size(10) + " " + privmsg_of_size(511));
    ASSERT_FALSE(body_over.ok());
    EXPECT_NE(body_over.error().message.find("510"), std::string::npos);
    EXPECT_EQ(parse_line(tags_of_size(max_client_tag_bytes + 1)).error().code, Errc::too_large);
}

TEST(IrcMessage, AnOversizedLineIsTooLargeEvenWithBadBytes) {
    auto line = privmsg_of_size(600);
    line[20] = '\0';
    EXPECT_EQ(parse_line(line).error().code, Errc::too_large);
}

TEST(IrcMessage, RefusesNulCrAndLfInEveryPart) {
    const std::string forbidden[] = {std::string(1, '\0'), "\r", "\n"};
    const char* templates[] = {
        "@k=v%s PRIVMSG #a :x", "@k%s=v PRIVMSG #a :x", ":so%surce PRIVMSG #a :x",
        "PRIV%sMSG #a :x",      "PRIVMSG #a%s :x",      "PRIVMSG #a :x%sy",
        "PRIVMSG #a :x%s",      "%sPRIVMSG #a :x",
    };
    for (const auto& bad : forbidden) {
        for (std::string line : templates) {
            line.replace(line.find("%s"), 2, bad);
            auto message = parse_line(line);
            ASSERT_FALSE(message.ok()) << line;
            EXPECT_EQ(message.error().code, Errc::bad_request) << line;
        }
    }
}

TEST(IrcMessage, NoCrLfOrNulFromAnyFieldReachesTheWire) {
    const std::string injections[] = {"\r\nQUIT :pwned", "\nKILL x", "\rX", std::string("a\0b", 3)};
    for (const auto& evil : injections) {
        Message message;
        message.tags = {{"+k" + evil, evil}, {"label", evil}};
        message.source = "nick" + evil;
        message.command = "PRIVMSG";
        message.params = {"#a" + evil, evil, "text " + evil};
        auto wire = serialize(message);
        ASSERT_TRUE(is_one_line(wire)) << wire;
        auto back = parsed(wire.substr(0, wire.size() - 2));
        EXPECT_EQ(back.command, "PRIVMSG");
        EXPECT_EQ(back.params.size(), 3u) << wire;
        ASSERT_NE(find_tag(back, "label"), nullptr);
        auto expected_value = evil;
        std::erase(expected_value, '\0');
        EXPECT_EQ(*find_tag(back, "label"), expected_value);  // CR and LF survive, escaped
        EXPECT_EQ(find_tag(back, "+k" + evil), nullptr);      // an invalid key is dropped

        message.command = "PRIV" + evil;
        EXPECT_TRUE(is_one_line(serialize(message)));
    }
}

TEST(IrcMessage, CrLfAndNulBecomeSpacesInTheLastParameter) {
    Message message{{}, "", "PRIVMSG", {"#a", std::string("one\rtwo\nthree\0four", 18)}};
    EXPECT_EQ(serialize(message), "PRIVMSG #a :one two three four\r\n");
}

TEST(IrcMessage, KeepsMiddleParametersOneWordEach) {
    struct Case {
        Params params;
        const char* wire;
    };
    const Case cases[] = {
        {{"#a", ""}, "X #a :\r\n"},     {{"#a", "one two"}, "X #a :one two\r\n"},
        {{"#a", ":)"}, "X #a ::)\r\n"}, {{"#a", "plain"}, "X #a plain\r\n"},
        {{"", "x"}, "X * x\r\n"},       {{"a b", "x"}, "X a_b x\r\n"},
        {{"::1", "x"}, "X 0::1 x\r\n"}, {{"a\r\nb", "x"}, "X a__b x\r\n"},
    };
    for (const auto& c : cases) EXPECT_EQ(serialize(Message{{}, "", "X", c.params}), c.wire);
}

TEST(IrcMessage, TheFifteenthParameterTakesTheRestOfTheLine) {
    std::string fourteen = "CMD";
    for (int i = 1; i <= 14; ++i) fourteen += " p" + std::to_string(i);
    struct Case {
        std::string line;
        std::string last;
    };
    const Case cases[] = {
        {fourteen + " last", "last"},
        {fourteen + " :with spaces", "with spaces"},
        {fourteen + " no colon but spaces", "no colon but spaces"},
        {fourteen + " p15 p16 :p17", "p15 p16 :p17"},
    };
    for (const auto& c : cases) {
        auto message = parsed(c.line);
        ASSERT_EQ(message.params.size(), max_params) << c.line;
        EXPECT_EQ(message.params[13], "p14");
        EXPECT_EQ(message.params.back(), c.last) << c.line;
    }
    EXPECT_EQ(parsed(fourteen).params.size(), 14u);
}

TEST(IrcMessage, TruncatesTheBodyAtACharacterBoundary) {
    struct Case {
        std::string character;
        std::size_t offset;  // where the character starts, from the end of 510
        std::size_t kept;
    };
    const Case cases[] = {
        {"x", 0, 510},                 // ASCII: cut exactly at 510
        {"\xC3\xA9", 1, 509},          // é straddles 510: dropped whole
        {"\xE2\x82\xAC", 2, 508},      // €
        {"\xF0\x9F\x98\x80", 3, 507},  // 😀 with one byte in
        {"\xF0\x9F\x98\x80", 1, 509},  // 😀 with three bytes in
        {"\xF0\x9F\x98\x80", 4, 510},  // 😀 fits exactly
    };
    for (const auto& c : cases) {
        std::string prefix = "PRIVMSG #a :";
        std::string text = "y " + std::string(510 - prefix.size() - 2 - c.offset, 'x');
        text += c.character;
        text += std::string(40, 'y');
        auto wire = serialize(Message{{}, "", "PRIVMSG", {"#a", text}});
        auto body = wire.substr(0, wire.size() - 2);
        EXPECT_EQ(body.size(), c.kept) << c.offset;
        EXPECT_EQ(body.substr(0, prefix.size()), prefix);
        EXPECT_TRUE(parse_line(body).ok());
    }
    // Not UTF-8 at all: a byte cut at 510 rather than a search without end.
    auto junk = serialize(Message{{}, "", "PRIVMSG", {"#a", std::string(600, '\x80')}});
    EXPECT_EQ(junk.size(), 512u);
}

TEST(IrcMessage, TagsAreNeverTruncated) {
    Message message{{{"+long", std::string(3000, 'v')}}, "s", "PRIVMSG", {"#a", "x"}};
    auto wire = serialize(message);
    EXPECT_EQ(wire, "@+long=" + std::string(3000, 'v') + " :s PRIVMSG #a x\r\n");
}

TEST(IrcMessage, AnyLineEitherFailsOrRoundTrips) {
    // Deterministic: a fixed seed over the characters that matter to the grammar,
    // with the forbidden ones rare enough that most lines still parse.
    static const std::string common = "@:; =\\+/#-aZ9\x80\xC3\xA9";
    static const std::string forbidden("\r\n\0", 3);
    std::mt19937 random(4);
    auto text = [&](std::size_t max_length) {
        std::string out;
        for (auto n = random() % (max_length + 1); n > 0; --n) {
            const auto& from = random() % 100 == 0 ? forbidden : common;
            out += from[random() % from.size()];
        }
        return out;
    };
    int round_trips = 0;
    for (int i = 0; i < 20000; ++i) {
        auto line = i % 4 == 0 ? text(80) : "@" + text(20) + " :" + text(8) + " CMD " + text(80);
        auto first = parse_line(line);
        if (!first.ok()) continue;
        auto wire = serialize(*first);
        ASSERT_TRUE(is_one_line(wire)) << line;
        auto second = parse_line(wire.substr(0, wire.size() - 2));
        ASSERT_TRUE(second.ok()) << line;
        auto expected = *first;
        std::erase_if(expected.tags, [](const Tag& t) { return !is_valid_tag_key(t.key); });
        EXPECT_EQ(*second, expected) << line;
        ++round_trips;
    }
    EXPECT_GT(round_trips, 1000);  // the property was exercised, not skipped
}

}  // namespace

}  // namespace parley::proto::irc

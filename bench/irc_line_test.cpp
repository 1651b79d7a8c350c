#include "irc_line.hpp"

#include <gtest/gtest.h>

#include "bench_text.hpp"

namespace parley::bench::irc {

TEST(IrcLine, PrefixCommandAndTrailing) {
    Line line;
    ASSERT_TRUE(parse(":bn3!bn3@127.0.0.1 PRIVMSG #general :12 345 xx yy", line));
    EXPECT_EQ(line.prefix, "bn3!bn3@127.0.0.1");
    EXPECT_EQ(nick_of(line.prefix), "bn3");
    EXPECT_EQ(line.command, "PRIVMSG");
    ASSERT_EQ(line.param_count, 2u);
    EXPECT_EQ(line.param(0), "#general");
    EXPECT_EQ(line.last(), "12 345 xx yy");
}

TEST(IrcLine, TagsAndMiddleParameters) {
    Line line;
    ASSERT_TRUE(parse("@time=x;msgid=1 :srv PONG srv tok", line));
    EXPECT_EQ(line.tags, "time=x;msgid=1");
    EXPECT_EQ(line.command, "PONG");
    EXPECT_EQ(line.last(), "tok");
    ASSERT_TRUE(parse("PING :abc", line));
    EXPECT_TRUE(line.prefix.empty());
    EXPECT_EQ(line.last(), "abc");
    EXPECT_FALSE(parse("", line));
    EXPECT_FALSE(parse(":only-prefix", line));
}

TEST(IrcLine, ErrorNumerics) {
    EXPECT_TRUE(is_error_numeric("433"));
    EXPECT_TRUE(is_error_numeric("501"));
    EXPECT_FALSE(is_error_numeric("001"));
    EXPECT_FALSE(is_error_numeric("366"));
    EXPECT_FALSE(is_error_numeric("PRIVMSG"));
}

TEST(IrcLine, BenchTextRoundTrip) {
    std::string text = bench_text(42, 123456789, 7, 100);
    EXPECT_EQ(text.size(), 100u);
    auto parsed = parse_bench_text(text);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->seq, 42);
    EXPECT_EQ(parsed->sent_ns, 123456789);
    EXPECT_EQ(parsed->sender, 7);
    EXPECT_EQ(parse_bench_text("1 2 xxx")->sender, -1);
    EXPECT_FALSE(parse_bench_text("hello world"));
    EXPECT_FALSE(parse_bench_text("12"));
    EXPECT_FALSE(parse_bench_text("-1 5 x"));
    EXPECT_TRUE(parse_bench_text("7 8"));
}

}  // namespace parley::bench::irc

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proto/irc/line_reader.hpp"

namespace parley::proto::irc {

namespace {

// Lines as text, with "<too long>" standing for an overflow report.
std::vector<std::string> drain(LineReader& reader) {
    std::vector<std::string> lines;
    while (auto line = reader.next_line()) {
        lines.push_back(line->status == LineStatus::TooLong ? "<too long>" : line->text);
    }
    return lines;
}

std::vector<std::string> read_all(std::string_view stream, std::size_t chunk,
                                  std::size_t cap = default_max_line_bytes) {
    LineReader reader(cap);
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < stream.size(); i += chunk) {
        reader.feed(stream.substr(i, chunk));
        for (auto& line : drain(reader)) lines.push_back(std::move(line));
    }
    return lines;
}

using Lines = std::vector<std::string>;

TEST(IrcLineReader, SplitsOnCrLfAndBareLf) {
    struct Case {
        const char* stream;
        Lines lines;
    };
    const Case cases[] = {
        {"NICK dan\r\nUSER d * 0 :Dan\r\n", {"NICK dan", "USER d * 0 :Dan"}},
        {"NICK dan\nUSER d * 0 :Dan\n", {"NICK dan", "USER d * 0 :Dan"}},
        {"A\r\nB\nC\r\n", {"A", "B", "C"}},
        {"\r\n\n\r\nPING x\r\n\n", {"PING x"}},  // empty lines are ignored
        {"PING x", {}},                          // no line break yet: nothing
        {"PING x\r", {}},
        {"A\rB\r\n", {"A\rB"}},  // a lone CR is not a line break; parse_line refuses it
    };
    for (const auto& c : cases) {
        for (std::size_t chunk : {1u, 2u, 3u, 7u, 1000u}) {
            EXPECT_EQ(read_all(c.stream, chunk), c.lines) << c.stream << " in chunks of " << chunk;
        }
    }
}

TEST(IrcLineReader, KeepsAnUnfinishedLineUntilItEnds) {
    LineReader reader;
    reader.feed("PRIVMSG #a :hel");
    EXPECT_FALSE(reader.next_line());
    EXPECT_EQ(reader.pending_bytes(), 15u);
    reader.feed("lo\r");
    EXPECT_FALSE(reader.next_line());
    reader.feed("\nPI");
    EXPECT_EQ(drain(reader), Lines{"PRIVMSG #a :hello"});
    reader.feed("NG\r\n");
    EXPECT_EQ(drain(reader), Lines{"PING"});
    EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST(IrcLineReader, ALineOf8191BytesIsAccepted) {
    const std::string line(8191, 'x');
    for (const char* end : {"\r\n", "\n"}) {
        for (std::size_t chunk : {1u, 100u, 8191u, 8192u, 10000u}) {
            EXPECT_EQ(read_all(line + end, chunk), Lines{line}) << chunk;
        }
    }
}

TEST(IrcLineReader, ALineOf8192BytesOverflowsAndTheNextLineIsRead) {
    const std::string stream = "A\r\n" + std::string(8192, 'x') + "\r\nPING after\r\n";
    for (std::size_t chunk : {1u, 5u, 4096u, 8192u, 9000u, 20000u}) {
        EXPECT_EQ(read_all(stream, chunk), (Lines{"A", "<too long>", "PING after"})) << chunk;
    }
}

TEST(IrcLineReader, ReportsTheOverflowBeforeTheLineEnds) {
    LineReader reader;
    reader.feed(std::string(8191, 'x'));
    EXPECT_FALSE(reader.next_line());
    reader.feed("\r");  // could still be the end of a valid line
    EXPECT_FALSE(reader.next_line());
    reader.feed("y");
    auto line = reader.next_line();
    ASSERT_TRUE(line);
    EXPECT_EQ(line->status, LineStatus::TooLong);
    EXPECT_TRUE(line->text.empty());
    EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST(IrcLineReader, MemoryStaysBoundedWhateverIsSent) {
    LineReader reader;
    const std::string chunk(65536, 'z');
    std::size_t reports = 0;
    for (int i = 0; i < 64; ++i) {  // 4 MiB without a line break
        reader.feed(chunk);
        EXPECT_LE(reader.pending_bytes(), default_max_line_bytes + 1);
        while (auto line = reader.next_line()) {
            EXPECT_EQ(line->status, LineStatus::TooLong);
            ++reports;
        }
    }
    EXPECT_EQ(reports, 1u);  // one overlong line, one report
    reader.feed("zzz\r\nQUIT :bye\r\n");
    EXPECT_EQ(drain(reader), Lines{"QUIT :bye"});
}

TEST(IrcLineReader, HonoursACustomCap) {
    struct Case {
        const char* stream;
        Lines lines;
    };
    // Cap of 4 bytes per line.
    const Case cases[] = {
        {"abcd\r\n", {"abcd"}},
        {"abcd\n", {"abcd"}},
        {"abcde\r\nok\r\n", {"<too long>", "ok"}},
        {"abcde\nok\n", {"<too long>", "ok"}},
        {"abcd\r\rx\nok\n", {"<too long>", "ok"}},
        {"a\nabcdefghij\nb\nabcdefghijklmnop", {"a", "<too long>", "b", "<too long>"}},
    };
    for (const auto& c : cases) {
        for (std::size_t chunk : {1u, 2u, 3u, 64u}) {
            EXPECT_EQ(read_all(c.stream, chunk, 4), c.lines) << c.stream << " / " << chunk;
        }
    }
}

}  // namespace

}  // namespace parley::proto::irc

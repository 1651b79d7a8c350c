#include "net/line_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace parley::net::detail {
namespace {

// What the splitter yields for each chunk in turn: the lines, "<too long>", and a
// "|" where a chunk ends, so a report that comes before its newline shows.
std::vector<std::string> split(std::size_t max_line, std::vector<std::string_view> chunks) {
    LineSplitter splitter(max_line);
    std::vector<std::string> out;
    for (std::string_view chunk : chunks) {
        while (auto line = splitter.next(chunk)) {
            out.push_back(line->status == LineStatus::TooLong ? "<too long>" : line->text);
        }
        EXPECT_TRUE(chunk.empty());
        EXPECT_LE(splitter.pending_bytes(), max_line + 1);
        out.push_back("|");
    }
    return out;
}

struct Case {
    const char* name;
    std::size_t max_line;
    std::vector<std::string_view> chunks;
    std::vector<std::string> expected;
};

const std::vector<Case> cases = {
    {"crlf and bare lf", 64, {"PING a\r\nNICK b\nUSER c\r\n"}, {"PING a", "NICK b", "USER c", "|"}},
    {"empty lines are skipped", 64, {"\r\n\n\r\n", "a\r\n\r\n"}, {"|", "a", "|"}},
    {"split across reads", 64, {"PRIV", "MSG x\r", "\n"}, {"|", "|", "PRIVMSG x", "|"}},
    {"an unfinished line waits", 64, {"abc"}, {"|"}},
    {"only one cr is stripped", 64, {"a\r\r\n"}, {"a\r", "|"}},
    {"a lone cr is a line", 64, {"\r\r\n"}, {"\r", "|"}},
    {"exactly the cap", 4, {"abcd\r\n", "efgh\n"}, {"abcd", "|", "efgh", "|"}},
    {"the cap, cr in the next read", 4, {"abcd\r", "\n"}, {"|", "abcd", "|"}},
    {"the cap, crlf in the next read", 4, {"abcd", "\r\n"}, {"|", "abcd", "|"}},
    {"one over, whole", 4, {"abcde\r\n", "ok\r\n"}, {"<too long>", "|", "ok", "|"}},
    {"one over, bare lf", 4, {"abcde\n"}, {"<too long>", "|"}},
    {"cap plus cr plus cr", 4, {"abcd\r\r\n"}, {"<too long>", "|"}},
    {"reported before its end, once",
     4,
     {"abcde", "fghij", "klm\r\nok\r\n"},
     {"<too long>", "|", "|", "ok", "|"}},
    {"over the cap by a cr that is not the end",
     4,
     {"abcd\r", "x\r\n", "ok\n"},
     {"|", "<too long>", "|", "ok", "|"}},
    {"two over-long lines", 2, {"abc\ndef\nok\n"}, {"<too long>", "<too long>", "ok", "|"}},
    {"zero cap", 0, {"a\n\r\n"}, {"<too long>", "|"}},
};

TEST(LineSplitter, Table) {
    for (const Case& test : cases) {
        EXPECT_EQ(split(test.max_line, test.chunks), test.expected) << test.name;
    }
}

TEST(LineSplitter, MemoryStaysBoundedWhateverArrives) {
    LineSplitter splitter(8191);
    std::string junk(64 * 1024, 'j');
    int reports = 0;
    for (int i = 0; i < 100; ++i) {
        std::string_view input = junk;
        while (auto line = splitter.next(input)) {
            EXPECT_EQ(line->status, LineStatus::TooLong);
            ++reports;
        }
        EXPECT_LE(splitter.pending_bytes(), 8192u);
    }
    EXPECT_EQ(reports, 1);
    std::string_view end = "\nPING x\r\n";
    auto line = splitter.next(end);
    ASSERT_TRUE(line);
    EXPECT_EQ(line->text, "PING x");
}

}  // namespace
}  // namespace parley::net::detail

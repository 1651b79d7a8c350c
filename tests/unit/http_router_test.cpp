// The route matcher on its own: literal and `{param}` segments, 404 versus 405.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace parley::http {
namespace {

constexpr std::array table{
    Route{"GET", "/"},
    Route{"GET", "/a"},
    Route{"POST", "/a"},
    Route{"GET", "/a/{x}"},
    Route{"DELETE", "/a/{x}/b/{y}"},
    Route{"GET", "/a/fixed"},  // shadowed by /a/{x}: the first fitting row wins
};

struct MatchCase {
    const char* method;
    std::vector<std::string> segments;
    int row;             // index into `table`, or -1 for no route
    std::string params;  // "name=value;" for each parameter
    std::vector<std::string_view> allowed;
};

std::string show(const PathParams& params) {
    std::string out;
    for (const auto& [name, value] : params) out += std::string(name) + "=" + value + ";";
    return out;
}

TEST(HttpRouter, MatchesTableRows) {
    const MatchCase cases[] = {
        {"GET", {}, 0, "", {}},
        {"GET", {"a"}, 1, "", {}},
        {"POST", {"a"}, 2, "", {}},
        {"PUT", {"a"}, -1, "", {"GET", "POST"}},
        {"GET", {"a", "v 1"}, 3, "x=v 1;", {}},
        {"GET", {"a", "fixed"}, 3, "x=fixed;", {}},
        {"DELETE", {"a", "1", "b", "2"}, 4, "x=1;y=2;", {}},
        {"GET", {"a", "1", "b", "2"}, -1, "", {"DELETE"}},
        {"GET", {"a", ""}, -1, "", {}},
        {"GET", {"a", "1", "b"}, -1, "", {}},
        {"GET", {"a", "1", "b", "2", "c"}, -1, "", {}},
        {"GET", {"b"}, -1, "", {}},
        {"GET", {""}, -1, "", {}},
    };
    Router router{table};
    for (const auto& row : cases) {
        auto match = router.match(row.method, row.segments);
        SCOPED_TRACE(std::string(row.method) + " row " + std::to_string(row.row));
        EXPECT_EQ(match.route == nullptr ? -1 : match.route - table.data(), row.row);
        EXPECT_EQ(show(match.params), row.params);
        EXPECT_EQ(match.allowed, row.allowed);
    }
}

}  // namespace
}  // namespace parley::http

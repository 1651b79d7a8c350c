#include <gtest/gtest.h>

#include <string>

#include "core/file_url.hpp"
#include "http/download_conditions.hpp"
#include "http/file_responses.hpp"
#include "http/session_cookie.hpp"

namespace parley::http {
namespace {

std::string header(const net::HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

TEST(ContentDisposition, HasAsciiFallbackAndExactUtf8Name) {
    EXPECT_EQ(content_disposition(Disposition::attachment, "r\xC3\xA9sum\xC3\xA9 v2.pdf"),
              "attachment; filename=\"r_sum_ v2.pdf\"; "
              "filename*=UTF-8''r%C3%A9sum%C3%A9%20v2.pdf");
    EXPECT_EQ(content_disposition(Disposition::inline_view, "a.png"),
              "inline; filename=\"a.png\"; filename*=UTF-8''a.png");
}

TEST(ContentDisposition, QuotesBackslashesAndPercentCannotEscape) {
    auto value = content_disposition(Disposition::attachment, "a\"b\\c%d;e.txt");
    EXPECT_EQ(value,
              "attachment; filename=\"a_b_c_d;e.txt\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.txt");
}

TEST(FileUrl, NameIsOneEncodedSegment) {
    EXPECT_EQ(core::file_url(7, "../a b.txt"), "/api/v1/files/7/..%2Fa%20b.txt");
}

TEST(DownloadResponse, OnlyImagesAreInlineAndEverythingIsSandboxed) {
    core::Attachment image{1, "p.png", 10, "image/png", "/u"};
    core::Attachment svg{2, "x.svg", 10, "image/svg+xml", "/u"};
    auto shown = download_response(image, "/data/files/abc");
    EXPECT_EQ(shown.content_type, "image/png");
    EXPECT_TRUE(header(shown, "Content-Disposition").starts_with("inline;"));
    EXPECT_EQ(shown.body_file, "/data/files/abc");
    auto saved = download_response(svg, "/data/files/def");
    EXPECT_EQ(saved.content_type, "application/octet-stream");
    EXPECT_TRUE(header(saved, "Content-Disposition").starts_with("attachment;"));
    for (const auto& response : {shown, saved}) {
        EXPECT_EQ(header(response, "X-Content-Type-Options"), "nosniff");
        EXPECT_TRUE(header(response, "Content-Security-Policy").starts_with("sandbox;"));
    }
}

TEST(AvatarNames, OnlyIdDashHexPng) {
    EXPECT_TRUE(is_avatar_name("12-0123456789abcdef0123456789abcdef.png"));
    EXPECT_FALSE(is_avatar_name("12-0123456789abcdef0123456789abcdeF.png"));
    EXPECT_FALSE(is_avatar_name("-0123456789abcdef0123456789abcdef.png"));
    EXPECT_FALSE(is_avatar_name("x-0123456789abcdef0123456789abcdef.png"));
    EXPECT_FALSE(is_avatar_name("12-0123456789abcdef0123456789abcdef.svg"));
    EXPECT_FALSE(is_avatar_name("../parley.db"));
    EXPECT_FALSE(is_avatar_name(""));
}

TEST(SessionCookie, SetAndClear) {
    EXPECT_EQ(set_session_cookie("tok", CookieSecurity::plain),
              "parley_session=tok; Path=/api/v1/files; HttpOnly; SameSite=Lax");
    EXPECT_EQ(set_session_cookie("tok", CookieSecurity::secure),
              "parley_session=tok; Path=/api/v1/files; HttpOnly; SameSite=Lax; Secure");
    EXPECT_TRUE(clear_session_cookie(CookieSecurity::plain).ends_with("Max-Age=0"));
}

TEST(SessionCookie, ReadFromACookieHeader) {
    EXPECT_EQ(session_cookie("parley_session=abc"), "abc");
    EXPECT_EQ(session_cookie("a=1; parley_session=abc ; b=2"), "abc");
    EXPECT_EQ(session_cookie("xparley_session=abc"), std::nullopt);
    EXPECT_EQ(session_cookie("parley_session="), std::nullopt);
    EXPECT_EQ(session_cookie(""), std::nullopt);
}

}  // namespace
}  // namespace parley::http

namespace parley::http {
namespace {

struct RangeCase {
    const char* label;
    const char* if_none_match;
    const char* range;
    int status;
    std::uint64_t offset;
    std::optional<std::uint64_t> length;
};

const RangeCase range_cases[] = {
    {"none", "", "", 200, 0, std::nullopt},
    {"first_bytes", "", "bytes=0-9", 206, 0, 10},
    {"open_end", "", "bytes=90-", 206, 90, 10},
    {"suffix", "", "bytes=-5", 206, 95, 5},
    {"suffix_longer_than_file", "", "bytes=-500", 206, 0, 100},
    {"end_clamped", "", "bytes=50-1000", 206, 50, 50},
    {"past_the_end", "", "bytes=100-", 416, 0, std::nullopt},
    {"empty_suffix", "", "bytes=-0", 416, 0, std::nullopt},
    {"several_ranges_ignored", "", "bytes=0-1,4-5", 200, 0, std::nullopt},
    {"other_unit_ignored", "", "lines=1-2", 200, 0, std::nullopt},
    {"backwards_ignored", "", "bytes=9-2", 200, 0, std::nullopt},
    {"garbage_ignored", "", "bytes=a-b", 200, 0, std::nullopt},
    {"etag_match", "\"file-1\"", "bytes=0-9", 304, 0, std::nullopt},
    {"etag_in_list", "\"x\", \"file-1\"", "", 304, 0, std::nullopt},
    {"etag_other", "\"file-2\"", "", 200, 0, std::nullopt},
};

class DownloadConditionsTest : public ::testing::TestWithParam<RangeCase> {};

TEST_P(DownloadConditionsTest, RangeAndEtag) {
    auto response = download_response({1, "f.bin", 100, "application/octet-stream", "/u"}, "/p");
    apply_download_conditions(GetParam().if_none_match, GetParam().range, 100, response);
    EXPECT_EQ(response.status, GetParam().status);
    EXPECT_EQ(response.body_length, GetParam().length);
    if (GetParam().length) EXPECT_EQ(response.body_offset, GetParam().offset);
    EXPECT_EQ(response.body_file.empty(), GetParam().status == 304 || GetParam().status == 416);
}

INSTANTIATE_TEST_SUITE_P(Http, DownloadConditionsTest, ::testing::ValuesIn(range_cases),
                         [](const auto& info) { return std::string(info.param.label); });

}  // namespace
}  // namespace parley::http

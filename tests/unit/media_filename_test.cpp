#include <gtest/gtest.h>

#include <string>

#include "media/filename.hpp"

namespace parley::media {
namespace {

using namespace std::string_literals;

struct NameCase {
    const char* label;
    std::string given;
    std::string stored;
};

const NameCase name_cases[] = {
    {"plain", "report.pdf", "report.pdf"},
    {"utf8_kept", "\xC3\xA9t\xC3\xA9 \xE6\x97\xA5.txt", "\xC3\xA9t\xC3\xA9 \xE6\x97\xA5.txt"},
    {"traversal", "../../etc/passwd", "_.._etc_passwd"},
    {"backslashes", "..\\..\\win.ini", "_.._win.ini"},
    {"nul", "a\0b.txt"s, "a_b.txt"},
    {"crlf", "evil\r\nSet-Cookie: x", "evil__Set-Cookie_ x"},
    {"rtl_override", "invoice\xE2\x80\xAEgpj.exe", "invoice_gpj.exe"},
    {"zero_width", "a\u200Bb", "a_b"},
    {"c1_control", "a\u0085b", "a_b"},
    {"invalid_utf8", "a\xFF\xFE"s + "b", "a__b"},
    {"overlong_slash", "a\xC0\xAF"s + "b", "a__b"},
    {"quotes", "say \"hi\".txt", "say _hi_.txt"},
    {"hidden", ".bashrc", "bashrc"},
    {"dots_only", "..", "file"},
    {"empty", "", "file"},
    {"spaces_trimmed", "  name.txt  ", "name.txt"},
};

class FilenameTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(FilenameTest, StoredNameIsSafe) {
    EXPECT_EQ(sanitize_filename(GetParam().given), GetParam().stored);
}

INSTANTIATE_TEST_SUITE_P(Media, FilenameTest, ::testing::ValuesIn(name_cases),
                         [](const auto& info) { return std::string(info.param.label); });

TEST(FilenameLength, LongNamesKeepTheirExtensionWithin255Bytes) {
    auto stored = sanitize_filename(std::string(1000, 'x') + ".txt");
    EXPECT_EQ(stored.size(), max_filename_bytes);
    EXPECT_TRUE(stored.ends_with("xxx.txt"));
}

TEST(FilenameLength, CutNeverSplitsACharacter) {
    std::string name;
    for (int i = 0; i < 300; ++i) name += "\xE6\x97\xA5";  // 3 bytes each
    auto stored = sanitize_filename(name);
    EXPECT_LE(stored.size(), max_filename_bytes);
    EXPECT_EQ(stored.size() % 3, 0u);
}

}  // namespace
}  // namespace parley::media

#include <gtest/gtest.h>

#include <string>

#include "media/sniff.hpp"

namespace parley::media {
namespace {

using namespace std::string_literals;

struct SniffCase {
    const char* name;
    std::string bytes;
    std::optional<ImageType> image;
    const char* content_type;
};

const SniffCase sniff_cases[] = {
    {"png", "\x89PNG\r\n\x1a\n rest"s, ImageType::png, "image/png"},
    {"jpeg", "\xFF\xD8\xFF\xE0 rest"s, ImageType::jpeg, "image/jpeg"},
    {"gif87", "GIF87a...", ImageType::gif, "image/gif"},
    {"gif89", "GIF89a...", ImageType::gif, "image/gif"},
    {"webp", "RIFF\x10\0\0\0WEBPVP8 "s, ImageType::webp, "image/webp"},
    {"riff_but_wave", "RIFF\x10\0\0\0WAVEfmt "s, std::nullopt, "application/octet-stream"},
    {"pdf", "%PDF-1.7", std::nullopt, "application/pdf"},
    {"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", std::nullopt,
     "application/octet-stream"},
    {"html", "<!doctype html><script>", std::nullopt, "application/octet-stream"},
    {"short_png", "\x89PN", std::nullopt, "application/octet-stream"},
    {"empty", "", std::nullopt, "application/octet-stream"},
    {"text", "hello", std::nullopt, "application/octet-stream"},
};

class SniffTest : public ::testing::TestWithParam<SniffCase> {};

TEST_P(SniffTest, TypeComesFromTheBytes) {
    EXPECT_EQ(sniff_image(GetParam().bytes), GetParam().image);
    EXPECT_EQ(content_type_of(GetParam().bytes), GetParam().content_type);
}

INSTANTIATE_TEST_SUITE_P(Media, SniffTest, ::testing::ValuesIn(sniff_cases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace parley::media

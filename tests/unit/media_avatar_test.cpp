#include <glib.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vips/vips8>

#include "media/avatar_image.hpp"

namespace parley::media {
namespace {

using vips::VImage;

class AvatarTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { init_image_library(); }

    // A colourful test image in the format of `suffix` (".png", ".jpg", ...).
    static std::string encoded(const VImage& image, const char* suffix) {
        void* buffer = nullptr;
        std::size_t length = 0;
        image.write_to_buffer(suffix, &buffer, &length);
        std::string out(static_cast<const char*>(buffer), length);
        g_free(buffer);
        return out;
    }
    static VImage gradient(int width, int height) {
        VImage xy = VImage::xyz(width, height);
        return (xy[0] % 256)
            .bandjoin(xy[1] % 256)
            .bandjoin(VImage::black(width, height) + 128)
            .cast(VIPS_FORMAT_UCHAR)
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    }
    static VImage decoded(const std::string& png) {
        return VImage::new_from_buffer(png.data(), png.size(), "").copy_memory();
    }
    static std::string refusal(const std::string& bytes) {
        auto result = make_avatar(bytes, AvatarLimits{});
        EXPECT_FALSE(result.ok());
        if (result.ok()) return {};
        EXPECT_EQ(result.error().code, core::Errc::unsupported_image);
        return result.error().message;
    }
};

// A PNG whose header declares width x height but whose data is a few rows: a
// decompression bomb, refused before any pixel is decoded.
std::string png_declaring(std::uint32_t width, std::uint32_t height) {
    auto chunk = [](const std::string& kind, const std::string& data) {
        std::string body = kind + data;
        auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
        auto be = [](std::uint32_t v) {
            return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                               static_cast<char>(v >> 8), static_cast<char>(v)};
        };
        return be(static_cast<std::uint32_t>(data.size())) + body + be(crc);
    };
    auto be = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                           static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    std::string header = be(width) + be(height) + std::string("\x08\x02\x00\x00\x00", 5);
    std::string raw(1024, '\0');
    std::string packed(compressBound(static_cast<uLong>(raw.size())), '\0');
    uLongf size = static_cast<uLongf>(packed.size());
    compress(reinterpret_cast<Bytef*>(packed.data()), &size,
             reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()));
    packed.resize(size);
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", packed) +
           chunk("IEND", "");
}

TEST_F(AvatarTest, EveryFormatBecomesA256RoundPng) {
    for (const char* suffix : {".png", ".jpg", ".webp", ".gif"}) {
        auto avatar = make_avatar(encoded(gradient(300, 200), suffix), AvatarLimits{});
        ASSERT_TRUE(avatar.ok()) << suffix << ": " << avatar.error().message;
        VImage image = decoded(*avatar);
        EXPECT_EQ(image.width(), 256) << suffix;
        EXPECT_EQ(image.height(), 256) << suffix;
        ASSERT_EQ(image.bands(), 4) << suffix;
        EXPECT_EQ(image.getpoint(0, 0)[3], 0) << suffix;
        EXPECT_EQ(image.getpoint(255, 255)[3], 0) << suffix;
        EXPECT_EQ(image.getpoint(10, 245)[3], 0) << suffix;
        EXPECT_EQ(image.getpoint(128, 128)[3], 255) << suffix;
        EXPECT_EQ(image.getpoint(128, 2)[3], 255) << suffix;
    }
}

TEST_F(AvatarTest, GreyTransparentAndTinyImagesWork) {
    VImage grey = (VImage::black(40, 40) + 90).cast(VIPS_FORMAT_UCHAR);
    VImage with_alpha =
        gradient(20, 30).bandjoin(VImage::black(20, 30) + 255).cast(VIPS_FORMAT_UCHAR);
    for (const auto& image : {grey, with_alpha, gradient(1, 1)}) {
        auto avatar = make_avatar(encoded(image, ".png"), AvatarLimits{});
        ASSERT_TRUE(avatar.ok()) << avatar.error().message;
        EXPECT_EQ(decoded(*avatar).width(), 256);
    }
}

TEST_F(AvatarTest, MetadataIsStripped) {
    VImage image = gradient(64, 64).copy();
    image.set("png-comment-0-secret", "GPS 48.85N 2.35E");
    auto avatar = make_avatar(encoded(image, ".png"), AvatarLimits{});
    ASSERT_TRUE(avatar.ok());
    EXPECT_EQ(avatar->find("GPS"), std::string::npos);
}

TEST_F(AvatarTest, DecompressionBombIsRefusedFromItsHeader) {
    auto message = refusal(png_declaring(50000, 50000));
    EXPECT_NE(message.find("50000x50000"), std::string::npos) << message;
    EXPECT_NE(refusal(png_declaring(4097, 4096)).find("megapixels"), std::string::npos);
}

TEST_F(AvatarTest, ManyFramesAreRefused) {
    VImage frames = gradient(8, 8 * 100).copy();
    frames.set("page-height", 8);
    auto message = refusal(encoded(frames, ".gif"));
    EXPECT_NE(message.find("frames"), std::string::npos) << message;
    VImage few = gradient(8, 8 * 3).copy();
    few.set("page-height", 8);
    EXPECT_TRUE(make_avatar(encoded(few, ".gif"), AvatarLimits{}).ok());
}

TEST_F(AvatarTest, BrokenTruncatedAndForeignBytesAreRefused) {
    for (const char* suffix : {".png", ".jpg", ".webp", ".gif"}) {
        auto whole = encoded(gradient(200, 200), suffix);
        refusal(whole.substr(0, whole.size() / 2));
    }
    refusal("");
    refusal("not an image");
    refusal("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
    auto tiff = encoded(gradient(10, 10), ".tif");  // decodable, but not one we accept
    refusal(tiff);
}

// Not a timed assertion: prints what a picture at the pixel cap costs.
TEST_F(AvatarTest, SixteenMegapixelsAreAcceptedAndMeasured) {
    for (const char* suffix : {".jpg", ".png"}) {
        auto bytes = encoded(gradient(4096, 4096), suffix);
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        auto start = std::chrono::steady_clock::now();
        auto avatar = make_avatar(bytes, AvatarLimits{});
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
        rusage after{};
        getrusage(RUSAGE_SELF, &after);
        ASSERT_TRUE(avatar.ok()) << avatar.error().message;
        std::printf("avatar from 4096x4096 %s (%zu bytes): %lld ms, peak RSS %ld -> %ld KiB\n",
                    suffix, bytes.size(), static_cast<long long>(ms), before.ru_maxrss,
                    after.ru_maxrss);
    }
}

}  // namespace
}  // namespace parley::media

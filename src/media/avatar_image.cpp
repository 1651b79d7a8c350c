#include "media/avatar_image.hpp"

#include <glib.h>
#include <vips/vips8>

#include <mutex>

#include "media/sniff.hpp"

namespace parley::media {

namespace {

using core::Errc;
using core::Error;
using vips::VImage;
using vips::VOption;

// Operations are not reused (every avatar differs), so a tiny cache suffices.
constexpr int cache_operations = 16;
constexpr std::size_t cache_bytes = 8 * 1024 * 1024;

Error unsupported(std::string sentence) { return Error{Errc::unsupported_image, std::move(sentence)}; }

// Owns a libvips blob that points at the caller's bytes (no copy).
struct Blob {
    explicit Blob(std::string_view bytes) : blob(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
    ~Blob() { vips_area_unref(VIPS_AREA(blob)); }
    Blob(const Blob&) = delete;
    Blob& operator=(const Blob&) = delete;
    VipsBlob* blob;
};

VOption* strict() { return VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR); }

// Only the header is read: libvips decodes pixels on demand.
VImage open_header(ImageType type, VipsBlob* blob) {
    auto* options = strict()->set("access", VIPS_ACCESS_SEQUENTIAL);
    switch (type) {
        case ImageType::png: return VImage::pngload_buffer(blob, options);
        case ImageType::jpeg: return VImage::jpegload_buffer(blob, options);
        case ImageType::webp: return VImage::webpload_buffer(blob, options);
        case ImageType::gif: return VImage::gifload_buffer(blob, options);
    }
    throw vips::VError("unknown image type");
}

core::Status check_header(const VImage& header, const AvatarLimits& limits) {
    auto pixels = static_cast<std::uint64_t>(header.width()) *
                  static_cast<std::uint64_t>(header.height());
    if (pixels > limits.max_pixels) {
        return unsupported("The image is " + std::to_string(header.width()) + "x" +
                           std::to_string(header.height()) + " pixels; at most " +
                           std::to_string(limits.max_pixels / 1'000'000) +
                           " megapixels are accepted.");
    }
    if (vips_image_get_n_pages(header.get_image()) > limits.max_frames) {
        return unsupported("The image has more than " + std::to_string(limits.max_frames) +
                           " frames.");
    }
    return core::success();
}

// 255 inside the circle inscribed in a size x size square, 0 outside, one
// pixel of smooth edge between.
VImage round_mask(int size) {
    VImage xy = VImage::xyz(size, size);
    double centre = (size - 1) / 2.0;
    VImage dx = xy[0] - centre;
    VImage dy = xy[1] - centre;
    VImage distance = (dx * dx + dy * dy).pow(0.5);
    return ((size / 2.0 + 0.5 - distance) * 255.0).cast(VIPS_FORMAT_UCHAR);
}

VImage rounded(VImage square, int size) {
    VImage rgb = square.colourspace(VIPS_INTERPRETATION_sRGB);
    VImage alpha = rgb.bands() == 4 ? rgb[3] : VImage::black(size, size) + 255;
    VImage colour = rgb.extract_band(0, VImage::option()->set("n", 3)).cast(VIPS_FORMAT_UCHAR);
    VImage clipped = (alpha * round_mask(size) / 255.0).cast(VIPS_FORMAT_UCHAR);
    return colour.bandjoin(clipped).copy(
        VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

std::string encode_png(const VImage& image) {
    void* buffer = nullptr;
    std::size_t length = 0;
    image.write_to_buffer(".png", &buffer, &length,
                          VImage::option()->set("strip", true)->set("compression", 6));
    std::string out(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return out;
}

}  // namespace

void init_image_library() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("parleyd") != 0) throw std::runtime_error("libvips failed to start");
        vips_cache_set_max(cache_operations);
        vips_cache_set_max_mem(cache_bytes);
        vips_concurrency_set(1);
        vips_block_untrusted_set(TRUE);
    });
}

core::Result<std::string> make_avatar(std::string_view bytes, const AvatarLimits& limits) {
    auto type = sniff_image(bytes);
    if (!type) return unsupported("That file is not a PNG, JPEG, WebP or GIF image.");
    Blob blob(bytes);
    try {
        VImage header = open_header(*type, blob.blob);
        if (auto fits = check_header(header, limits); !fits) return fits.error();
        // thumbnail_buffer shrinks while it loads (JPEG, WebP), so a large
        // image never sits in memory at full size.
        VImage square = VImage::thumbnail_buffer(
            blob.blob, limits.size,
            VImage::option()
                ->set("height", limits.size)
                ->set("crop", VIPS_INTERESTING_CENTRE)
                ->set("option_string", "fail_on=error"));
        if (square.width() != limits.size || square.height() != limits.size) {
            square = square.resize(static_cast<double>(limits.size) / square.width(),
                                   VImage::option()->set("vscale", static_cast<double>(limits.size) /
                                                                       square.height()));
        }
        return encode_png(rounded(square, limits.size));
    } catch (const vips::VError&) {
        vips_error_clear();
        return unsupported("The image is broken or truncated.");
    }
}

}  // namespace parley::media

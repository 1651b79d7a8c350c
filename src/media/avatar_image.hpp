#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parley::media {

struct AvatarLimits {
    // Refused from the header, before any pixel is decoded: a small file can
    // declare a huge image (a decompression bomb).
    std::uint64_t max_pixels = 4096ull * 4096ull;  // about 16 megapixels
    int max_frames = 50;                            // animated GIF or WebP frames
    int size = 256;                                 // width and height of the result
};

// Once per process, before the first avatar: starts libvips with a small
// operation cache and one worker thread per pipeline (memory stays frugal),
// and blocks loaders libvips marks untrusted. Safe to call again.
void init_image_library();

// An uploaded image (PNG, JPEG, WebP or GIF, told by its bytes) made into an
// avatar: the first frame, cropped to a centred square, resized to
// limits.size, corners outside the inscribed circle transparent, re-encoded as
// PNG without metadata. unsupported_image, with a sentence, for anything else,
// a truncated or broken image, or one over the limits. CPU-heavy: never on a
// network thread.
core::Result<std::string> make_avatar(std::string_view bytes, const AvatarLimits& limits);

}  // namespace parley::media

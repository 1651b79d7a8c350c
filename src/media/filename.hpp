#pragma once

#include <string>
#include <string_view>

namespace parley::media {

inline constexpr std::size_t max_filename_bytes = 255;

// A name given with an upload, made safe to store and show: valid UTF-8
// (invalid bytes become '_'); no path separators, control characters (NUL,
// CR, LF...), bidirectional overrides or invisible characters, each of which
// becomes '_'; no leading dots or spaces (no hidden files, no "..");
// at most 255 bytes, keeping a short extension; never empty ("file").
// The bytes on disk never use this name either: it is only shown.
std::string sanitize_filename(std::string_view name);

}  // namespace parley::media

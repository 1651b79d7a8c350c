#pragma once

#include <optional>
#include <string_view>

namespace parley::media {

// The image formats Parley decodes and shows inline. Anything else (SVG and
// HTML above all) is never rendered by a browser from our origin.
enum class ImageType { png, jpeg, webp, gif };

// The type told by the first bytes (magic numbers), never by a name or header.
std::optional<ImageType> sniff_image(std::string_view bytes);

std::string_view mime_type(ImageType type);

// The Content-Type a stored file is served with: an image type when the bytes
// are one, application/pdf for PDF, else application/octet-stream. Text types
// are never guessed, so nothing uploaded can become a page.
std::string_view content_type_of(std::string_view bytes);

}  // namespace parley::media

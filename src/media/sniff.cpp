#include "media/sniff.hpp"

namespace parley::media {

namespace {

bool starts_with(std::string_view bytes, std::string_view magic) {
    return bytes.substr(0, magic.size()) == magic;
}

}  // namespace

std::optional<ImageType> sniff_image(std::string_view bytes) {
    using namespace std::string_view_literals;
    if (starts_with(bytes, "\x89PNG\r\n\x1a\n"sv)) return ImageType::png;
    if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return ImageType::jpeg;
    if (starts_with(bytes, "GIF87a"sv) || starts_with(bytes, "GIF89a"sv)) return ImageType::gif;
    // RIFF <size:4> WEBP
    if (bytes.size() >= 12 && starts_with(bytes, "RIFF"sv) && bytes.substr(8, 4) == "WEBP"sv) {
        return ImageType::webp;
    }
    return std::nullopt;
}

std::string_view mime_type(ImageType type) {
    switch (type) {
        case ImageType::png: return "image/png";
        case ImageType::jpeg: return "image/jpeg";
        case ImageType::webp: return "image/webp";
        case ImageType::gif: return "image/gif";
    }
    return "application/octet-stream";
}

std::string_view content_type_of(std::string_view bytes) {
    if (auto image = sniff_image(bytes)) return mime_type(*image);
    if (starts_with(bytes, "%PDF-")) return "application/pdf";
    return "application/octet-stream";
}

}  // namespace parley::media

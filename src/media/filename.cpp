#include "media/filename.hpp"

#include <cstdint>
#include <optional>

namespace parley::media {

namespace {

constexpr std::size_t max_extension_bytes = 16;

struct Decoded {
    char32_t code = 0;
    std::size_t length = 0;  // bytes used; 0 means invalid (one byte is skipped)
};

// One UTF-8 sequence at the start of `text`; rejects overlong forms and surrogates.
Decoded decode(std::string_view text) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char first = byte(0);
    if (first < 0x80) return {first, 1};
    std::size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0;
    if (length == 0 || first > 0xF4 || text.size() < length) return {};
    char32_t code = first & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return {};
        code = (code << 6) | (byte(i) & 0x3F);
    }
    constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return {};
    }
    return {code, length};
}

// Characters that could hide or reorder what a person reads, or break a path or a header.
bool is_unsafe(char32_t c) {
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return true;  // C0, DEL, C1
    if (c == '/' || c == '\\' || c == '"' || c == '<' || c == '>' || c == ':' || c == '|' ||
        c == '?' || c == '*') {
        return true;  // separators and characters other systems refuse in names
    }
    if (c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF) {
        return true;  // bidirectional controls, zero-width characters, line separators
    }
    return false;
}

// The longest prefix of `text` of at most `budget` bytes that ends on a character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t budget) {
    if (text.size() <= budget) return text;
    std::size_t cut = budget;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut);
}

std::string shorten(const std::string& name) {
    if (name.size() <= max_filename_bytes) return name;
    auto dot = name.rfind('.');
    std::string_view extension;
    if (dot != std::string::npos && name.size() - dot <= max_extension_bytes) {
        extension = std::string_view(name).substr(dot);
    }
    auto stem = utf8_prefix(std::string_view(name).substr(0, name.size() - extension.size()),
                            max_filename_bytes - extension.size());
    return std::string(stem) + std::string(extension);
}

}  // namespace

std::string sanitize_filename(std::string_view name) {
    std::string out;
    out.reserve(std::min(name.size(), max_filename_bytes * 2));
    while (!name.empty()) {
        auto decoded = decode(name);
        if (decoded.length == 0 || is_unsafe(decoded.code)) {
            out += '_';
            name.remove_prefix(decoded.length == 0 ? 1 : decoded.length);
        } else {
            out.append(name.substr(0, decoded.length));
            name.remove_prefix(decoded.length);
        }
        if (out.size() > max_filename_bytes * 4) break;  // the rest would be cut anyway
    }
    auto first = out.find_first_not_of(". ");
    out.erase(0, first == std::string::npos ? out.size() : first);
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    out = shorten(out);
    return out.empty() ? "file" : out;
}

}  // namespace parley::media

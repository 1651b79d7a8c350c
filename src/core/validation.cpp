#include "core/validation.hpp"

#include <algorithm>
#include <cstdint>

namespace parley::core {

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || is_digit(c); }

// Length of the UTF-8 sequence that starts with `lead`, 0 if `lead` can't start one.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

bool has_control_character(std::string_view text, bool allow_line_breaks) {
    return std::any_of(text.begin(), text.end(), [&](char ch) {
        auto c = static_cast<unsigned char>(ch);
        if (allow_line_breaks && (c == '\n' || c == '\t' || c == '\r')) return false;
        return c < 0x20 || c == 0x7F;
    });
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        auto length = sequence_length(static_cast<unsigned char>(text[i]));
        if (length == 0 || i + length > text.size()) return std::nullopt;
        std::uint32_t code = length == 1 ? static_cast<unsigned char>(text[i])
                                         : static_cast<unsigned char>(text[i]) & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            auto c = static_cast<unsigned char>(text[i + k]);
            if ((c & 0xC0) != 0x80) return std::nullopt;
            code = (code << 6) | (c & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        static constexpr std::uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < min_for_length[length] || code > 0x10FFFF) return std::nullopt;
        if (code >= 0xD800 && code <= 0xDFFF) return std::nullopt;
        i += length;
    }
    return count;
}

bool is_blank(std::string_view text) {
    // ASCII white space plus the common Unicode spaces a paste may carry.
    static constexpr std::string_view unicode_spaces[] = {"\u00A0", "\u2000", "\u2001",
                                                          "\u2002", "\u2003", "\u2009",
                                                          "\u200B", "\u3000", "\uFEFF"};
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
            continue;
        }
        auto space = std::find_if(std::begin(unicode_spaces), std::end(unicode_spaces),
                                  [&](std::string_view s) { return text.substr(i, s.size()) == s; });
        if (space == std::end(unicode_spaces)) return false;
        i += space->size();
    }
    return true;
}

std::string lowercase_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

Status validate_username(std::string_view username) {
    if (is_blank(username)) return Error{Errc::empty_field, "The username is empty."};
    if (username.size() < 3 || username.size() > 32 || !is_ascii_letter(username.front())) {
        return Errc::invalid_username;
    }
    bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
        return is_ascii_letter(c) || is_digit(c) || c == '_' || c == '-';
    });
    if (!allowed) return Errc::invalid_username;
    return success();
}

Status validate_password(std::string_view password) {
    if (password.empty()) return Error{Errc::empty_field, "The password is empty."};
    if (password.size() < 8 || password.size() > 1024) return Errc::invalid_password;
    return success();
}

Status validate_room_name(std::string_view room) {
    if (room.empty() || room.size() > 50 || !is_lower_or_digit(room.front())) {
        return Errc::invalid_room;
    }
    bool allowed = std::all_of(room.begin(), room.end(), [](char c) {
        return is_lower_or_digit(c) || c == '_' || c == '-';
    });
    if (!allowed) return Errc::invalid_room;
    return success();
}

Status validate_message_text(std::string_view text) {
    auto length = utf8_length(text);
    if (!length) return Error{Errc::invalid_text, "The message is not valid UTF-8."};
    if (*length == 0 || is_blank(text)) return Error{Errc::invalid_text, "The message is empty."};
    if (*length > max_message_chars) {
        return Error{Errc::invalid_text, "Messages have at most 4000 characters."};
    }
    if (text.find('\0') != std::string_view::npos) {
        return Error{Errc::invalid_text, "Messages can't contain NUL characters."};
    }
    return success();
}

Status validate_name_field(std::string_view field_name, std::string_view value) {
    if (is_blank(value)) {
        return Error{Errc::empty_field, "The field " + std::string(field_name) + " is empty."};
    }
    auto length = utf8_length(value);
    if (!length || *length > max_name_field_chars || has_control_character(value, false)) {
        return Error{Errc::invalid_field, "The field " + std::string(field_name) +
                                              " must have at most 100 characters and no "
                                              "control characters."};
    }
    return success();
}

}  // namespace parley::core

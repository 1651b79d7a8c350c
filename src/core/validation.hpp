#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parley::core {

inline constexpr std::size_t max_name_field_chars = 100;
inline constexpr std::size_t max_message_chars = 4000;

// Usernames: 3 to 32 characters, [A-Za-z][A-Za-z0-9_-]*.
Status validate_username(std::string_view username);
// Passwords: 8 to 1024 bytes.
Status validate_password(std::string_view password);
// Room names: 1 to 50 characters, [a-z0-9][a-z0-9_-]*.
Status validate_room_name(std::string_view room);
// Message text: valid UTF-8, 1 to 4000 characters, not only white space, no NUL.
Status validate_message_text(std::string_view text);
// Display, first and last names: not blank, at most 100 characters, no control characters.
Status validate_name_field(std::string_view field_name, std::string_view value);

// Every character is white space (or there are none).
bool is_blank(std::string_view text);
// Number of code points, or nullopt for malformed UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);
// Usernames are ASCII, so case-insensitive means ASCII lowercase.
std::string lowercase_ascii(std::string_view text);

}  // namespace parley::core

// The little of IRC (RFC 1459/2812 line form) the bench reads and writes:
// split a line into prefix, command and parameters without allocating.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace parley::bench::irc {

struct Line {
    static constexpr std::size_t max_params = 15;
    std::string_view tags;    // without the '@'; empty when none
    std::string_view prefix;  // without the ':'; empty when none
    std::string_view command;
    std::array<std::string_view, max_params> params{};
    std::size_t param_count = 0;

    std::string_view param(std::size_t index) const {
        return index < param_count ? params[index] : std::string_view{};
    }
    std::string_view last() const { return param_count ? params[param_count - 1] : ""; }
};

// `text` without CR LF. False when there is no command. The views point into `text`.
bool parse(std::string_view text, Line& line);

// "nick" of "nick!user@host" (or the whole prefix when it has no '!').
std::string_view nick_of(std::string_view prefix);

// True for the three-digit replies that mean a command failed (400-599).
bool is_error_numeric(std::string_view command);

}  // namespace parley::bench::irc

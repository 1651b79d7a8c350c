#include "irc_line.hpp"

namespace parley::bench::irc {

namespace {

std::string_view word(std::string_view& rest) {
    auto space = rest.find(' ');
    std::string_view found = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return found;
}

}  // namespace

bool parse(std::string_view text, Line& line) {
    line = Line{};
    if (!text.empty() && text.front() == '@') {
        text.remove_prefix(1);
        line.tags = word(text);
    }
    if (!text.empty() && text.front() == ':') {
        text.remove_prefix(1);
        line.prefix = word(text);
    }
    line.command = word(text);
    if (line.command.empty()) return false;
    while (!text.empty() && line.param_count < Line::max_params) {
        if (text.front() == ':' || line.param_count == Line::max_params - 1) {
            if (text.front() == ':') text.remove_prefix(1);
            line.params[line.param_count++] = text;
            break;
        }
        line.params[line.param_count++] = word(text);
    }
    return true;
}

std::string_view nick_of(std::string_view prefix) { return prefix.substr(0, prefix.find('!')); }

bool is_error_numeric(std::string_view command) {
    return command.size() == 3 && (command[0] == '4' || command[0] == '5') && command[1] >= '0' &&
           command[1] <= '9' && command[2] >= '0' && command[2] <= '9';
}

}  // namespace parley::bench::irc

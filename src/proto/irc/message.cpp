#include "proto/irc/message.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

namespace parley::proto::irc {

namespace {

using core::Errc;
using core::Error;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_line_break_or_nul(char c) { return c == '\r' || c == '\n' || c == '\0'; }

// message-tags "Escaping values": a character and the letter after '\' that stands for it.
struct TagEscape {
    char character;
    char letter;
};
constexpr TagEscape tag_escapes[] = {
    {';', ':'}, {' ', 's'}, {'\\', '\\'}, {'\r', 'r'}, {'\n', 'n'},
};

std::string_view skip_spaces(std::string_view text) {
    auto first = text.find_first_not_of(' ');
    return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

// Splits off the text up to the next space; `text` keeps what follows it.
std::string_view take_word(std::string_view& text) {
    auto space = text.find(' ');
    auto word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    return word;
}

bool is_valid_command(std::string_view command) {
    if (command.size() == 3 && std::all_of(command.begin(), command.end(), is_digit)) return true;
    return !command.empty() && std::all_of(command.begin(), command.end(), is_letter);
}

std::string uppercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// A repeated key keeps its last value, as message-tags asks of receivers.
void add_tag(std::vector<Tag>& tags, std::string_view key, std::string value) {
    auto same = std::find_if(tags.begin(), tags.end(), [&](const Tag& t) { return t.key == key; });
    if (same != tags.end()) {
        same->value = std::move(value);
        return;
    }
    tags.push_back(Tag{std::string(key), std::move(value)});
}

// Empty segments (";;" or a trailing ';') carry nothing and are skipped.
std::vector<Tag> parse_tags(std::string_view data) {
    std::vector<Tag> tags;
    while (!data.empty()) {
        auto end = data.find(';');
        auto item = data.substr(0, end);
        data = end == std::string_view::npos ? std::string_view{} : data.substr(end + 1);
        auto equals = item.find('=');
        auto key = item.substr(0, equals);
        if (key.empty()) continue;
        auto value =
            equals == std::string_view::npos ? std::string_view{} : item.substr(equals + 1);
        add_tag(tags, key, unescape_tag_value(value));
    }
    return tags;
}

// RFC 2812: after 14 middle parameters the rest of the line is the 15th, colon or not.
void parse_params(std::string_view text, std::vector<std::string>& params) {
    for (text = skip_spaces(text); !text.empty(); text = skip_spaces(text)) {
        if (text.front() == ':' || params.size() + 1 == max_params) {
            if (text.front() == ':') text.remove_prefix(1);
            params.emplace_back(text);
            return;
        }
        params.emplace_back(take_word(text));
    }
}

core::Result<Message> parse_body(std::string_view body, std::vector<Tag> tags) {
    Message message;
    message.tags = std::move(tags);
    if (!body.empty() && body.front() == ':') {
        body.remove_prefix(1);
        message.source = std::string(take_word(body));
        if (message.source.empty()) return Error{Errc::bad_request, "The source is empty."};
        body = skip_spaces(body);
    }
    auto command = take_word(body);
    if (!is_valid_command(command)) {
        return Error{Errc::bad_request, "The command must be letters or three digits."};
    }
    message.command = uppercase(command);
    parse_params(body, message.params);
    return message;
}

}  // namespace

core::Result<Message> parse_line(std::string_view line) {
    const auto whole = line;
    line = skip_spaces(line);
    std::vector<Tag> tags;
    if (!line.empty() && line.front() == '@') {
        auto space = line.find(' ');
        auto data = line.substr(1, space == std::string_view::npos ? space : space - 1);
        if (data.size() > max_client_tag_bytes) {
            return Error{Errc::too_large, "The tags are longer than 4094 bytes."};
        }
        if (space == std::string_view::npos) {
            return Error{Errc::bad_request, "The line has no command."};
        }
        tags = parse_tags(data);
        line = skip_spaces(line.substr(space + 1));
    }
    if (line.size() > max_body_bytes) {
        return Error{Errc::too_large, "The line is longer than 510 bytes without its tags."};
    }
    // Checked after the limits so an oversized line always earns 417 first.
    if (std::any_of(whole.begin(), whole.end(), is_line_break_or_nul)) {
        return Error{Errc::bad_request, "The line contains a NUL, CR or LF."};
    }
    if (line.empty()) return Error{Errc::bad_request, "The line has no command."};
    return parse_body(line, std::move(tags));
}

namespace {

// \r, \n and NUL can never reach another client inside a message: whatever a
// field holds, serialize() writes exactly one line. In the last parameter they
// become a space; in a source, command or middle parameter a space would split
// the field, so there they (and spaces) become '_'.
std::string as_trailing(std::string_view text) {
    std::string out(text);
    std::replace_if(out.begin(), out.end(), is_line_break_or_nul, ' ');
    return out;
}

std::string as_word(std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == ' ' || is_line_break_or_nul(c); }, '_');
    return out;
}

// A middle parameter must be one non-empty word not starting with ':', or the
// parameters after it would shift. "0" is what servers put before an IPv6
// host such as "::1", the one real case of a leading colon.
std::string as_middle(std::string_view text) {
    if (text.empty()) return "*";
    auto word = as_word(text);
    return word.front() == ':' ? "0" + word : word;
}

void append_tags(std::string& out, const std::vector<Tag>& tags) {
    bool first = true;
    for (const auto& tag : tags) {
        if (!is_valid_tag_key(tag.key)) continue;
        out += first ? '@' : ';';
        first = false;
        out += tag.key;
        if (!tag.value.empty()) {
            out += '=';
            out += escape_tag_value(tag.value);
        }
    }
    if (!first) out += ' ';
}

void append_params(std::string& out, const std::vector<std::string>& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        out += ' ';
        if (i + 1 < params.size()) {
            out += as_middle(params[i]);
            continue;
        }
        // Decided after the clean-up, which may have turned a CR into a space.
        auto last = as_trailing(params[i]);
        if (last.empty() || last.front() == ':' || last.find(' ') != std::string::npos) out += ':';
        out += last;
    }
}

// Cuts before a UTF-8 continuation byte so no character is split; a run of
// more than three of them is not UTF-8 anyway, so the cut gives up there.
void truncate_at_character(std::string& text, std::size_t limit) {
    if (text.size() <= limit) return;
    std::size_t cut = limit;
    auto is_continuation = [&](std::size_t i) {
        return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    };
    while (cut > 0 && limit - cut < 3 && is_continuation(cut)) --cut;
    if (is_continuation(cut)) cut = limit;
    text.resize(cut);
}

}  // namespace

std::string serialize(const Message& message) {
    std::string out;
    append_tags(out, message.tags);
    std::string body;
    if (!message.source.empty()) {
        body += ':';
        body += as_word(message.source);
        body += ' ';
    }
    body += as_word(message.command);
    append_params(body, message.params);
    truncate_at_character(body, max_body_bytes);
    out += body;
    out += "\r\n";
    return out;
}

std::string escape_tag_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\0') continue;  // no escape exists for NUL, and it must not reach the wire
        auto escape = std::find_if(std::begin(tag_escapes), std::end(tag_escapes),
                                   [&](const TagEscape& e) { return e.character == c; });
        if (escape == std::end(tag_escapes)) {
            out += c;
        } else {
            out += '\\';
            out += escape->letter;
        }
    }
    return out;
}

std::string unescape_tag_value(std::string_view escaped) {
    std::string out;
    out.reserve(escaped.size());
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        if (escaped[i] != '\\') {
            out += escaped[i];
            continue;
        }
        if (++i == escaped.size()) break;  // a lone trailing backslash is dropped
        auto escape = std::find_if(std::begin(tag_escapes), std::end(tag_escapes),
                                   [&](const TagEscape& e) { return e.letter == escaped[i]; });
        // An unknown escape such as "\b" stands for the character after the backslash.
        out += escape == std::end(tag_escapes) ? escaped[i] : escape->character;
    }
    return out;
}

bool is_client_only_tag(std::string_view key) { return !key.empty() && key.front() == '+'; }

bool is_valid_tag_key(std::string_view key) {
    if (is_client_only_tag(key)) key.remove_prefix(1);
    auto slash = key.rfind('/');
    auto vendor = slash == std::string_view::npos ? std::string_view{} : key.substr(0, slash);
    auto name = slash == std::string_view::npos ? key : key.substr(slash + 1);
    auto name_char = [](char c) { return is_letter(c) || is_digit(c) || c == '-'; };
    auto vendor_char = [&](char c) { return name_char(c) || c == '.'; };
    if (slash != std::string_view::npos && vendor.empty()) return false;
    return !name.empty() && std::all_of(name.begin(), name.end(), name_char) &&
           std::all_of(vendor.begin(), vendor.end(), vendor_char);
}

const std::string* find_tag(const Message& message, std::string_view key) {
    const std::string* found = nullptr;
    for (const auto& tag : message.tags) {
        if (tag.key == key) found = &tag.value;
    }
    return found;
}

}  // namespace parley::proto::irc

#include "proto/irc/render.hpp"

#include <ctime>

namespace parley::proto::irc {

std::string user_prefix(std::string_view username, std::string_view host) {
    std::string prefix(username);
    prefix += '!';
    prefix += username;
    prefix += '@';
    prefix += host;
    return prefix;
}

std::string server_time(core::TimeMs ts) {
    std::time_t seconds = static_cast<std::time_t>(ts / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char out[32];
    std::size_t n = std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(out + n, sizeof out - n, ".%03dZ", static_cast<int>(ts % 1000));
    return out;
}

namespace {

// Bytes of `text` from `begin` that fit in `budget` without splitting a UTF-8 character.
std::size_t fitting(std::string_view text, std::size_t budget) {
    if (text.size() <= budget) return text.size();
    std::size_t cut = budget;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut == 0 ? budget : cut;
}

}  // namespace

std::vector<Message> text_lines(const std::string& command, const std::string& source,
                                const std::string& target, std::string_view text) {
    // ":" source " " command " " target " :" text must stay within 510 bytes.
    std::size_t overhead = source.size() + command.size() + target.size() + 5;
    std::size_t budget = overhead < max_body_bytes ? max_body_bytes - overhead : 64;
    std::vector<Message> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        while (!line.empty()) {  // an empty line has nothing to say on IRC
            std::size_t n = fitting(line, budget);
            lines.push_back(Message{{}, source, command, {target, std::string(line.substr(0, n))}});
            line.remove_prefix(n);
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

namespace {

std::string human_size(std::int64_t bytes) {
    constexpr const char* units[] = {"B", "KiB", "MiB", "GiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    char out[32];
    std::snprintf(out, sizeof out, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return out;
}

}  // namespace

std::vector<Message> attachment_lines(const std::string& source, const std::string& target,
                                      const std::vector<core::Attachment>& files,
                                      std::string_view public_url) {
    std::vector<Message> lines;
    for (const auto& file : files) {
        // The name is sanitized (no CR, LF or NUL), so it can't break the line.
        std::string text =
            file.name + " (" + human_size(file.size) + ") " + std::string(public_url) + file.url;
        auto cut = text_lines("PRIVMSG", source, target, text);
        lines.insert(lines.end(), cut.begin(), cut.end());
    }
    return lines;
}

std::vector<Message> message_lines(const std::string& source, const std::string& target,
                                   const core::Message& message, std::string_view public_url) {
    auto lines = text_lines("PRIVMSG", source, target, message.text);
    for (auto& line : attachment_lines(source, target, message.attachments, public_url)) {
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string serialize_all(const std::vector<Message>& lines) {
    std::string out;
    for (const auto& line : lines) out += serialize(line);
    return out;
}

}  // namespace parley::proto::irc

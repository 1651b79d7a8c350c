#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "proto/irc/message.hpp"

// Lines that both the event wire and the gateway write, so a message looks the
// same live and replayed from history.
namespace parley::proto::irc {

// "nick!nick@host": Parley shows no real host, so every user is at the server.
std::string user_prefix(std::string_view username, std::string_view host);

// ISO 8601 UTC with milliseconds, as the server-time tag wants.
std::string server_time(core::TimeMs ts);

// One PRIVMSG (or NOTICE) per line of text, each cut at UTF-8 boundaries to
// fit in one IRC line: a Parley message may hold line breaks and 4000 characters.
std::vector<Message> text_lines(const std::string& command, const std::string& source,
                                const std::string& target, std::string_view text);

// One line per attachment: "name (size) <public_url><url>", since IRC shows no
// files, only a link to download each.
std::vector<Message> attachment_lines(const std::string& source, const std::string& target,
                                      const std::vector<core::Attachment>& files,
                                      std::string_view public_url);

// A whole Parley message as PRIVMSG lines: its text, then its attachments' links.
std::vector<Message> message_lines(const std::string& source, const std::string& target,
                                   const core::Message& message, std::string_view public_url);

// Concatenated serialized lines.
std::string serialize_all(const std::vector<Message>& lines);

}  // namespace parley::proto::irc

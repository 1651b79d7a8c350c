#include "proto/irc/numerics.hpp"

#include <utility>

namespace parley::proto::irc {

Message numeric(std::string_view server, int code, std::string_view target_nick,
                std::vector<std::string> params) {
    Message message;
    message.source = std::string(server);
    // Codes are the constants above (0 to 999); the modulo only keeps a wrong
    // one from growing past the three digits clients expect.
    int three_digits = ((code % 1000) + 1000) % 1000;
    message.command = {static_cast<char>('0' + three_digits / 100),
                       static_cast<char>('0' + three_digits / 10 % 10),
                       static_cast<char>('0' + three_digits % 10)};
    message.params.reserve(params.size() + 1);
    message.params.emplace_back(target_nick.empty() ? unregistered_target : target_nick);
    for (auto& param : params) message.params.push_back(std::move(param));
    return message;
}

}  // namespace parley::proto::irc

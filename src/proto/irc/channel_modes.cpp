#include "proto/irc/channel_modes.hpp"

#include <charconv>

namespace parley::proto::irc {

namespace {

// The flag modes a room has, in the order servers usually list them.
struct Flag {
    char letter;
    bool core::RoomModes::*field;
};
constexpr Flag flags[] = {
    {'i', &core::RoomModes::invite_only},
    {'m', &core::RoomModes::moderated},
    {'s', &core::RoomModes::secret},
    {'t', &core::RoomModes::topic_locked},
};

// Builds "+ab-c" with parameters in order, switching sign only when needed.
class ModeLine {
public:
    void add(bool plus, char letter, std::optional<std::string> parameter = std::nullopt) {
        if (modes_.empty() || plus != plus_) modes_ += plus ? '+' : '-';
        plus_ = plus;
        modes_ += letter;
        if (parameter) parameters_.push_back(std::move(*parameter));
    }
    std::vector<std::string> params() const {
        if (modes_.empty()) return {};
        std::vector<std::string> out{modes_};
        out.insert(out.end(), parameters_.begin(), parameters_.end());
        return out;
    }

private:
    std::string modes_;
    bool plus_ = true;
    std::vector<std::string> parameters_;
};

std::optional<int> parse_limit(const std::string& text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
    return value;
}

}  // namespace

std::vector<std::string> mode_params(const core::RoomModes& modes) {
    ModeLine line;
    line.add(true, 'n');  // members only, always
    for (const Flag& flag : flags) {
        if (modes.*flag.field) line.add(true, flag.letter);
    }
    if (!modes.key.empty()) line.add(true, 'k', modes.key);
    if (modes.limit > 0) line.add(true, 'l', std::to_string(modes.limit));
    return line.params();
}

std::vector<std::string> mode_change_params(const core::RoomModes& before,
                                            const core::RoomModes& after) {
    ModeLine line;
    for (const Flag& flag : flags) {
        if (before.*flag.field != after.*flag.field) line.add(after.*flag.field, flag.letter);
    }
    if (before.key != after.key) {
        if (after.key.empty()) {
            line.add(false, 'k', before.key);
        } else {
            line.add(true, 'k', after.key);
        }
    }
    if (before.limit != after.limit) {
        if (after.limit == 0) {
            line.add(false, 'l');
        } else {
            line.add(true, 'l', std::to_string(after.limit));
        }
    }
    return line.params();
}

std::vector<std::string> role_change_params(core::RoomRole before, core::RoomRole after,
                                            const std::string& nick) {
    auto letter = [](core::RoomRole role) { return role == core::RoomRole::op ? 'o' : 'v'; };
    ModeLine line;
    if (before != core::RoomRole::member) line.add(false, letter(before), nick);
    if (after != core::RoomRole::member) line.add(true, letter(after), nick);
    return line.params();
}

std::string_view role_prefix(core::RoomRole role) {
    switch (role) {
        case core::RoomRole::op: return "@";
        case core::RoomRole::voice: return "+";
        case core::RoomRole::member: return "";
    }
    return "";
}

std::variant<ModeRequest, ModeError> parse_mode_request(const std::vector<std::string>& args,
                                                        std::size_t max_with_parameter) {
    ModeRequest request;
    if (args.empty()) return request;
    const std::string& modes = args[0];
    std::size_t next = 1;
    std::size_t with_parameter = 0;
    bool plus = true;
    auto parameter = [&]() -> std::optional<std::string> {
        if (next >= args.size()) return std::nullopt;
        return args[next++];
    };
    for (char letter : modes) {
        if (letter == '+' || letter == '-') {
            plus = letter == '+';
            continue;
        }
        bool takes_parameter = letter == 'b' || letter == 'o' || letter == 'v' ||
                               (letter == 'k' && plus) || (letter == 'l' && plus);
        if (takes_parameter && ++with_parameter > max_with_parameter) break;
        switch (letter) {
            case 'b': {
                auto mask = parameter();
                if (!mask) {
                    request.list_bans = true;
                    break;
                }
                request.bans.push_back({plus, *mask});
                break;
            }
            case 'o':
            case 'v': {
                auto nick = parameter();
                if (!nick) return ModeError{ModeError::Kind::missing_parameter, letter, {}};
                request.roles.push_back(
                    {*nick, letter == 'o' ? core::RoomRole::op : core::RoomRole::voice, plus});
                break;
            }
            case 'k': {
                if (!plus) {
                    parameter();  // "-k key": the key is given back, and not needed
                    request.settings.key = std::string{};
                } else {
                    auto key = parameter();
                    if (!key) return ModeError{ModeError::Kind::missing_parameter, letter, {}};
                    request.settings.key = *key;
                }
                request.changes_settings = true;
                break;
            }
            case 'l': {
                if (!plus) {
                    request.settings.limit = 0;
                } else {
                    auto text = parameter();
                    if (!text) return ModeError{ModeError::Kind::missing_parameter, letter, {}};
                    auto limit = parse_limit(*text);
                    if (!limit) return ModeError{ModeError::Kind::invalid_parameter, letter, *text};
                    request.settings.limit = *limit;
                }
                request.changes_settings = true;
                break;
            }
            case 'm': request.settings.moderated = plus; request.changes_settings = true; break;
            case 's': request.settings.secret = plus; request.changes_settings = true; break;
            case 'i': request.settings.invite_only = plus; request.changes_settings = true; break;
            case 't': request.settings.topic_locked = plus; request.changes_settings = true; break;
            case 'n': break;  // always on: only members speak in a room
            default: return ModeError{ModeError::Kind::unknown_mode, letter, {}};
        }
    }
    return request;
}

}  // namespace parley::proto::irc

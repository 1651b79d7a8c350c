#include "proto/ws/codec.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "proto/json/model_json.hpp"

namespace parley::proto::ws {

namespace json = boost::json;
using core::Errc;
using core::Error;
using core::Result;

namespace {

// Reads a field that must be there, or records why not.
class Fields {
public:
    explicit Fields(const json::object& object) : object_(object) {}

    std::string text(std::string_view key) { return take(required_string(object_, key)); }
    std::int64_t integer(std::string_view key) { return take(required_int(object_, key)); }
    std::optional<std::string> maybe_text(std::string_view key) {
        return take(optional_string(object_, key));
    }
    std::optional<std::int64_t> maybe_integer(std::string_view key) {
        return take(optional_int(object_, key));
    }
    std::optional<bool> maybe_bool(std::string_view key) {
        return take(optional_bool(object_, key));
    }
    core::RoomRole room_role(std::string_view key) {
        std::string name = text(key);
        if (auto role = parse_room_role(name)) return *role;
        if (!error_) error_ = Error{Errc::bad_request, "\"role\" is \"op\", \"voice\" or \"member\"."};
        return core::RoomRole::member;
    }
    std::vector<core::FileId> ids(std::string_view key);

    const std::optional<Error>& error() const { return error_; }

private:
    template <typename T>
    T take(Result<T> result) {
        if (result) return std::move(result).value();
        if (!error_) error_ = result.error();
        return T{};
    }

    const json::object& object_;
    std::optional<Error> error_;
};

std::vector<core::FileId> Fields::ids(std::string_view key) {
    std::vector<core::FileId> out;
    const auto* value = object_.if_contains(key);
    if (value == nullptr || value->is_null()) return out;
    if (!value->is_array() || !std::all_of(value->get_array().begin(), value->get_array().end(),
                                           [](const json::value& v) { return v.is_int64(); })) {
        if (!error_) error_ = Error{Errc::bad_request, "\"attachments\" must be a list of ids."};
        return out;
    }
    for (const auto& id : value->get_array()) out.push_back(id.get_int64());
    return out;
}

int history_limit(std::optional<std::int64_t> limit) {
    if (!limit) return core::join_history_limit;
    return static_cast<int>(std::clamp<std::int64_t>(*limit, 1, core::max_history_limit));
}

using Parser = core::Command (*)(Fields&);

// The command table: every command the protocol knows and how to read its fields.
// Roles are checked by the Hub, from the command types themselves.
struct CommandSpec {
    std::string_view name;
    Parser parse;
};

core::Command parse_set_room(Fields& f) {
    core::cmd::SetRoomModes modes{f.text("room")};
    modes.topic_locked = f.maybe_bool("topic_locked");
    modes.moderated = f.maybe_bool("moderated");
    modes.secret = f.maybe_bool("secret");
    modes.invite_only = f.maybe_bool("invite_only");
    modes.key = f.maybe_text("key");
    if (auto limit = f.maybe_integer("limit")) {
        modes.limit = static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 1'000'000));
    }
    return modes;
}

constexpr std::array<CommandSpec, 18> command_table{{
    {"stats", [](Fields&) -> core::Command { return core::cmd::Stats{}; }},
    {"join",
     [](Fields& f) -> core::Command {
         return core::cmd::Join{f.text("room"), f.maybe_text("key").value_or("")};
     }},
    {"set_topic",
     [](Fields& f) -> core::Command {
         return core::cmd::SetTopic{f.text("room"), f.text("topic")};
     }},
    {"set_room", parse_set_room},
    {"set_role",
     [](Fields& f) -> core::Command {
         return core::cmd::SetRoomRole{f.text("room"), f.integer("user_id"), f.room_role("role")};
     }},
    {"leave", [](Fields& f) -> core::Command { return core::cmd::Leave{f.text("room")}; }},
    {"send",
     [](Fields& f) -> core::Command {
         return core::cmd::Send{f.text("room"), f.text("text"), f.ids("attachments")};
     }},
    {"send_dm",
     [](Fields& f) -> core::Command {
         return core::cmd::SendDm{f.integer("to"), f.text("text"), {}, f.ids("attachments")};
     }},
    {"history",
     [](Fields& f) -> core::Command {
         return core::cmd::History{f.maybe_text("room"), f.maybe_integer("with"),
                                   f.maybe_integer("before"), history_limit(f.maybe_integer("limit")),
                                   f.maybe_integer("after")};
     }},
    {"typing", [](Fields& f) -> core::Command { return core::cmd::Typing{f.text("room")}; }},
    {"block", [](Fields& f) -> core::Command { return core::cmd::Block{f.integer("user_id")}; }},
    {"unblock",
     [](Fields& f) -> core::Command { return core::cmd::Unblock{f.integer("user_id")}; }},
    {"kick",
     [](Fields& f) -> core::Command {
         return core::cmd::Kick{f.text("room"), f.integer("user_id"),
                                f.maybe_text("reason").value_or("")};
     }},
    {"ban",
     [](Fields& f) -> core::Command {
         return core::cmd::Ban{f.integer("user_id"), f.maybe_text("room"),
                               f.maybe_text("reason").value_or("")};
     }},
    {"unban",
     [](Fields& f) -> core::Command {
         return core::cmd::Unban{f.integer("user_id"), f.maybe_text("room")};
     }},
    {"conversations", [](Fields&) -> core::Command { return core::cmd::Conversations{}; }},
    {"members", [](Fields& f) -> core::Command { return core::cmd::Members{f.text("room")}; }},
    {"invite",
     [](Fields& f) -> core::Command {
         return core::cmd::Invite{f.text("room"), f.integer("user_id")};
     }},
}};

// The "id" as JSON text, when it is a string or a number.
std::string read_tag(const json::object& frame) {
    const auto* id = frame.if_contains("id");
    if (id == nullptr || !(id->is_string() || id->is_number())) return {};
    return json::serialize(*id);
}

}  // namespace

ClientFrame decode(std::string_view text) {
    auto parsed = parse_object(text);
    if (!parsed) return BadFrame{{}, Error{Errc::bad_request, "Frames are JSON objects."}};
    const json::object& frame = parsed.value();
    std::string tag = read_tag(frame);
    auto type = optional_string(frame, "type");
    if (!type || !*type) {
        return BadFrame{tag, Error{Errc::bad_request, "Every frame has a string \"type\"."}};
    }
    Fields fields(frame);
    if (**type == "auth") {
        // A missing or malformed token is just a token that signs nobody in:
        // the Service answers unauthorized and closes, as for a wrong one.
        auto token = optional_string(frame, "token");
        return AuthFrame{tag, token && *token ? std::move(**token) : std::string{}};
    }
    auto spec = std::find_if(command_table.begin(), command_table.end(),
                             [&](const CommandSpec& s) { return s.name == **type; });
    if (spec == command_table.end()) {
        return BadFrame{tag, Error{Errc::unknown_command, "Unknown command \"" + **type + "\"."}};
    }
    core::Command command = spec->parse(fields);
    if (fields.error()) {
        Error error = *fields.error();
        if (error.code == Errc::empty_field) error.code = Errc::bad_request;
        return BadFrame{tag, std::move(error)};
    }
    return CommandFrame{std::move(tag), std::move(command)};
}

}  // namespace parley::proto::ws

#pragma once

#include <boost/json/fwd.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/result.hpp"

// The contract's JSON shapes of core objects, shared by the HTTP API and the
// WebSocket protocol so a user or a message looks the same everywhere.
namespace parley::proto {

boost::json::object user_json(const core::User& user);
boost::json::object message_json(const core::Message& message);
// {"id","name","size","content_type","url"}: an upload's answer and a message's attachment.
boost::json::object attachment_json(const core::Attachment& file);
boost::json::object room_json(const core::Room& room);
boost::json::array users_json(const std::vector<core::User>& users);
boost::json::array messages_json(const std::vector<core::Message>& messages);
// {"code": "...", "message": "..."}
boost::json::object error_json(const core::Error& error);

// Field readers for request bodies: a missing field is nullopt, a field of the
// wrong type is an error naming it.
core::Result<std::optional<std::string>> optional_string(const boost::json::object& object,
                                                         std::string_view key);
core::Result<std::optional<std::int64_t>> optional_int(const boost::json::object& object,
                                                       std::string_view key);
core::Result<std::string> required_string(const boost::json::object& object, std::string_view key);
core::Result<std::int64_t> required_int(const boost::json::object& object, std::string_view key);

// Parses a JSON object, or says why not (bad_request).
core::Result<boost::json::object> parse_object(std::string_view text);

}  // namespace parley::proto

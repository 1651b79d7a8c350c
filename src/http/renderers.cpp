#include "http/renderers.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/file_responses.hpp"
#include "proto/json/model_json.hpp"

namespace parley::http {

namespace {

namespace json = boost::json;
namespace reply = core::reply;
using core::Response;
using core::Result;

// The service answered a request with a reply of another kind: a bug, not the client's fault.
core::Error wrong_reply() {
    return core::Error{core::Errc::internal, "The server produced an unexpected answer."};
}

Rendered json_body(int status, const json::object& body) {
    return Rendered{status, json::serialize(body)};
}

Result<Rendered> signed_in(int status, const Response& response) {
    const auto* session = std::get_if<reply::SignedIn>(&response);
    if (session == nullptr) return wrong_reply();
    return json_body(status,
                     {{"token", session->token}, {"user", proto::user_json(session->user)}});
}

json::array rooms_json(const std::vector<core::RoomSummary>& rooms) {
    json::array out;
    out.reserve(rooms.size());
    for (const auto& summary : rooms) {
        auto room = proto::room_json(summary.room);
        room["members"] = summary.members;
        out.push_back(std::move(room));
    }
    return out;
}

}  // namespace

Result<Rendered> render_health(const Response&) { return json_body(200, {{"status", "ok"}}); }

Result<Rendered> render_created_session(const Response& response) {
    return signed_in(201, response);
}

Result<Rendered> render_session(const Response& response) { return signed_in(200, response); }

Result<Rendered> render_no_content(const Response& response) {
    if (!std::holds_alternative<reply::Nothing>(response)) return wrong_reply();
    return Rendered{204, {}};
}

Result<Rendered> render_user(const Response& response) {
    const auto* one = std::get_if<reply::OneUser>(&response);
    if (one == nullptr) return wrong_reply();
    return json_body(200, {{"user", proto::user_json(one->user)}});
}

Result<Rendered> render_users(const Response& response) {
    const auto* users = std::get_if<reply::Users>(&response);
    if (users == nullptr) return wrong_reply();
    return json_body(200, {{"users", proto::users_json(users->users)}});
}

Result<Rendered> render_rooms(const Response& response) {
    const auto* rooms = std::get_if<reply::Rooms>(&response);
    if (rooms == nullptr) return wrong_reply();
    return json_body(200, {{"rooms", rooms_json(rooms->rooms)}});
}

Result<Rendered> render_messages(const Response& response) {
    const auto* messages = std::get_if<reply::Messages>(&response);
    if (messages == nullptr) return wrong_reply();
    return json_body(200, {{"messages", proto::messages_json(messages->messages)}});
}

Result<Rendered> render_file_stored(const Response& response) {
    const auto* stored = std::get_if<reply::FileStored>(&response);
    if (stored == nullptr) return wrong_reply();
    return json_body(201, {{"file", proto::attachment_json(stored->file)}});
}

Result<Rendered> render_file(const Response& response) {
    const auto* content = std::get_if<reply::FileContent>(&response);
    if (content == nullptr) return wrong_reply();
    return Rendered{200, {}, download_response(content->file, content->path)};
}

}  // namespace parley::http

#include "http/parsers.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>

#include "http/body_fields.hpp"
#include "proto/json/model_json.hpp"

namespace parley::http {

namespace {

namespace req = core::req;
using core::Errc;
using core::Error;
using core::Request;
using core::Result;

Result<boost::json::object> body_object(const RouteInput& input) {
    if (input.request.body.empty()) {
        return Error{Errc::bad_request, "This request needs a JSON object as its body."};
    }
    return proto::parse_object(input.request.body);
}

// The request read by `fields`, or the first error they met.
template <typename Req>
Result<Request> finish(const BodyFields& fields, Req request) {
    if (fields.error()) return *fields.error();
    return Request{std::move(request)};
}

// A whole decimal integer: no sign other than '-', no spaces, no trailing text.
std::optional<std::int64_t> to_int(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || stop != end) return std::nullopt;
    return value;
}

Error bad_query(std::string_view key, std::string_view expected) {
    return Error{Errc::bad_request, "The query parameter \"" + std::string(key) + "\" must be " +
                                        std::string(expected) + "."};
}

Result<std::optional<std::int64_t>> query_int(const Target& target, std::string_view key) {
    auto text = target.query_value(key);
    if (!text) return std::optional<std::int64_t>{};
    auto value = to_int(*text);
    if (!value) return bad_query(key, "an integer");
    return value;
}

Result<bool> query_flag(const Target& target, std::string_view key) {
    auto text = target.query_value(key);
    if (!text || *text == "false" || *text == "0") return false;
    if (*text == "true" || *text == "1") return true;
    return bad_query(key, "true or false");
}

}  // namespace

Result<Request> parse_register(const RouteInput& input) {
    auto body = body_object(input);
    if (!body) return body.error();
    BodyFields fields{*body};
    // Braced initialisers run left to right, so the first error is the first field's.
    req::Register request{fields.required("username"), fields.required("password"),
                          fields.optional("display_name"), fields.optional("first_name"),
                          fields.optional("last_name")};
    return finish(fields, std::move(request));
}

Result<Request> parse_login(const RouteInput& input) {
    auto body = body_object(input);
    if (!body) return body.error();
    BodyFields fields{*body};
    req::Login request{fields.required("username"), fields.required("password")};
    return finish(fields, std::move(request));
}

Result<Request> parse_logout(const RouteInput&) { return Request{req::Logout{}}; }

Result<Request> parse_get_me(const RouteInput&) { return Request{req::GetMe{}}; }

Result<Request> parse_update_me(const RouteInput& input) {
    auto body = body_object(input);
    if (!body) return body.error();
    BodyFields fields{*body};
    req::UpdateMe request{fields.optional("display_name"), fields.optional("first_name"),
                          fields.optional("last_name")};
    return finish(fields, std::move(request));
}

Result<Request> parse_change_password(const RouteInput& input) {
    auto body = body_object(input);
    if (!body) return body.error();
    BodyFields fields{*body};
    req::ChangePassword request{fields.required("old_password"), fields.required("new_password")};
    return finish(fields, std::move(request));
}

Result<Request> parse_delete_me(const RouteInput& input) {
    auto body = body_object(input);
    if (!body) return body.error();
    BodyFields fields{*body};
    req::DeleteMe request{fields.required("password")};
    return finish(fields, std::move(request));
}

Result<Request> parse_get_user(const RouteInput& input) {
    // Ids are positive; anything else names no user rather than being malformed.
    auto id = to_int(input.param("id"));
    if (!id || *id <= 0) return Error{Errc::not_found, "There is no such user."};
    return Request{req::GetUser{*id}};
}

Result<Request> parse_list_users(const RouteInput& input) {
    auto online = query_flag(input.target, "online");
    if (!online) return online.error();
    return Request{req::ListUsers{*online}};
}

Result<Request> parse_list_rooms(const RouteInput&) { return Request{req::ListRooms{}}; }

Result<Request> parse_room_messages(const RouteInput& input) {
    auto before = query_int(input.target, "before");
    if (!before) return before.error();
    auto after = query_int(input.target, "after");
    if (!after) return after.error();
    auto limit = query_int(input.target, "limit");
    if (!limit) return limit.error();
    req::RoomMessages request{std::string(input.param("name")), *before};
    request.after = *after;
    if (*limit) {
        // The service caps the page size; this only keeps a huge number inside an int.
        request.limit = static_cast<int>(std::clamp<std::int64_t>(
            **limit, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    }
    return Request{std::move(request)};
}

Result<Request> parse_set_avatar(const RouteInput& input) {
    if (input.request.body.empty()) {
        return Error{Errc::unsupported_image, "The request has no image in its body."};
    }
    return Request{req::SetAvatar{input.request.body}};
}

Result<Request> parse_delete_avatar(const RouteInput&) { return Request{req::DeleteAvatar{}}; }

Result<Request> parse_upload_file(const RouteInput& input) {
    // The name is only shown; the service sanitizes it and stores the bytes under a random one.
    auto name = input.target.query_value("name");
    return Request{req::UploadFile{std::string(name.value_or("file")), input.request.body}};
}

Result<Request> parse_get_file(const RouteInput& input) {
    // The name segment is for people and browsers; the id alone picks the file.
    auto id = to_int(input.param("id"));
    if (!id || *id <= 0) return Error{Errc::not_found, "There is no such file."};
    return Request{req::GetFile{*id}};
}

Result<Request> parse_check_session(const RouteInput&) { return Request{req::CheckSession{}}; }

}  // namespace parley::http

#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model.hpp"

namespace parley::core {

// Account and directory requests (the HTTP API), as plain values.
namespace req {

struct Register {
    std::string username;
    std::string password;
    std::optional<std::string> display_name;
    std::optional<std::string> first_name;
    std::optional<std::string> last_name;
};
struct Login {
    std::string username;
    std::string password;
};
struct Logout {};
struct GetMe {};
struct UpdateMe {
    std::optional<std::string> display_name;
    std::optional<std::string> first_name;
    std::optional<std::string> last_name;
};
struct ChangePassword {
    std::string old_password;
    std::string new_password;
};
struct DeleteMe {
    std::string password;
};
struct GetUser {
    UserId id = 0;
};
struct ListUsers {
    bool online_only = false;
};
struct ListRooms {};
struct RoomMessages {
    std::string room;
    std::optional<MessageId> before;
    int limit = 50;
    std::optional<MessageId> after;
};

// The raw bytes of a new profile picture; its type is told from the bytes.
struct SetAvatar {
    std::string bytes;
};
struct DeleteAvatar {};
struct UploadFile {
    std::string name;  // as given; sanitized before it is stored or shown
    std::string bytes;
};
struct GetFile {
    FileId id = 0;
};
// Only checks that the session is valid (before the HTTP side sets a cookie).
struct CheckSession {};

}  // namespace req

using Request = std::variant<req::Register, req::Login, req::Logout, req::GetMe, req::UpdateMe,
                             req::ChangePassword, req::DeleteMe, req::GetUser, req::ListUsers,
                             req::ListRooms, req::RoomMessages, req::SetAvatar, req::DeleteAvatar,
                             req::UploadFile, req::GetFile, req::CheckSession>;

// Register and Login need no token; everything else does.
inline bool needs_session(const Request& request) {
    return !std::holds_alternative<req::Register>(request) &&
           !std::holds_alternative<req::Login>(request);
}

namespace reply {

struct Nothing {};
struct SignedIn {
    std::string token;
    User user;
};
struct OneUser {
    User user;
};
struct Users {
    std::vector<User> users;
};
struct Rooms {
    std::vector<RoomSummary> rooms;
};
struct Messages {
    std::vector<Message> messages;
};

struct FileStored {
    Attachment file;
};
// A file the caller may download: where its bytes are, and how to present them.
struct FileContent {
    Attachment file;
    std::string path;
};

}  // namespace reply

using Response = std::variant<reply::Nothing, reply::SignedIn, reply::OneUser, reply::Users,
                              reply::Rooms, reply::Messages, reply::FileStored,
                              reply::FileContent>;

}  // namespace parley::core

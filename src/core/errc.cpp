#include "core/errc.hpp"

namespace parley::core {

namespace {

struct ErrcText {
    std::string_view code;
    std::string_view message;
};

constexpr ErrcText text_of(Errc code) {
    switch (code) {
        case Errc::bad_request: return {"bad_request", "The request is malformed."};
        case Errc::unknown_command: return {"unknown_command", "That command does not exist."};
        case Errc::unauthorized: return {"unauthorized", "You need to sign in first."};
        case Errc::forbidden: return {"forbidden", "You are not allowed to do that."};
        case Errc::not_found: return {"not_found", "No such thing exists."};
        case Errc::invalid_username:
            return {"invalid_username",
                    "Usernames have 3 to 32 characters: a letter, then letters, digits, '_' or "
                    "'-'."};
        case Errc::invalid_password:
            return {"invalid_password", "Passwords have 8 to 1024 bytes."};
        case Errc::invalid_field: return {"invalid_field", "A field has an invalid value."};
        case Errc::empty_field: return {"empty_field", "A required field is empty."};
        case Errc::username_taken:
            return {"username_taken", "That username is already registered."};
        case Errc::invalid_credentials:
            return {"invalid_credentials", "The username or password is wrong."};
        case Errc::banned: return {"banned", "You are banned."};
        case Errc::rate_limited: return {"rate_limited", "Too many requests; slow down."};
        case Errc::invalid_room:
            return {"invalid_room",
                    "Room names have 1 to 50 characters: lowercase letters, digits, '_' or '-'."};
        case Errc::invalid_text:
            return {"invalid_text",
                    "Messages have 1 to 4000 characters and are not only white space."};
        case Errc::not_member: return {"not_member", "You are not a member of that room."};
        case Errc::blocked: return {"blocked", "This user does not accept your messages."};
        case Errc::too_large: return {"too_large", "The request is too large."};
        case Errc::unsupported_image:
            return {"unsupported_image", "That file is not a supported image."};
        case Errc::room_full: return {"room_full", "That room is full."};
        case Errc::wrong_key: return {"wrong_key", "That room needs the right key to join."};
        case Errc::invite_only:
            return {"invite_only", "That room is open to invited people only."};
        case Errc::moderated:
            return {"moderated", "Only operators and voiced members can speak in that room."};
        case Errc::bad_attachment:
            return {"bad_attachment", "Attachments must be files you uploaded yourself."};
        case Errc::quota_exceeded:
            return {"quota_exceeded", "You have no room left for more files."};
        case Errc::internal: return {"internal", "Something went wrong on the server."};
    }
    return {"internal", "Something went wrong on the server."};
}

}  // namespace

std::string_view code_name(Errc code) { return text_of(code).code; }

std::string_view default_message(Errc code) { return text_of(code).message; }

}  // namespace parley::core

// Requests that read: users, rooms and room history; and the dispatch of
// signed-in requests to their handlers.
#include "app/chat_service.hpp"

namespace parley::app {

using core::Errc;
using core::Error;
namespace req = core::req;
namespace reply = core::reply;

void ChatService::handle(Session session, core::Request request, Respond respond) {
    std::visit(
        [&](auto&& r) {
            using R = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<R, req::Logout>) {
                logout(std::move(session), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::GetMe>) {
                get_me(std::move(session), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::UpdateMe>) {
                update_me(std::move(session), std::move(r), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::ChangePassword>) {
                change_password(std::move(session), std::move(r), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::DeleteMe>) {
                delete_me(std::move(session), std::move(r), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::GetUser>) {
                get_user(r, std::move(respond));
            } else if constexpr (std::is_same_v<R, req::ListUsers>) {
                list_users(r, std::move(respond));
            } else if constexpr (std::is_same_v<R, req::ListRooms>) {
                list_rooms(std::move(respond));
            } else if constexpr (std::is_same_v<R, req::RoomMessages>) {
                room_messages(std::move(session), std::move(r), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::SetAvatar>) {
                set_avatar(std::move(session), std::move(r), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::DeleteAvatar>) {
                replace_avatar(std::move(session), std::nullopt, std::move(respond));
            } else if constexpr (std::is_same_v<R, req::UploadFile>) {
                upload_file(std::move(session), std::move(r), std::move(respond));
            } else if constexpr (std::is_same_v<R, req::GetFile>) {
                get_file(std::move(session), r, std::move(respond));
            } else if constexpr (std::is_same_v<R, req::CheckSession>) {
                respond(reply::Nothing{});
            } else {
                // Register and Login never need a session; they are handled before this.
                respond(Error{Errc::bad_request});
            }
        },
        std::move(request));
}

void ChatService::get_user(req::GetUser r, Respond respond) {
    auto user = hub_.find_user(r.id);
    if (!user) return respond(Error{Errc::not_found, "There is no such user."});
    respond(reply::OneUser{std::move(*user)});
}

void ChatService::list_users(req::ListUsers r, Respond respond) {
    respond(reply::Users{r.online_only ? hub_.online_users() : hub_.all_users()});
}

void ChatService::list_rooms(Respond respond) { respond(reply::Rooms{hub_.rooms()}); }

void ChatService::room_messages(Session session, req::RoomMessages r, Respond respond) {
    auto query = hub_.room_history(session.user.id, r.room, r.before, r.limit, r.after);
    if (!query) return respond(query.error());
    auto messages = std::make_shared<std::vector<core::Message>>();
    in_store([query = query.value(), messages](store::Store& store) { *messages = store.history(query); },
             [messages, respond](std::exception_ptr e) {
                 if (e) return respond(Error{Errc::internal});
                 respond(reply::Messages{std::move(*messages)});
             });
}

}  // namespace parley::app

#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "app/dispatcher.hpp"
#include "app/task_queue.hpp"
#include "app/verified_credentials.hpp"
#include "core/hub.hpp"
#include "core/rate_limiter.hpp"
#include "core/service.hpp"
#include "media/avatar_image.hpp"
#include "media/file_vault.hpp"
#include "store/store_worker.hpp"

namespace parley::app {

struct ServiceOptions {
    bool limits = true;
    std::vector<std::string> admins;  // usernames that are admins whatever the store says
    std::uint64_t file_quota_bytes = 1ull << 30;
    media::AvatarLimits avatar_limits;
    bool guests = false;  // IRC clients may join without an account
};

// Where avatars and files go, and the pool that decodes images and writes
// files (never the Hub's thread or a shard).
struct MediaServices {
    TaskQueue& pool;
    media::FileVault& avatars;
    media::FileVault& files;
};

// The Service the adapters talk to. Chat state lives in the Hub, on one
// thread (`hub_thread`); durable state goes through the store thread, whose
// commits come back to the Hub's thread before anything that depends on them
// is delivered; password hashing runs on `hash_pool`.
class ChatService final : public core::Service {
public:
    ChatService(ServiceOptions options, store::StoreWorker& store, TaskQueue& hub_thread,
                TaskQueue& hash_pool, Dispatcher& dispatcher, MediaServices media);

    // The Hub's starting state (call before serving).
    void load(core::HubSnapshot snapshot);
    // A user's name, for event wires that spell people by name. Only on the
    // service's thread (where wires encode).
    std::optional<std::string> username_of(core::UserId user) const;

    void request(core::Caller caller, core::Request request, Respond respond) override;
    void connect(core::ConnId conn, core::Protocol protocol, core::Caller caller) override;
    void command(core::ConnId conn, std::string tag, core::Command command) override;
    void disconnect(core::ConnId conn) override;
    void sign_in(core::ConnId conn, core::Protocol protocol, unsigned variant,
                 std::string username, std::string password, Reply reply) override;
    void sign_in_guest(core::ConnId conn, core::Protocol protocol, unsigned variant,
                       std::string nick, Reply reply) override;
    void command(core::ConnId conn, core::Command command, Reply reply) override;
    void set_variant(core::ConnId conn, unsigned variant) override;
    void grant_operator(core::ConnId conn) override;

private:
    struct Session {
        core::User user;
        std::string token_hash;
    };
    using Then = std::function<void()>;
    template <typename T>
    using Callback = std::function<void(core::Result<T>)>;
    using LoginThen = Callback<store::UserRecord>;
    // Set once the connection that asked for a sign-in has closed.
    using Abandoned = std::shared_ptr<std::atomic<bool>>;
    // With the token's hash when a session token signed in, else empty.
    using TokenSignedIn = std::function<void(core::Result<store::UserRecord>, std::string)>;

    // Plumbing (chat_service.cpp).
    void in_store(std::function<void(store::Store&)> job,
                  std::function<void(std::exception_ptr)> then);
    void run_effects(core::Effects effects, Then then, std::function<void()> failed = {});
    void authenticate(const std::optional<std::string>& token, Callback<Session> then);
    void finish_command(core::ConnId conn, core::Outcome outcome, Reply answer_to);
    // The password against the store's hash: argon2 on the hashing pool,
    // unless `verified_` remembers it; `then` on the Hub's thread.
    // With `abandoned` set by the time the pool gets to it, it answers
    // invalid_credentials without hashing: nobody is waiting.
    void verify_login(std::string username, std::string password, LoginThen then,
                      Abandoned abandoned = nullptr);
    // The last checks of every sign-in, once the credentials are good.
    void accept_login(store::UserRecord record, const LoginThen& then);
    void complete(core::Answer& answer, std::vector<core::Message> messages,
                  core::ConnId conn) const;
    core::User with_role(core::User user) const;
    void catch_up(const core::User& user);

    // Gateway sign-ins (sign_in.cpp). `session`: the token hash the connection
    // is tied to (logout closes it), or empty.
    void verify_token_sign_in(std::string username, std::string token, TokenSignedIn then,
                              Abandoned abandoned);
    void attach_signed_in(core::ConnId conn, core::Protocol protocol, unsigned variant,
                          const core::User& user, const Reply& reply, std::string session);

    // Requests (account_requests.cpp, directory_requests.cpp), on the Hub's thread.
    void handle(const core::Caller& caller, core::req::Register r, Respond respond);
    void handle(const core::Caller& caller, core::req::Login r, Respond respond);
    void handle(Session session, core::Request request, Respond respond);
    void logout(Session session, Respond respond);
    void get_me(Session session, Respond respond);
    void update_me(Session session, core::req::UpdateMe r, Respond respond);
    void change_password(Session session, core::req::ChangePassword r, Respond respond);
    void delete_me(Session session, core::req::DeleteMe r, Respond respond);
    void get_user(core::req::GetUser r, Respond respond);
    void list_users(core::req::ListUsers r, Respond respond);
    void list_rooms(Session session, Respond respond);
    void room_messages(Session session, core::req::RoomMessages r, Respond respond);
    void start_session(store::UserRecord record, Respond respond);

    // Avatars and files (media_requests.cpp).
    void set_avatar(Session session, core::req::SetAvatar r, Respond respond);
    void replace_avatar(Session session, std::optional<std::string> url, Respond respond);
    void upload_file(Session session, core::req::UploadFile r, Respond respond);
    void add_file_row(store::NewFile file, Respond respond);
    void get_file(Session session, core::req::GetFile r, Respond respond);
    // Removes the avatar file behind `url` on the media pool (none: nothing to
    // do), then runs `then` on the Hub's thread: an answer sent after it never
    // points at a picture that is still served.
    void remove_avatar_file(const std::optional<std::string>& url, Then then = {});
    void with_password(Session session, std::string password,
                       std::function<void(store::UserRecord)> then, Respond respond);

    ServiceOptions options_;
    store::StoreWorker& store_;
    TaskQueue& hub_thread_;
    TaskQueue& hash_pool_;
    Dispatcher& dispatcher_;
    MediaServices media_;
    core::Hub hub_;
    std::unordered_set<core::ConnId> connecting_;  // sent auth, waiting for the store
    std::unordered_map<core::ConnId, Abandoned> password_sign_ins_;  // of connecting_
    core::RateLimiter<std::string> logins_by_address_;
    core::RateLimiter<std::string> logins_by_account_;
    core::RateLimiter<std::string> registrations_by_address_;
    VerifiedCredentials verified_;  // passwords argon2 accepted lately; Hub's thread only
};

}  // namespace parley::app

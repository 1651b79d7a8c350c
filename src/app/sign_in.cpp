// Signing in a gateway connection (IRC): a password, a session token given
// in its place, or a guest's nick.
#include <spdlog/spdlog.h>

#include "app/chat_service.hpp"
#include "app/clock.hpp"
#include "app/credentials.hpp"
#include "core/validation.hpp"

namespace parley::app {

using core::Errc;
using core::Error;

void ChatService::sign_in(core::ConnId conn, core::Protocol protocol, unsigned variant,
                          std::string username, std::string password, Reply reply) {
    hub_thread_.post([this, conn, protocol, variant, username = std::move(username),
                      password = std::move(password), reply = std::move(reply)]() mutable {
        if (dispatcher_.protocol_of(conn) || connecting_.contains(conn)) {
            return reply(Error{Errc::bad_request, "This connection is signed in."});
        }
        if (options_.limits &&
            !logins_by_account_.allow(core::lowercase_ascii(username), now_ms())) {
            return reply(Error{Errc::rate_limited, "Too many sign-in attempts; wait a minute."});
        }
        connecting_.insert(conn);
        auto abandoned = std::make_shared<std::atomic<bool>>(false);
        password_sign_ins_[conn] = abandoned;
        auto signed_in = [this, conn, protocol, variant, reply](
                             core::Result<store::UserRecord> record, std::string session) {
            password_sign_ins_.erase(conn);
            if (connecting_.erase(conn) == 0) return;  // closed while the password was checked
            if (!record) return reply(record.error());
            attach_signed_in(conn, protocol, variant, with_role(record->user), reply, session);
        };
        if (is_token_shaped(password)) {
            return verify_token_sign_in(std::move(username), std::move(password),
                                        std::move(signed_in), std::move(abandoned));
        }
        verify_login(
            std::move(username), std::move(password),
            [signed_in](core::Result<store::UserRecord> record) {
                signed_in(std::move(record), {});
            },
            std::move(abandoned));
    });
}

// A session token where the password goes: as good as the web client's
// `auth` frame, and as cheap (a store lookup, no argon2). The connection is
// tied to that session, so logging it out closes the connection too. A text
// that merely looks like a token (it may be the password) falls back to the
// password check.
void ChatService::verify_token_sign_in(std::string username, std::string token, TokenSignedIn then,
                                       Abandoned abandoned) {
    auto hash = token_hash(token);
    auto record = std::make_shared<std::optional<store::UserRecord>>();
    in_store(
        [hash, record](store::Store& store) {
            if (auto user = store.find_session(hash)) *record = store.find_user(*user);
        },
        [this, username, token, hash, record, then, abandoned](std::exception_ptr e) {
            if (e) return then(Error{Errc::internal}, {});
            bool same_user =
                *record && !(*record)->user.deleted &&
                core::lowercase_ascii((*record)->user.username) == core::lowercase_ascii(username);
            if (!same_user) {
                return verify_login(
                    username, token,
                    [then](core::Result<store::UserRecord> result) { then(std::move(result), {}); },
                    abandoned);
            }
            spdlog::info("event=sign_in user={} by=token", (*record)->user.id);
            accept_login(std::move(**record), [then, hash](core::Result<store::UserRecord> r) {
                then(std::move(r), hash);
            });
        });
}

void ChatService::attach_signed_in(core::ConnId conn, core::Protocol protocol, unsigned variant,
                                   const core::User& user, const Reply& reply,
                                   std::string session) {
    // With a password, not tied to a token: logging out a browser leaves IRC
    // connected. IRC shows who is online through NAMES, WHO and MONITOR, not a
    // list at sign-in.
    auto outcome =
        hub_.connect(conn, user, std::move(session), now_ms(), core::Hub::OnlineList::omit);
    if (!outcome.answer) return reply(outcome.answer.error());
    dispatcher_.attach(conn, protocol, variant);
    dispatcher_.authenticated(conn);
    spdlog::info("event=connect conn={} user={}{}", conn, user.id, user.guest ? " guest=true" : "");
    reply(std::move(outcome.answer.value()));
    run_effects(std::move(outcome.effects), {});
}

void ChatService::sign_in_guest(core::ConnId conn, core::Protocol protocol, unsigned variant,
                                std::string nick, Reply reply) {
    hub_thread_.post([this, conn, protocol, variant, nick = std::move(nick),
                      reply = std::move(reply)]() mutable {
        if (!options_.guests) {
            return reply(Error{Errc::unauthorized,
                               "Sign in with your Parley account; this server has no guests."});
        }
        if (dispatcher_.protocol_of(conn) || connecting_.contains(conn)) {
            return reply(Error{Errc::bad_request, "This connection is signed in."});
        }
        if (auto valid = core::validate_username(nick); !valid) return reply(valid.error());
        auto taken = [&nick] {
            return Error{Errc::username_taken, "The nick " + nick + " is someone's; pick another."};
        };
        if (hub_.name_in_use(nick)) return reply(taken());
        connecting_.insert(conn);
        auto guest = std::make_shared<std::optional<core::User>>();
        in_store(
            [nick, guest](store::Store& store) {
                // An account the Hub hasn't met yet (`parleyd user add`) owns it too.
                if (!store.find_user_by_name(nick)) *guest = store.create_guest(nick);
            },
            [this, conn, protocol, variant, reply, guest, taken](std::exception_ptr error) {
                if (connecting_.erase(conn) == 0) return;  // closed meanwhile
                if (error) return reply(Error{Errc::internal});
                // Another guest may have taken the nick while the row was written.
                if (!*guest || hub_.name_in_use((*guest)->username)) return reply(taken());
                attach_signed_in(conn, protocol, variant, **guest, reply, {});
            });
    });
}

}  // namespace parley::app

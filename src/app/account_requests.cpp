// Account requests: register, sign in and out, profile, password, deletion.
#include <spdlog/spdlog.h>

#include "app/chat_service.hpp"
#include "app/clock.hpp"
#include "app/credentials.hpp"
#include "core/validation.hpp"

namespace parley::app {

using core::Errc;
using core::Error;
namespace req = core::req;
namespace reply = core::reply;

namespace {

// Blank fields are reported before malformed ones: "fill this in" comes first.
core::Status validate_registration(const req::Register& r) {
    const std::pair<const char*, const std::optional<std::string>*> names[] = {
        {"display_name", &r.display_name},
        {"first_name", &r.first_name},
        {"last_name", &r.last_name}};
    if (core::is_blank(r.username)) return Error{Errc::empty_field, "The username is empty."};
    if (r.password.empty()) return Error{Errc::empty_field, "The password is empty."};
    for (const auto& [field, value] : names) {
        if (*value && core::is_blank(**value)) {
            return Error{Errc::empty_field, std::string("The field ") + field + " is empty."};
        }
    }
    if (auto valid = core::validate_username(r.username); !valid) return valid;
    if (auto valid = core::validate_password(r.password); !valid) return valid;
    for (const auto& [field, value] : names) {
        if (!*value) continue;
        if (auto valid = core::validate_name_field(field, **value); !valid) return valid;
    }
    return core::success();
}

core::Status validate_update(const req::UpdateMe& r) {
    const std::pair<const char*, const std::optional<std::string>*> names[] = {
        {"display_name", &r.display_name},
        {"first_name", &r.first_name},
        {"last_name", &r.last_name}};
    for (const auto& [field, value] : names) {
        if (!*value) continue;
        if (auto valid = core::validate_name_field(field, **value); !valid) return valid;
    }
    return core::success();
}

}  // namespace

void ChatService::handle(const core::Caller& caller, req::Register r, Respond respond) {
    if (auto valid = validate_registration(r); !valid) return respond(valid.error());
    if (options_.limits && !registrations_by_address_.allow(caller.address, now_ms())) {
        return respond(Error{Errc::rate_limited, "Too many sign-ups from your address; wait."});
    }
    hash_pool_.post([this, r = std::move(r), respond = std::move(respond)] {
        store::NewUser user{r.username, hash_password(r.password), r.display_name.value_or(r.username),
                            r.first_name.value_or(""), r.last_name.value_or(""), core::Role::member};
        auto token = new_session_token();
        auto created = std::make_shared<std::optional<core::Result<core::User>>>();
        in_store(
            [user = std::move(user), hash = token_hash(token), created](store::Store& store) {
                auto result = store.create_user(user);
                if (result) {
                    store.add_member(core::general_room, result->id);
                    store.create_session(hash, result->id, now_ms());
                }
                *created = std::move(result);
            },
            [this, token, created, respond](std::exception_ptr e) {
                if (e || !*created) return respond(Error{Errc::internal});
                if (!**created) return respond((**created).error());
                auto user = with_role((**created).value());
                spdlog::info("event=register user={} name={}", user.id, user.username);
                dispatcher_.dispatch(hub_.user_registered(user));
                respond(reply::SignedIn{token, *hub_.find_user(user.id)});
            });
    });
}

void ChatService::handle(const core::Caller& caller, req::Login r, Respond respond) {
    if (r.username.empty() || r.password.empty()) {
        return respond(Error{Errc::empty_field, "Enter a username and a password."});
    }
    auto now = now_ms();
    if (options_.limits && (!logins_by_address_.allow(caller.address, now) ||
                            !logins_by_account_.allow(core::lowercase_ascii(r.username), now))) {
        return respond(Error{Errc::rate_limited, "Too many sign-in attempts; wait a minute."});
    }
    verify_login(std::move(r.username), std::move(r.password),
                 [this, respond](core::Result<store::UserRecord> record) {
                     if (!record) return respond(record.error());
                     start_session(std::move(record.value()), respond);
                 });
}

void ChatService::verify_login(std::string username, std::string password, LoginThen then,
                               Abandoned abandoned) {
    auto record = std::make_shared<std::optional<store::UserRecord>>();
    in_store(
        [name = std::move(username), record](store::Store& store) {
            *record = store.find_user_by_name(name);
        },
        [this, password = std::move(password), record, then, abandoned](std::exception_ptr e) {
            if (e) return then(Error{Errc::internal});
            bool known = *record && !(*record)->user.deleted;
            // Only the right password can hit; anything else is a miss and pays argon2.
            if (known && verified_.contains((*record)->user.id, (*record)->password_hash,
                                            password, now_ms())) {
                spdlog::info("event=sign_in user={} by=remembered_password", (*record)->user.id);
                return accept_login(std::move(**record), then);
            }
            hash_pool_.post([this, password, record, known, then, abandoned] {
                // After a storm of sign-ins (a restart) many clients give up and
                // their turn comes later; hashing for them would only delay the
                // rest, and shutdown, which closes every connection first.
                if (abandoned && abandoned->load()) {
                    spdlog::info("event=sign_in_skipped reason=connection_closed");
                    return hub_thread_.post([then] { then(Errc::invalid_credentials); });
                }
                bool ok = known ? verify_password((*record)->password_hash, password)
                                : (verify_against_nothing(password), false);
                hub_thread_.post([this, ok, password, record, then] {
                    if (!ok) return then(Errc::invalid_credentials);
                    verified_.remember((*record)->user.id, (*record)->password_hash, password,
                                       now_ms());
                    accept_login(std::move(**record), then);
                });
            });
        });
}

void ChatService::accept_login(store::UserRecord record, const LoginThen& then) {
    catch_up(with_role(record.user));
    if (record.user.banned) return then(Errc::banned);
    then(std::move(record));
}

void ChatService::start_session(store::UserRecord record, Respond respond) {
    auto token = new_session_token();
    auto user = with_role(std::move(record.user));
    in_store([hash = token_hash(token), id = user.id](store::Store& store) {
                 store.create_session(hash, id, now_ms());
             },
             [this, token, user, respond](std::exception_ptr e) {
                 if (e) return respond(Error{Errc::internal});
                 spdlog::info("event=login user={}", user.id);
                 respond(reply::SignedIn{token, hub_.find_user(user.id).value_or(user)});
             });
}

void ChatService::logout(Session session, Respond respond) {
    in_store([hash = session.token_hash](store::Store& store) { store.delete_session(hash); },
             [this, session, respond](std::exception_ptr e) {
                 if (e) return respond(Error{Errc::internal});
                 spdlog::info("event=logout user={}", session.user.id);
                 dispatcher_.dispatch(hub_.end_session(session.token_hash));
                 respond(reply::Nothing{});
             });
}

void ChatService::get_me(Session session, Respond respond) {
    respond(reply::OneUser{hub_.find_user(session.user.id).value_or(session.user)});
}

void ChatService::update_me(Session session, req::UpdateMe r, Respond respond) {
    if (auto valid = validate_update(r); !valid) return respond(valid.error());
    auto updated = std::make_shared<std::optional<store::UserRecord>>();
    store::ProfileUpdate update{r.display_name, r.first_name, r.last_name};
    in_store(
        [id = session.user.id, update, updated](store::Store& store) {
            store.update_profile(id, update);
            *updated = store.find_user(id);
        },
        [this, updated, respond](std::exception_ptr e) {
            if (e || !*updated) return respond(Error{Errc::internal});
            auto user = with_role((*updated)->user);
            dispatcher_.dispatch(hub_.user_changed(user));
            respond(reply::OneUser{hub_.find_user(user.id).value_or(user)});
        });
}

// Checks `password` against the user's current hash on the hashing pool, then
// calls `then` on the Hub's thread with the user's record.
void ChatService::with_password(Session session, std::string password,
                                std::function<void(store::UserRecord)> then, Respond respond) {
    auto record = std::make_shared<std::optional<store::UserRecord>>();
    in_store([id = session.user.id, record](store::Store& store) { *record = store.find_user(id); },
             [this, password, record, then, respond](std::exception_ptr e) {
                 if (e || !*record) return respond(Error{Errc::internal});
                 hash_pool_.post([this, password, record, then, respond] {
                     bool ok = verify_password((*record)->password_hash, password);
                     hub_thread_.post([ok, record, then, respond] {
                         if (!ok) {
                             return respond(Error{Errc::invalid_credentials,
                                                  "The current password is wrong."});
                         }
                         then(std::move(**record));
                     });
                 });
             });
}

void ChatService::change_password(Session session, req::ChangePassword r, Respond respond) {
    if (auto valid = core::validate_password(r.new_password); !valid) {
        return respond(valid.error().code == Errc::empty_field ? Error{Errc::invalid_password}
                                                               : valid.error());
    }
    auto then = [this, session, new_password = r.new_password, respond](store::UserRecord) {
        hash_pool_.post([this, session, new_password, respond] {
            in_store(
                [session, hash = hash_password(new_password)](store::Store& store) {
                    store.set_password_hash(session.user.id, hash);
                    store.delete_sessions_of(session.user.id, session.token_hash);
                },
                [this, session, respond](std::exception_ptr e) {
                    if (e) return respond(Error{Errc::internal});
                    spdlog::info("event=password_changed user={}", session.user.id);
                    verified_.forget(session.user.id);  // its hash changed anyway
                    dispatcher_.dispatch(hub_.end_sessions_of(session.user.id, session.token_hash));
                    respond(reply::Nothing{});
                });
        });
    };
    with_password(session, std::move(r.old_password), std::move(then), respond);
}

void ChatService::delete_me(Session session, req::DeleteMe r, Respond respond) {
    auto then = [this, session, respond](store::UserRecord record) {
        in_store([id = session.user.id](store::Store& store) { store.delete_user(id); },
                 [this, session, respond, avatar = record.user.avatar_url](std::exception_ptr e) {
                     if (e) return respond(Error{Errc::internal});
                     spdlog::info("event=account_deleted user={}", session.user.id);
                     verified_.forget(session.user.id);
                     run_effects(hub_.user_deleted(session.user.id), {});
                     // The row no longer points at the picture; answer once it is gone too.
                     remove_avatar_file(avatar, [respond] { respond(reply::Nothing{}); });
                 });
    };
    with_password(session, std::move(r.password), std::move(then), respond);
}

}  // namespace parley::app

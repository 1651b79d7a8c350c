#include "app/chat_service.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

#include "app/clock.hpp"
#include "app/credentials.hpp"
#include "core/validation.hpp"
#include "store/apply_op.hpp"

namespace parley::app {

using core::Errc;
using core::Error;

namespace {

// Sign-in attempts: a burst, then a steady trickle, per address and per account.
constexpr core::RateLimit login_by_address{.per_second = 1.0, .burst = 20.0};
constexpr core::RateLimit login_by_account{.per_second = 0.2, .burst = 10.0};
constexpr core::RateLimit registration_by_address{.per_second = 0.2, .burst = 10.0};

std::string describe(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

ChatService::ChatService(ServiceOptions options, store::StoreWorker& store, TaskQueue& hub_thread,
                         TaskQueue& hash_pool, Dispatcher& dispatcher, MediaServices media)
    : options_(std::move(options)),
      store_(store),
      hub_thread_(hub_thread),
      hash_pool_(hash_pool),
      dispatcher_(dispatcher),
      media_(media),
      hub_(core::HubOptions{.limits = options_.limits}),
      logins_by_address_(login_by_address),
      logins_by_account_(login_by_account),
      registrations_by_address_(registration_by_address) {
    for (auto& admin : options_.admins) admin = core::lowercase_ascii(admin);
}

void ChatService::load(core::HubSnapshot snapshot) {
    for (auto& user : snapshot.users) user = with_role(std::move(user));
    hub_thread_.post([this, snapshot = std::move(snapshot)] { hub_.load(snapshot); });
}

std::optional<std::string> ChatService::username_of(core::UserId user) const {
    auto found = hub_.find_user(user);
    if (!found) return std::nullopt;
    return found->username;
}

core::User ChatService::with_role(core::User user) const {
    // Admins named in the configuration are admins for as long as they are named there.
    if (std::find(options_.admins.begin(), options_.admins.end(),
                  core::lowercase_ascii(user.username)) != options_.admins.end()) {
        user.role = core::Role::admin;
    }
    return user;
}

void ChatService::in_store(std::function<void(store::Store&)> job,
                           std::function<void(std::exception_ptr)> then) {
    store_.post(std::move(job), [this, then = std::move(then)](std::exception_ptr error) {
        hub_thread_.post([then, error] { then(error); });
    });
}

void ChatService::run_effects(core::Effects effects, Then then, std::function<void()> failed) {
    if (effects.persist.empty()) {
        dispatcher_.dispatch(effects);
        if (then) then();
        return;
    }
    auto ops = std::make_shared<std::vector<core::StoreOp>>(std::move(effects.persist));
    auto rest = std::make_shared<core::Effects>(std::move(effects));
    in_store(
        [ops](store::Store& store) {
            for (const auto& op : *ops) store::apply(store, op);
        },
        [this, rest, then = std::move(then), failed = std::move(failed)](std::exception_ptr e) {
            if (e) {
                spdlog::error("event=store_failed error=\"{}\"", describe(e));
                if (failed) failed();
                return;
            }
            dispatcher_.dispatch(*rest);
            if (then) then();
        });
}

void ChatService::authenticate(const std::optional<std::string>& token, Callback<Session> then) {
    if (!token || token->empty()) return then(Errc::unauthorized);
    auto hash = token_hash(*token);
    auto record = std::make_shared<std::optional<store::UserRecord>>();
    in_store(
        [hash, record](store::Store& store) {
            if (auto user = store.find_session(hash)) *record = store.find_user(*user);
        },
        [this, hash, record, then = std::move(then)](std::exception_ptr e) {
            if (e) return then(Error{Errc::internal});
            if (!*record || (*record)->user.deleted) {
                return then(Error{Errc::unauthorized, "Your session has ended; sign in again."});
            }
            auto user = with_role((*record)->user);
            catch_up(user);
            if (user.banned) return then(Errc::banned);
            then(Session{std::move(user), hash});
        });
}

void ChatService::catch_up(const core::User& user) {
    // `parleyd user add` and `user ban` write to the store while we run; the
    // store's copy wins the first time such a user signs in.
    if (!hub_.find_user(user.id)) {
        dispatcher_.dispatch(hub_.user_registered(user));
    } else if (user.banned && !hub_.find_user(user.id)->banned) {
        dispatcher_.dispatch(hub_.user_banned(user.id, "Banned by an administrator."));
    }
}

void ChatService::request(core::Caller caller, core::Request request, Respond respond) {
    hub_thread_.post([this, caller = std::move(caller), request = std::move(request),
                      respond = std::move(respond)]() mutable {
        if (auto* r = std::get_if<core::req::Register>(&request)) {
            return handle(caller, std::move(*r), std::move(respond));
        }
        if (auto* r = std::get_if<core::req::Login>(&request)) {
            return handle(caller, std::move(*r), std::move(respond));
        }
        authenticate(caller.token, [this, request = std::move(request),
                                    respond](core::Result<Session> session) mutable {
            if (!session && session.error().code == Errc::banned) {
                // The token of a banned account is revoked; only sign-in says "banned".
                return respond(Error{Errc::unauthorized, "Your session has ended."});
            }
            if (!session) return respond(session.error());
            handle(std::move(session.value()), std::move(request), std::move(respond));
        });
    });
}

void ChatService::connect(core::ConnId conn, core::Protocol protocol, core::Caller caller) {
    hub_thread_.post([this, conn, protocol, caller = std::move(caller)] {
        if (dispatcher_.protocol_of(conn) || connecting_.contains(conn)) {
            return dispatcher_.error(conn, protocol, {},
                                     Error{Errc::bad_request, "This connection is signed in."});
        }
        connecting_.insert(conn);
        authenticate(caller.token, [this, conn, protocol](core::Result<Session> session) {
            if (connecting_.erase(conn) == 0) return;  // closed while the store looked
            auto outcome = session ? hub_.connect(conn, session->user, session->token_hash,
                                                  now_ms())
                                   : core::Outcome{session.error()};
            if (!outcome.answer) {
                auto reason = outcome.answer.error().code == Errc::banned
                                  ? core::CloseReason::banned
                                  : core::CloseReason::session_ended;
                return dispatcher_.error(conn, protocol, {}, outcome.answer.error(), reason);
            }
            dispatcher_.attach(conn, protocol);
            dispatcher_.ready(conn, outcome.answer.value());
            spdlog::info("event=connect conn={} user={}", conn, session->user.id);
            run_effects(std::move(outcome.effects), {});
        });
    });
}

void ChatService::command(core::ConnId conn, std::string tag, core::Command command) {
    hub_thread_.post([this, conn, tag = std::move(tag), command = std::move(command)]() mutable {
        if (!dispatcher_.protocol_of(conn)) {
            // Only the WebSocket gateway sends commands before signing in; IRC
            // registers a connection itself before it sends any.
            return dispatcher_.error(conn, core::Protocol::websocket, tag,
                                     Error{Errc::unauthorized, "Sign in with an auth frame first."},
                                     core::CloseReason::session_ended);
        }
        auto answer_to = [this, conn, tag](core::Result<core::Answer> answer) {
            if (!answer) {
                return dispatcher_.error(conn, core::Protocol::websocket, tag, answer.error());
            }
            dispatcher_.answer(conn, tag, answer.value());
        };
        finish_command(conn, hub_.handle(conn, command, now_ms()), std::move(answer_to));
    });
}

void ChatService::command(core::ConnId conn, core::Command command, Reply reply) {
    hub_thread_.post([this, conn, command = std::move(command), reply = std::move(reply)] {
        if (!dispatcher_.protocol_of(conn)) return reply(Errc::unauthorized);
        finish_command(conn, hub_.handle(conn, command, now_ms()), reply);
    });
}

void ChatService::grant_operator(core::ConnId conn) {
    hub_thread_.post([this, conn] {
        hub_.grant_operator(conn);
        spdlog::info("event=oper conn={}", conn);
    });
}

void ChatService::set_variant(core::ConnId conn, unsigned variant) {
    hub_thread_.post([this, conn, variant] { dispatcher_.set_variant(conn, variant); });
}

void ChatService::finish_command(core::ConnId conn, core::Outcome outcome, Reply answer_to) {
    if (!outcome.answer) return answer_to(outcome.answer.error());
    auto answer = std::make_shared<core::Answer>(std::move(outcome.answer.value()));
    if (!outcome.read && outcome.effects.persist.empty()) {
        answer_to(std::move(*answer));  // before the effects: the asker hears first
        return dispatcher_.dispatch(outcome.effects);
    }
    // Acknowledged only once committed; a join's history is read after its commit.
    auto messages = std::make_shared<std::vector<core::Message>>();
    auto ops = std::make_shared<std::vector<core::StoreOp>>(std::move(outcome.effects.persist));
    auto rest = std::make_shared<core::Effects>(std::move(outcome.effects));
    in_store(
        [ops, read = outcome.read, messages](store::Store& store) {
            for (const auto& op : *ops) store::apply(store, op);
            if (!read) return;
            if (auto* history = std::get_if<core::HistoryQuery>(&*read)) {
                *messages = store.history(*history);
            } else {
                *messages = store.last_direct_messages(std::get<core::ConversationsQuery>(*read));
            }
        },
        [this, conn, answer_to, answer, messages, rest](std::exception_ptr e) {
            if (e) {
                spdlog::error("event=store_failed conn={} error=\"{}\"", conn, describe(e));
                return answer_to(Error{Errc::internal});
            }
            complete(*answer, std::move(*messages), conn);
            answer_to(std::move(*answer));
            dispatcher_.dispatch(*rest);
        });
}

// Puts what the store read into the answer that asked for it.
void ChatService::complete(core::Answer& answer, std::vector<core::Message> messages,
                           core::ConnId conn) const {
    if (auto* joined = std::get_if<core::answer::Joined>(&answer)) {
        joined->history = std::move(messages);
    } else if (auto* history = std::get_if<core::answer::History>(&answer)) {
        history->messages = std::move(messages);
        for (const auto& message : history->messages) {
            if (auto name = username_of(message.from)) history->names[message.from] = *name;
        }
    } else if (auto* list = std::get_if<core::answer::Conversations>(&answer)) {
        auto viewer = dispatcher_.protocol_of(conn) ? hub_.user_of(conn) : std::nullopt;
        for (auto& message : messages) {
            core::UserId other = message.from == viewer ? message.to.value_or(0) : message.from;
            if (auto user = hub_.find_user(other)) {
                list->conversations.push_back({std::move(*user), std::move(message)});
            }
        }
    }
}

void ChatService::disconnect(core::ConnId conn) {
    hub_thread_.post([this, conn] {
        connecting_.erase(conn);
        if (auto found = password_sign_ins_.find(conn); found != password_sign_ins_.end()) {
            found->second->store(true);
            password_sign_ins_.erase(found);
        }
        bool was_signed_in = dispatcher_.protocol_of(conn).has_value();
        dispatcher_.detach(conn);
        if (was_signed_in) spdlog::info("event=disconnect conn={}", conn);
        run_effects(hub_.disconnect(conn), {});
    });
}

}  // namespace parley::app

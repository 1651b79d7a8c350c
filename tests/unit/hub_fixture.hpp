#pragma once

#include <gtest/gtest.h>

#include <algorithm>

#include "core/hub.hpp"

namespace parley::test {

using namespace parley::core;

// A Hub with users 1..n (user 1 an admin), each with one connection 100+id,
// all members of general. Time is a counter, so tests never sleep.
class HubTest : public testing::Test {
protected:
    void SetUp() override { start(3, HubOptions{.limits = false}); }

    void start(int users, HubOptions options) {
        hub_ = Hub(options);
        HubSnapshot snapshot;
        snapshot.rooms.push_back(Room{"general", "General"});
        for (UserId id = 1; id <= users; ++id) {
            snapshot.users.push_back(make_user(id));
            snapshot.memberships.emplace_back("general", id);
        }
        snapshot.last_message_id = 41;
        hub_.load(snapshot);
        for (UserId id = 1; id <= users; ++id) {
            auto outcome = hub_.connect(conn(id), make_user(id), session(id), now_);
            ASSERT_TRUE(outcome.answer.ok());
        }
    }

    static User make_user(UserId id) {
        User user;
        user.id = id;
        user.username = "user" + std::to_string(id);
        user.display_name = user.username;
        user.role = id == 1 ? Role::admin : Role::member;
        return user;
    }
    static ConnId conn(UserId id) { return static_cast<ConnId>(100 + id); }
    static std::string session(UserId id) { return "session" + std::to_string(id); }

    Outcome run(UserId id, Command command) { return hub_.handle(conn(id), command, ++now_); }

    // The connections that received an event of type E.
    template <typename E>
    static std::vector<ConnId> receivers(const Effects& effects) {
        std::vector<ConnId> out;
        for (const auto& d : effects.deliveries) {
            if (std::holds_alternative<E>(*d.event)) out.insert(out.end(), d.to.begin(), d.to.end());
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    static Errc code(const Outcome& outcome) { return outcome.answer.error().code; }
    static const HistoryQuery& history(const Outcome& outcome) {
        return std::get<HistoryQuery>(*outcome.read);
    }

    Hub hub_;
    TimeMs now_ = 1'000'000;
};

}  // namespace parley::test

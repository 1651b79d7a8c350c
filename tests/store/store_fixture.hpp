#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.hpp"
#include "store_backends.hpp"

namespace parley::store::testing {

// One fresh store per test, on the backend under test.
template <typename Backend>
class StoreTest : public ::testing::Test {
protected:
    StoreTest() : store_(backend_.open()) {}

    Store& store() { return *store_; }

    UserId add_user(const std::string& username, core::Role role = core::Role::member) {
        NewUser user;
        user.username = username;
        user.password_hash = "hash-of-" + username;
        user.display_name = username + " display";
        user.first_name = username + " first";
        user.last_name = username + " last";
        user.role = role;
        core::Result<core::User> created = store_->create_user(user);
        if (!created) throw std::runtime_error("create_user failed for " + username);
        return created->id;
    }

    Backend backend_;
    std::unique_ptr<Store> store_;
};

}  // namespace parley::store::testing

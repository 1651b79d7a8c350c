#include "app/verified_credentials.hpp"

#include <gtest/gtest.h>

#include <string>

using parley::app::VerifiedCredentials;
using parley::app::VerifiedCredentialsLimits;

namespace {

constexpr parley::core::TimeMs start = 1'000'000;
constexpr parley::core::TimeMs hour = 60 * 60 * 1000;
const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
const std::string other_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdDI$aGFzaDI";

TEST(VerifiedCredentialsTest, RemembersAVerifiedPassword) {
    VerifiedCredentials cache;
    cache.remember(7, hash, "correct horse", start);
    EXPECT_TRUE(cache.contains(7, hash, "correct horse", start + 1));
    EXPECT_EQ(cache.size(), 1u);
}

TEST(VerifiedCredentialsTest, UnknownUserIsAMiss) {
    VerifiedCredentials cache;
    EXPECT_FALSE(cache.contains(7, hash, "correct horse", start));
    cache.remember(7, hash, "correct horse", start);
    EXPECT_FALSE(cache.contains(8, hash, "correct horse", start));
}

TEST(VerifiedCredentialsTest, WrongPasswordIsAMissAndKeepsTheEntry) {
    VerifiedCredentials cache;
    cache.remember(7, hash, "correct horse", start);
    EXPECT_FALSE(cache.contains(7, hash, "correct horse ", start));
    EXPECT_FALSE(cache.contains(7, hash, "", start));
    EXPECT_TRUE(cache.contains(7, hash, "correct horse", start));
}

TEST(VerifiedCredentialsTest, FieldBoundariesMatter) {
    VerifiedCredentials cache;
    // The same bytes split differently between hash and password.
    cache.remember(7, "ab", "cd", start);
    EXPECT_FALSE(cache.contains(7, "abc", "d", start));
    EXPECT_FALSE(cache.contains(7, "a", "bcd", start));
}

TEST(VerifiedCredentialsTest, ExpiresAfterItsLifetimeEvenWhenUsed) {
    VerifiedCredentials cache(VerifiedCredentialsLimits{.lifetime_ms = hour, .capacity = 10});
    cache.remember(7, hash, "correct horse", start);
    EXPECT_TRUE(cache.contains(7, hash, "correct horse", start + hour / 2));
    EXPECT_TRUE(cache.contains(7, hash, "correct horse", start + hour - 1));
    EXPECT_FALSE(cache.contains(7, hash, "correct horse", start + hour));
    EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedCredentialsTest, AClockThatWentBackIsAMiss) {
    VerifiedCredentials cache;
    cache.remember(7, hash, "correct horse", start);
    EXPECT_FALSE(cache.contains(7, hash, "correct horse", start - 1));
}

TEST(VerifiedCredentialsTest, StaleOnceTheStoredHashChanges) {
    VerifiedCredentials cache;
    cache.remember(7, hash, "correct horse", start);
    // A password change stores a new hash (even of the same password: new salt).
    EXPECT_FALSE(cache.contains(7, other_hash, "correct horse", start));
    // A deleted account's hash is erased.
    EXPECT_FALSE(cache.contains(7, "", "correct horse", start));
}

TEST(VerifiedCredentialsTest, OneEntryPerUserTheLatest) {
    VerifiedCredentials cache;
    cache.remember(7, hash, "old password", start);
    cache.remember(7, other_hash, "new password", start + 1);
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_FALSE(cache.contains(7, hash, "old password", start + 2));
    EXPECT_TRUE(cache.contains(7, other_hash, "new password", start + 2));
}

TEST(VerifiedCredentialsTest, EvictsTheOldestPastItsCapacity) {
    VerifiedCredentials cache(VerifiedCredentialsLimits{.lifetime_ms = hour, .capacity = 3});
    for (parley::core::UserId user = 1; user <= 5; ++user) {
        cache.remember(user, hash, "password " + std::to_string(user), start + user);
    }
    EXPECT_EQ(cache.size(), 3u);
    EXPECT_FALSE(cache.contains(1, hash, "password 1", start + 10));
    EXPECT_FALSE(cache.contains(2, hash, "password 2", start + 10));
    for (parley::core::UserId user = 3; user <= 5; ++user) {
        EXPECT_TRUE(cache.contains(user, hash, "password " + std::to_string(user), start + 10));
    }
}

TEST(VerifiedCredentialsTest, RememberingAgainMakesAUserTheNewest) {
    VerifiedCredentials cache(VerifiedCredentialsLimits{.lifetime_ms = hour, .capacity = 2});
    cache.remember(1, hash, "one", start);
    cache.remember(2, hash, "two", start + 1);
    cache.remember(1, hash, "one", start + 2);  // verified by argon2 again
    cache.remember(3, hash, "three", start + 3);
    EXPECT_TRUE(cache.contains(1, hash, "one", start + 4));
    EXPECT_FALSE(cache.contains(2, hash, "two", start + 4));
}

TEST(VerifiedCredentialsTest, ForgetRemovesAUser) {
    VerifiedCredentials cache;
    cache.remember(7, hash, "correct horse", start);
    cache.forget(7);
    cache.forget(8);  // unknown: nothing happens
    EXPECT_FALSE(cache.contains(7, hash, "correct horse", start));
    EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedCredentialsTest, ZeroCapacityRemembersNothing) {
    VerifiedCredentials cache(VerifiedCredentialsLimits{.lifetime_ms = hour, .capacity = 0});
    cache.remember(7, hash, "correct horse", start);
    EXPECT_FALSE(cache.contains(7, hash, "correct horse", start));
}

}  // namespace

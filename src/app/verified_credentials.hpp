#pragma once

#include <array>
#include <cstddef>
#include <list>
#include <string_view>
#include <unordered_map>

#include "core/model.hpp"

namespace parley::app {

struct VerifiedCredentialsLimits {
    core::TimeMs lifetime_ms = 60 * 60 * 1000;  // counted from the argon2 check, never extended
    std::size_t capacity = 20'000;              // users remembered at once; oldest go first
};

// Remembers which passwords argon2id accepted lately, so that a client that
// signs in again and again (IRC reconnects) costs argon2 once an hour, not
// once per connection. Only for the sign-in path: a miss changes nothing,
// and the caller then verifies with argon2 as before.
//
// What is kept per user: one keyed BLAKE2b-256 digest of (user id, the
// password hash string the store held, the password), and when argon2
// accepted it. Never the password. The key is 32 random bytes drawn when the
// process starts and never written anywhere, so a restart forgets everything.
//
// Threat model, honestly: someone who can read this process's memory sees
// the digests *and* the key beside them. With both, each digest is a fast
// (BLAKE2b, not argon2) oracle for guessing that user's password offline,
// which is weaker than the argon2 hash in the database. That attacker could
// equally read passwords as they arrive, tokens and the TLS key, so the
// cache adds little to a live memory disclosure; what it does protect
// against is everything else: a stolen database or backup holds no digest,
// a digest can't be replayed as a credential, and a core dump or swap page
// without the key is useless. The stored hash is part of the digest, so a
// password change makes the old entry unreachable; deleted and banned
// accounts are refused by the sign-in flow before or after this check.
//
// Not thread safe: the chat service uses it on the Hub's thread only.
class VerifiedCredentials {
public:
    explicit VerifiedCredentials(VerifiedCredentialsLimits limits = {});

    // True when argon2 accepted this password against this stored hash for
    // this user less than `lifetime_ms` ago. Constant time in the password.
    bool contains(core::UserId user, std::string_view password_hash, std::string_view password,
                  core::TimeMs now);
    // After argon2 accepted `password` against `password_hash`; replaces what
    // was kept for the user.
    void remember(core::UserId user, std::string_view password_hash, std::string_view password,
                  core::TimeMs now);
    void forget(core::UserId user);
    std::size_t size() const { return entries_.size(); }

private:
    using Digest = std::array<unsigned char, 32>;
    struct Entry {
        Digest digest;
        core::TimeMs verified_at;
        std::list<core::UserId>::iterator age;  // position in oldest_first_
    };

    Digest digest_of(core::UserId user, std::string_view password_hash,
                     std::string_view password) const;

    VerifiedCredentialsLimits limits_;
    std::array<unsigned char, 32> key_{};
    std::unordered_map<core::UserId, Entry> entries_;
    std::list<core::UserId> oldest_first_;  // by verified_at
};

}  // namespace parley::app

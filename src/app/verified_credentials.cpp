#include "app/verified_credentials.hpp"

#include <sodium.h>

#include <stdexcept>

namespace parley::app {

namespace {

// Each field goes in with its length first, so no two different triples
// (say a hash ending where a password begins) feed the same bytes.
void absorb(crypto_generichash_state& state, std::string_view field) {
    std::uint64_t size = field.size();
    std::array<unsigned char, 8> length{};
    for (auto& byte : length) {
        byte = static_cast<unsigned char>(size & 0xff);
        size >>= 8;
    }
    crypto_generichash_update(&state, length.data(), length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()),
                              field.size());
}

}  // namespace

VerifiedCredentials::VerifiedCredentials(VerifiedCredentialsLimits limits) : limits_(limits) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    randombytes_buf(key_.data(), key_.size());
}

VerifiedCredentials::Digest VerifiedCredentials::digest_of(core::UserId user,
                                                           std::string_view password_hash,
                                                           std::string_view password) const {
    crypto_generichash_state state;
    crypto_generichash_init(&state, key_.data(), key_.size(), sizeof(Digest));
    absorb(state, std::to_string(user));
    absorb(state, password_hash);
    absorb(state, password);
    Digest digest{};
    crypto_generichash_final(&state, digest.data(), digest.size());
    sodium_memzero(&state, sizeof state);
    return digest;
}

bool VerifiedCredentials::contains(core::UserId user, std::string_view password_hash,
                                   std::string_view password, core::TimeMs now) {
    auto found = entries_.find(user);
    if (found == entries_.end()) return false;
    if (now - found->second.verified_at >= limits_.lifetime_ms || now < found->second.verified_at) {
        forget(user);
        return false;
    }
    Digest candidate = digest_of(user, password_hash, password);
    return sodium_memcmp(candidate.data(), found->second.digest.data(), candidate.size()) == 0;
}

void VerifiedCredentials::remember(core::UserId user, std::string_view password_hash,
                                   std::string_view password, core::TimeMs now) {
    if (limits_.capacity == 0) return;
    forget(user);
    while (entries_.size() >= limits_.capacity) forget(oldest_first_.front());
    oldest_first_.push_back(user);
    entries_.emplace(
        user, Entry{digest_of(user, password_hash, password), now, std::prev(oldest_first_.end())});
}

void VerifiedCredentials::forget(core::UserId user) {
    auto found = entries_.find(user);
    if (found == entries_.end()) return;
    oldest_first_.erase(found->second.age);
    entries_.erase(found);
}

}  // namespace parley::app

#pragma once

#include <string>
#include <string_view>

namespace parley::app {

// argon2id with libsodium's interactive limits: about 80 ms and 64 MiB, so
// call these on the hashing pool only, never on a shard or the Hub's thread.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
// Spends the same time as a real verification, so an unknown name and a wrong
// password can't be told apart by timing.
void verify_against_nothing(std::string_view password);

// 256 random bits, base64url without padding.
std::string new_session_token();
// Whether `text` could be such a token (43 base64url characters), so that a
// password that isn't one costs no store lookup.
bool is_token_shaped(std::string_view text);
// What the store keeps instead of the token: a hex BLAKE2b-256 digest.
std::string token_hash(std::string_view token);

// Must run once before any of the above (idempotent).
void init_crypto();

}  // namespace parley::app

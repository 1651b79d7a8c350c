#pragma once

#include <algorithm>
#include <cstddef>
#include <unordered_map>

#include "core/model.hpp"

namespace parley::core {

// A burst, then a steady rate. Time is an argument so tests need no sleeps.
struct RateLimit {
    double per_second = 1.0;
    double burst = 1.0;
};

class TokenBucket {
public:
    // Takes one token if there is one.
    bool take(const RateLimit& limit, TimeMs now) {
        refill(limit, now);
        if (tokens_ < 1.0) return false;
        tokens_ -= 1.0;
        return true;
    }
    // Full again: nothing is owed, so the bucket can be forgotten.
    bool is_full(const RateLimit& limit, TimeMs now) const {
        if (!started_) return true;
        double elapsed = now > last_ ? static_cast<double>(now - last_) : 0.0;
        return tokens_ + elapsed * limit.per_second / 1000.0 >= limit.burst;
    }

private:
    void refill(const RateLimit& limit, TimeMs now) {
        if (!started_) {
            tokens_ = limit.burst;
            started_ = true;
        } else if (now > last_) {
            tokens_ = std::min(limit.burst, tokens_ + (now - last_) * limit.per_second / 1000.0);
        }
        last_ = std::max(last_, now);
    }

    double tokens_ = 0;
    TimeMs last_ = 0;
    bool started_ = false;
};

// One bucket per key (an address, an account name). Full buckets are pruned
// now and then so memory follows the keys that are actually busy.
template <typename Key, typename Hash = std::hash<Key>>
class RateLimiter {
public:
    explicit RateLimiter(RateLimit limit) : limit_(limit) {}

    bool allow(const Key& key, TimeMs now) {
        if (++calls_ % prune_every == 0) prune(now);
        return buckets_[key].take(limit_, now);
    }

    std::size_t tracked() const { return buckets_.size(); }

private:
    static constexpr std::size_t prune_every = 1024;

    void prune(TimeMs now) {
        std::erase_if(buckets_, [&](auto& entry) { return entry.second.is_full(limit_, now); });
    }

    RateLimit limit_;
    std::unordered_map<Key, TokenBucket, Hash> buckets_;
    std::size_t calls_ = 0;
};

}  // namespace parley::core

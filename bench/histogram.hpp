// Latency histogram with log-linear buckets: each power of two is split in
// 64 steps, so a percentile is exact to about 1.6 % at any scale. Not thread
// safe; one per connection, merged once the run is over.
#pragma once

#include <array>
#include <cstdint>

namespace parley::bench {

class LatencyHistogram {
public:
    void record(std::int64_t nanoseconds);
    void merge(const LatencyHistogram& other);

    std::uint64_t count() const { return count_; }
    std::int64_t max() const { return max_; }
    // The value at or below which `fraction` (0..1) of the samples lie; 0 when empty.
    std::int64_t percentile(double fraction) const;

private:
    static constexpr int sub_bits = 6;
    static constexpr int sub_buckets = 1 << sub_bits;
    static constexpr int exponents = 65 - sub_bits;  // magnitudes 0..58
    static constexpr int bucket_count = exponents * sub_buckets;

    static int bucket_of(std::uint64_t value);
    static std::int64_t upper_bound_of(int bucket);

    std::array<std::uint64_t, bucket_count> buckets_{};
    std::uint64_t count_ = 0;
    std::int64_t max_ = 0;
};

}  // namespace parley::bench

#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace parley::bench {

// Values below 64 get one bucket each; above, the top 7 significant bits pick
// the bucket within the value's power of two.
int LatencyHistogram::bucket_of(std::uint64_t value) {
    if (value < sub_buckets) return static_cast<int>(value);
    int magnitude = std::bit_width(value) - sub_bits;  // >= 1
    auto step = static_cast<int>((value >> (magnitude - 1)) & (sub_buckets - 1));
    return std::min(magnitude * sub_buckets + step, bucket_count - 1);
}

std::int64_t LatencyHistogram::upper_bound_of(int bucket) {
    if (bucket < sub_buckets) return bucket;
    int magnitude = bucket / sub_buckets;
    std::uint64_t step = static_cast<std::uint64_t>(bucket % sub_buckets) | sub_buckets;
    std::uint64_t low = step << (magnitude - 1);
    return static_cast<std::int64_t>(low + ((std::uint64_t{1} << (magnitude - 1)) - 1));
}

void LatencyHistogram::record(std::int64_t nanoseconds) {
    std::uint64_t value = nanoseconds < 0 ? 0 : static_cast<std::uint64_t>(nanoseconds);
    ++buckets_[static_cast<std::size_t>(bucket_of(value))];
    ++count_;
    max_ = std::max(max_, static_cast<std::int64_t>(value));
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
}

std::int64_t LatencyHistogram::percentile(double fraction) const {
    if (count_ == 0) return 0;
    auto rank = static_cast<std::uint64_t>(
        std::ceil(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(count_)));
    rank = std::max<std::uint64_t>(rank, 1);
    std::uint64_t seen = 0;
    for (int bucket = 0; bucket < bucket_count; ++bucket) {
        seen += buckets_[static_cast<std::size_t>(bucket)];
        if (seen >= rank) return std::min(upper_bound_of(bucket), max_);
    }
    return max_;
}

}  // namespace parley::bench

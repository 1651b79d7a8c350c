// How late the bench's own event loops run: a timer on each worker asks to
// wake every few milliseconds and records how late it woke, during the
// measured window. Large lag means deliveries waited in the bench, not in the
// server, so the latency figures then say as much about the bench.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "histogram.hpp"
#include "workers.hpp"

namespace parley::bench {

class LoopLag {
public:
    // Probes every worker from now until `until_ns` (steady_now_ns() clock) or
    // until `stop`, recording from `from_ns` on.
    LoopLag(Workers& workers, std::int64_t from_ns, std::int64_t until_ns,
            const std::atomic<bool>& stop);

    // Once the workers are joined.
    LatencyHistogram merged() const;

private:
    std::vector<std::shared_ptr<LatencyHistogram>> per_worker_;
};

}  // namespace parley::bench

#pragma once

#include <cstdint>

namespace parley::net {

// A listener's socket writes and the frames they carried, since it was made:
// frames per write says how well writes are gathered. For tests, benchmarks
// and the shutdown log.
struct WriteStats {
    std::uint64_t writes = 0;  // socket writes; each gathers up to 64 queued frames
    std::uint64_t frames = 0;
};

}  // namespace parley::net

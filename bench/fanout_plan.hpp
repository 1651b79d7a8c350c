// Who is where and who sends what, shared by every client of fanout, rooms
// and history's fill, over WebSocket and IRC. Clients are numbered 0..C-1 and
// sit in rooms of `room_size` in order (client i in room i / room_size); the
// first `senders_per_room` of each room send. fanout is one room of all C
// clients; rooms is C / 10 rooms where everyone sends.
// Read-only once the run begins, except for the window's bounds and counters.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "send_pacer.hpp"

namespace parley::bench {

enum class Stagger { even, random };

struct FanoutPlan {
    std::size_t clients = 0;
    std::size_t room_size = 0;  // clients per room; fanout: all of them
    std::size_t senders_per_room = 0;
    std::string single_room = "general";  // the room's name when there is one room
    std::size_t window = 16;
    std::size_t text_bytes = 100;
    std::int64_t period_ns = 0;  // per sender; 0: closed loop
    Stagger stagger = Stagger::even;
    std::uint64_t limit = UINT64_MAX;  // messages per sender
    // steady_clock nanoseconds; senders stop at measure_until.
    std::atomic<std::int64_t> measure_from{INT64_MAX};
    std::atomic<std::int64_t> measure_until{INT64_MAX};
    const std::atomic<bool>* stopping = nullptr;          // ends after this are expected
    mutable std::atomic<std::size_t> unexpected_ends{0};  // clients count, main thread watches

    std::size_t room_of(std::size_t client) const { return client / room_size; }
    std::size_t slot_of(std::size_t client) const { return client % room_size; }
    std::size_t client_at(std::size_t room, std::size_t slot) const {
        return room * room_size + slot;
    }
    bool is_sender(std::size_t client) const { return slot_of(client) < senders_per_room; }
    // Throughput counts what arrived in the measured window.
    bool in_window(std::int64_t now_ns) const {
        return now_ns >= measure_from.load(std::memory_order_relaxed) &&
               now_ns < measure_until.load(std::memory_order_relaxed);
    }
    // Latency: in a closed loop of what arrived in the window; at a fixed
    // rate of what was *scheduled* in it, however late it arrived, so the
    // slowest messages are not left out for arriving after the window.
    bool latency_counts(std::int64_t stamp_ns, std::int64_t now_ns) const {
        return in_window(period_ns > 0 ? stamp_ns : now_ns);
    }
    std::size_t members_of_room(std::size_t room) const;
    // Connections that get each message of `client`: its room but itself.
    std::size_t receivers_of(std::size_t client) const;
    // "general" (the single room), or "r<room>"; IRC puts '#' in front.
    std::string room_name(std::size_t client) const;
    // Fixed rate: senders of a room spread evenly over one period, or at
    // random (seeded by the client, so runs repeat).
    PaceSchedule schedule_of(std::size_t client) const;
};

}  // namespace parley::bench

#include "fanout_plan.hpp"

#include <algorithm>
#include <random>

namespace parley::bench {

std::size_t FanoutPlan::members_of_room(std::size_t room) const {
    return std::min(room_size, clients - room * room_size);
}

std::size_t FanoutPlan::receivers_of(std::size_t client) const {
    return members_of_room(room_of(client)) - 1;
}

std::string FanoutPlan::room_name(std::size_t client) const {
    if (room_size >= clients) return single_room;
    return "r" + std::to_string(room_of(client));
}

PaceSchedule FanoutPlan::schedule_of(std::size_t client) const {
    PaceSchedule schedule;
    schedule.window = window;
    schedule.period_ns = period_ns;
    schedule.limit = limit;
    schedule.until_ns = &measure_until;
    schedule.stopping = stopping;
    if (period_ns == 0) return schedule;
    if (stagger == Stagger::random) {
        std::mt19937_64 random(client);
        schedule.first_offset_ns =
            std::uniform_int_distribution<std::int64_t>(0, period_ns - 1)(random);
    } else {
        auto senders = static_cast<std::int64_t>(std::max<std::size_t>(1, senders_per_room));
        schedule.first_offset_ns = period_ns * static_cast<std::int64_t>(slot_of(client)) / senders;
    }
    return schedule;
}

}  // namespace parley::bench

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/events.hpp"
#include "core/model.hpp"
#include "core/result.hpp"
#include "core/store_ops.hpp"

namespace parley::core {

// One event and everyone who gets it. The event is shared, never copied per recipient.
struct Delivery {
    std::shared_ptr<const Event> event;
    std::vector<ConnId> to;
};

struct Closing {
    ConnId conn = 0;
    CloseReason reason = CloseReason::session_ended;
};

// What a Hub call asks the world to do, in this order: make `persist` durable
// (one transaction), then deliver and close.
struct Effects {
    std::vector<StoreOp> persist;
    std::vector<Delivery> deliveries;
    std::vector<Closing> closings;

    void deliver(Event event, std::vector<ConnId> to) {
        if (to.empty()) return;
        deliveries.push_back({std::make_shared<const Event>(std::move(event)), std::move(to)});
    }
    void append(Effects&& other) {
        for (auto& op : other.persist) persist.push_back(std::move(op));
        for (auto& d : other.deliveries) deliveries.push_back(std::move(d));
        for (auto& c : other.closings) closings.push_back(c);
    }
};

// What the store must read to complete an answer, after `persist` is committed.
using Read = std::variant<HistoryQuery, ConversationsQuery>;

// The answer to the connection that asked, plus the effects on everyone else.
struct Outcome {
    Result<Answer> answer;
    Effects effects;
    std::optional<Read> read;

    Outcome(Result<Answer> a) : answer(std::move(a)) {}  // NOLINT: implicit by design
    Outcome(Errc code) : answer(code) {}                 // NOLINT
    Outcome(Error error) : answer(std::move(error)) {}   // NOLINT
};

}  // namespace parley::core

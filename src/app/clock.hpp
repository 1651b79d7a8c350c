#pragma once

#include <chrono>

#include "core/model.hpp"

namespace parley::app {

// The one place the server reads the wall clock; the core gets time as an argument.
inline core::TimeMs now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace parley::app

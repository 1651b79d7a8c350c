#pragma once

#include "app/config.hpp"

namespace parley::app {

// Runs parleyd until SIGTERM or SIGINT, then stops cleanly. Returns the exit code.
int run_server(const Config& config);

}  // namespace parley::app

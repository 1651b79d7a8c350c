#pragma once

#include "app/config.hpp"
#include "store/store.hpp"

namespace parley::app {

// `parleyd user add|promote|ban NAME`: terminal administration on the data
// directory. Returns the process exit code; messages go to stdout/stderr.
int run_user_command(store::Store& store, const UserCommand& command);

}  // namespace parley::app

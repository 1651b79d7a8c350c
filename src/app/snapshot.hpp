#pragma once

#include "core/hub.hpp"
#include "store/store.hpp"

namespace parley::app {

// The Hub's starting state, read from the store at start-up.
core::HubSnapshot read_snapshot(store::Store& store);

}  // namespace parley::app

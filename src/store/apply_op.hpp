#pragma once

#include "core/store_ops.hpp"
#include "store/store.hpp"

namespace parley::store {

// Makes one of the Hub's state changes durable (inside the caller's transaction).
void apply(Store& store, const core::StoreOp& op);

}  // namespace parley::store

#pragma once

#include <span>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"

namespace parley::store::sqlite {

// The schema version recorded in the file (PRAGMA user_version); 0 for a new file.
int schema_version(Connection& connection);

// Brings the schema up to the last of `migrations` (versions 1, 2, ... in order).
// Each step runs in its own transaction, so a failure leaves the file at the
// last good version. Throws StoreError, also when the file is newer than
// `migrations`: an older binary must not write to a schema it does not know.
void apply_migrations(Connection& connection, std::span<const Migration> migrations);

}  // namespace parley::store::sqlite

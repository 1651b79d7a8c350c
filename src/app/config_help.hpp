#pragma once

#include <string>

namespace parley::app::detail {

// The --help text: usage, every flag with its default, config key and variable, and the `user`
// subcommand. Built from the settings table, so no flag can be missing from it.
std::string help_text();

}  // namespace parley::app::detail

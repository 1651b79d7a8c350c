#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/config_settings.hpp"

namespace parley::app::detail {

// Names the config file when --config does not.
inline constexpr std::string_view config_file_variable = "PARLEY_CONFIG";

// The PARLEY_* variables as one source. A PARLEY_* name we don't know is a warning (likely a
// typo); an empty variable counts as unset, as shells and compose files produce them freely.
RawSettings read_environment(const std::map<std::string, std::string>& environment,
                             std::vector<std::string>& warnings);

}  // namespace parley::app::detail

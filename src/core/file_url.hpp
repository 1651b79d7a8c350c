#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"

namespace parley::core {

// The relative download address of a file: /api/v1/files/{id}/{name}, the name
// percent-encoded (RFC 3986 unreserved characters stay) so a hostile name can
// neither add path segments nor break out of an HTML attribute.
std::string file_url(FileId id, std::string_view name);

// Every byte but RFC 3986 unreserved characters as %XX.
std::string percent_encode(std::string_view text);

}  // namespace parley::core

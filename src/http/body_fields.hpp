#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parley::http {

// Reads the fields of a JSON request body and keeps the first error, so a
// parser can read every field straight through and check once at the end.
class BodyFields {
public:
    explicit BodyFields(const boost::json::object& object) : object_(object) {}

    std::string required(std::string_view key);
    std::optional<std::string> optional(std::string_view key);

    const std::optional<core::Error>& error() const { return error_; }

private:
    const boost::json::object& object_;
    std::optional<core::Error> error_;
};

}  // namespace parley::http

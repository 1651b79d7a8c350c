#include "http/body_fields.hpp"

#include "proto/json/model_json.hpp"

namespace parley::http {

std::string BodyFields::required(std::string_view key) {
    auto value = proto::required_string(object_, key);
    if (value) return std::move(value).value();
    if (!error_) error_ = value.error();
    return {};
}

std::optional<std::string> BodyFields::optional(std::string_view key) {
    auto value = proto::optional_string(object_, key);
    if (value) return std::move(value).value();
    if (!error_) error_ = value.error();
    return std::nullopt;
}

}  // namespace parley::http

#include "http/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace parley::http {

std::optional<std::string_view> Target::query_value(std::string_view key) const {
    for (const auto& [name, value] : query) {
        if (name == key) return value;
    }
    return std::nullopt;
}

core::Result<Target> parse_target(std::string_view text) {
    auto url = boost::urls::parse_origin_form(text);
    if (!url) return core::Error{core::Errc::bad_request, "The request target is malformed."};
    Target target;
    for (auto segment : url->segments()) target.segments.push_back(std::move(segment));
    for (auto param : url->params()) {
        target.query.emplace_back(std::move(param.key), std::move(param.value));
    }
    return target;
}

}  // namespace parley::http

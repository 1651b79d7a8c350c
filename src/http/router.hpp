#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/route.hpp"

namespace parley::http {

struct RouteMatch {
    const Route* route = nullptr;  // null: no row has this method and path
    PathParams params;
    // With no route: the methods this path accepts; empty when no row has the path.
    std::vector<std::string_view> allowed;
};

// Finds the row of a route table for a method and decoded path segments.
class Router {
public:
    explicit Router(std::span<const Route> routes) : routes_(routes) {}

    RouteMatch match(std::string_view method, const std::vector<std::string>& segments) const;

private:
    std::span<const Route> routes_;
};

}  // namespace parley::http

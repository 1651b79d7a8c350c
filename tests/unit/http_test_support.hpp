#pragma once

// Shared by the http_*_test.cpp files: a fake Service and request helpers.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/service.hpp"
#include "http/api.hpp"
#include "net/handlers.hpp"

namespace parley::http::test_support {

namespace req = core::req;
namespace reply = core::reply;
using core::Errc;

inline constexpr const char* peer_address = "203.0.113.7";

// Records what it was asked and answers with `answer`, at once or when told.
class FakeService final : public core::Service {
public:
    void request(core::Caller caller, core::Request request, Respond respond) override {
        ++calls;
        caller_seen = std::move(caller);
        request_seen = std::move(request);
        if (deferred) {
            pending = std::move(respond);
        } else {
            respond(answer);
        }
    }
    void connect(core::ConnId, core::Protocol, core::Caller) override {}
    void command(core::ConnId, std::string, core::Command) override {}
    void disconnect(core::ConnId) override {}
    // The HTTP routes use request() only; the connection calls are other adapters'.
    void sign_in(core::ConnId, core::Protocol, unsigned, std::string, std::string,
                 Reply) override {}
    void sign_in_guest(core::ConnId, core::Protocol, unsigned, std::string, Reply) override {}
    void command(core::ConnId, core::Command, Reply) override {}
    void set_variant(core::ConnId, unsigned) override {}
    void grant_operator(core::ConnId) override {}

    core::Result<core::Response> answer = core::Response{reply::Nothing{}};
    bool deferred = false;
    Respond pending;
    int calls = 0;
    std::optional<core::Caller> caller_seen;
    std::optional<core::Request> request_seen;
};

inline net::HttpRequest make_request(std::string method, std::string target, std::string body = {},
                                     std::optional<std::string> authorization = "Bearer tok-1") {
    net::HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.body = std::move(body);
    if (authorization) request.headers.emplace_back("authorization", *authorization);
    request.peer.address = peer_address;
    return request;
}

// Runs one request through the Api and checks `respond` ran exactly once.
inline net::HttpResponse send(Api& api, net::HttpRequest request) {
    int responses = 0;
    net::HttpResponse out;
    api.handle(std::move(request), [&](net::HttpResponse response) {
        ++responses;
        out = std::move(response);
    });
    EXPECT_EQ(responses, 1);
    return out;
}

inline std::string header(const net::HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "<absent>";
}

inline std::string error_code(const net::HttpResponse& response) {
    auto body = boost::json::parse(response.body);
    const auto& error = body.at("error");
    EXPECT_FALSE(error.at("message").as_string().empty());
    return std::string(error.at("code").as_string());
}

// A fresh Api over a FakeService for each test.
class HttpApiTest : public ::testing::Test {
protected:
    net::HttpResponse send(net::HttpRequest request) {
        return test_support::send(api_, std::move(request));
    }

    FakeService service_;
    Api api_{service_, ApiOptions{}};
};

}  // namespace parley::http::test_support

// One HTTP/1.1 POST to 127.0.0.1 on a fresh connection, bounded by a deadline.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <string>

namespace parley::bench {

struct HttpReply {
    int status = 0;
    std::string body;
};

boost::asio::awaitable<HttpReply> http_post(boost::asio::any_io_executor executor,
                                            std::uint16_t port, std::string target,
                                            std::string body, std::chrono::milliseconds deadline);

}  // namespace parley::bench

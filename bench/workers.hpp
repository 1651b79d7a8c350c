// The bench's own threads: one io_context each. A connection lives on the
// context that opened it, so its state needs no lock; the main thread only
// orchestrates, and reads that state after finish() has joined the threads.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace parley::bench {

class Workers {
public:
    explicit Workers(std::size_t count);
    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    std::size_t size() const { return contexts_.size(); }
    boost::asio::io_context& context(std::size_t index) { return *contexts_[index]; }

    // Lets each thread end once its work is done; past `timeout` the contexts
    // are stopped. Joins every thread. True when they ended by themselves.
    bool finish(std::chrono::milliseconds timeout);

private:
    using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

    std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
    std::vector<std::optional<WorkGuard>> guards_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable ended_;
    std::size_t running_ = 0;
};

}  // namespace parley::bench

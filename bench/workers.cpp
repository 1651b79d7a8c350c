#include "workers.hpp"

#include <cstdio>
#include <exception>

namespace parley::bench {

Workers::Workers(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
        guards_.emplace_back(boost::asio::make_work_guard(*contexts_.back()));
    }
    running_ = count;
    for (auto& context : contexts_) {
        threads_.emplace_back([this, &context] {
            try {
                context->run();
            } catch (const std::exception& error) {
                // Handlers catch their own errors; this is a bug in the bench.
                std::fprintf(stderr, "ws_bench: worker thread failed: %s\n", error.what());
                std::terminate();
            }
            std::lock_guard lock(mutex_);
            --running_;
            ended_.notify_all();
        });
    }
}

Workers::~Workers() { finish(std::chrono::seconds(2)); }

bool Workers::finish(std::chrono::milliseconds timeout) {
    for (auto& guard : guards_) guard.reset();
    bool by_themselves = true;
    {
        std::unique_lock lock(mutex_);
        if (!ended_.wait_for(lock, timeout, [this] { return running_ == 0; })) {
            by_themselves = false;
            for (auto& context : contexts_) context->stop();
        }
    }
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
    return by_themselves;
}

}  // namespace parley::bench

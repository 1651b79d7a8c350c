#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parley::app {

// A few threads draining one FIFO queue. With one thread it is a serial
// executor (the Hub's thread); with more, a pool for blocking work such as
// password hashing, so it never runs on a shard.
class TaskQueue {
public:
    TaskQueue(std::string name, std::size_t threads);
    ~TaskQueue();
    TaskQueue(const TaskQueue&) = delete;
    TaskQueue& operator=(const TaskQueue&) = delete;

    void post(std::function<void()> task);
    // Runs what is queued, then joins. Tasks posted afterwards are dropped.
    void stop();
    bool on_this_queue() const;

private:
    void run();

    std::string name_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace parley::app

#pragma once

#include <atomic>
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
    // Runs on the queue's thread whenever it has run what was queued, and at
    // least every so many tasks while it stays busy. Call before posting.
    void set_idle_hook(std::function<void()> hook);
    // Posts from `thread` are held until it calls send_held(), then queued
    // together: the completions of a store batch are run in one go, and what
    // they deliver leaves together (see set_idle_hook).
    void hold_posts_of(std::thread::id thread);
    void send_held();
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
    std::function<void()> idle_hook_;
    std::atomic<std::thread::id> holder_{};     // read by every posting thread
    std::vector<std::function<void()>> held_;   // the holder's thread only
    std::vector<std::thread> threads_;
};

}  // namespace parley::app

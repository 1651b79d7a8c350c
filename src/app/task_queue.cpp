#include <pthread.h>

#include "app/task_queue.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

namespace parley::app {

TaskQueue::TaskQueue(std::string name, std::size_t threads) : name_(std::move(name)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
        threads_.emplace_back([this] {
            // Linux allows 15 characters; visible in top -H, perf and gdb.
            pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
            run();
        });
    }
}

TaskQueue::~TaskQueue() { stop(); }

void TaskQueue::post(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
}

void TaskQueue::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) {
        if (thread.joinable() && thread.get_id() != std::this_thread::get_id()) thread.join();
    }
}

bool TaskQueue::on_this_queue() const {
    return std::any_of(threads_.begin(), threads_.end(),
                       [](const std::thread& t) { return t.get_id() == std::this_thread::get_id(); });
}

void TaskQueue::run() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) return;  // stopping, and everything queued has run
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        try {
            task();
        } catch (const std::exception& error) {
            // A bug in one task must not take the thread (and every later task) down.
            spdlog::error("event=task_failed queue={} error=\"{}\"", name_, error.what());
        }
    }
}

}  // namespace parley::app

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

void TaskQueue::hold_posts_of(std::thread::id thread) { holder_ = thread; }

void TaskQueue::send_held() {
    if (held_.empty()) return;
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            for (auto& task : held_) tasks_.push_back(std::move(task));
        }
    }
    held_.clear();
    ready_.notify_one();
}

void TaskQueue::post(std::function<void()> task) {
    if (std::this_thread::get_id() == holder_) {
        held_.push_back(std::move(task));
        return;
    }
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
}

void TaskQueue::set_idle_hook(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    idle_hook_ = std::move(hook);
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

namespace {
// A queue that never empties still runs its idle hook this often.
constexpr std::size_t max_tasks_between_hooks = 64;
}  // namespace

void TaskQueue::run() {
    std::size_t since_hook = 0;
    for (;;) {
        std::function<void()> task;
        bool idle = false;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) break;  // stopping, and everything queued has run
            task = std::move(tasks_.front());
            tasks_.pop_front();
            idle = tasks_.empty();
        }
        try {
            task();
            if (idle_hook_ && (idle || ++since_hook >= max_tasks_between_hooks)) {
                since_hook = 0;
                idle_hook_();
            }
        } catch (const std::exception& error) {
            // A bug in one task must not take the thread (and every later task) down.
            spdlog::error("event=task_failed queue={} error=\"{}\"", name_, error.what());
        }
    }
    if (idle_hook_) idle_hook_();
}

}  // namespace parley::app

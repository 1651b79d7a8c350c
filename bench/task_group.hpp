// Waits, with a deadline, for a known number of tasks spawned on the workers.
// Shared ownership: a task that ends after the waiter gave up is harmless.
#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace parley::bench {

class TaskGroup {
public:
    static std::shared_ptr<TaskGroup> expect(std::size_t tasks);

    // The completion handler for co_spawn: an exception counts as a failure.
    static auto completion(std::shared_ptr<TaskGroup> group) {
        return [group = std::move(group)](std::exception_ptr error) { group->finished(error); };
    }

    void finished(std::exception_ptr error);
    // True when every task finished within `timeout`.
    bool wait(std::chrono::milliseconds timeout);
    std::size_t done() const;
    // The first failures, "what" of each exception.
    std::vector<std::string> failures() const;
    std::size_t failure_count() const;

private:
    explicit TaskGroup(std::size_t tasks) : expected_(tasks) {}

    static constexpr std::size_t kept_failures = 5;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t expected_;
    std::size_t done_ = 0;
    std::size_t failure_count_ = 0;
    std::vector<std::string> failures_;
};

}  // namespace parley::bench

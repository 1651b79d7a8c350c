#include "task_group.hpp"

#include <stdexcept>

namespace parley::bench {

std::shared_ptr<TaskGroup> TaskGroup::expect(std::size_t tasks) {
    return std::shared_ptr<TaskGroup>(new TaskGroup(tasks));
}

void TaskGroup::finished(std::exception_ptr error) {
    std::string what;
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
            what = "unknown exception";
        }
    }
    std::lock_guard lock(mutex_);
    ++done_;
    if (error) {
        ++failure_count_;
        if (failures_.size() < kept_failures) failures_.push_back(std::move(what));
    }
    changed_.notify_all();
}

bool TaskGroup::wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return done_ >= expected_; });
}

std::size_t TaskGroup::done() const {
    std::lock_guard lock(mutex_);
    return done_;
}

std::vector<std::string> TaskGroup::failures() const {
    std::lock_guard lock(mutex_);
    return failures_;
}

std::size_t TaskGroup::failure_count() const {
    std::lock_guard lock(mutex_);
    return failure_count_;
}

}  // namespace parley::bench

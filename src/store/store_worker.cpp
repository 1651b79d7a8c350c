#include <pthread.h>

#include "store/store_worker.hpp"

#include <algorithm>
#include <utility>

namespace parley::store {

namespace {

// A Done that throws is a bug in the caller; noexcept turns it into an
// immediate terminate instead of a store thread that silently stops.
void notify(const StoreWorker::Done& done, std::exception_ptr outcome) noexcept {
    if (done) done(std::move(outcome));
}

}  // namespace

StoreWorker::StoreWorker(std::unique_ptr<Store> store, std::size_t max_batch)
    : store_(std::move(store)), max_batch_(std::max<std::size_t>(max_batch, 1)) {
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "store");  // visible in top -H, perf, gdb
        run();
    });
}

StoreWorker::~StoreWorker() { stop(); }

void StoreWorker::post(Job job, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back(Entry{std::move(job), std::move(done)});
            wake_.notify_one();
            return;
        }
    }
    notify(done, std::make_exception_ptr(StoreError("the store is stopping")));
}

void StoreWorker::set_after_batch(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    after_batch_ = std::move(hook);
}

void StoreWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    std::lock_guard join_lock(join_mutex_);
    if (thread_.joinable()) thread_.join();
}

void StoreWorker::run() {
    for (;;) {
        std::vector<Entry> batch = take_batch();
        if (batch.empty()) return;
        run_batch(batch);
    }
}

// Waits for work; empty only once stopping and every posted job has been taken.
std::vector<StoreWorker::Entry> StoreWorker::take_batch() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    const std::size_t count = std::min(queue_.size(), max_batch_);
    std::vector<Entry> batch;
    batch.reserve(count);
    std::move(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count),
              std::back_inserter(batch));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
    return batch;
}

void StoreWorker::run_batch(std::vector<Entry>& batch) {
    std::vector<std::exception_ptr> outcomes(batch.size());
    try {
        store_->begin();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            outcomes[i] = run_job(batch[i]);
        }
        store_->commit();
    } catch (...) {
        // Nothing of this batch reached the disk (a failed BEGIN, ROLLBACK TO or
        // COMMIT), so every job fails, including those that ran fine.
        std::exception_ptr failure = std::current_exception();
        try {
            store_->rollback();
        } catch (...) {
            // SQLite may already have rolled the transaction back itself.
        }
        std::fill(outcomes.begin(), outcomes.end(), failure);
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        notify(batch[i].done, std::move(outcomes[i]));
    }
    std::function<void()> after;
    {
        std::lock_guard lock(mutex_);
        after = after_batch_;
    }
    if (after) after();
}

// The job's own failure is undone and returned; a failure to undo it escapes,
// since the transaction is then in an unknown state.
std::exception_ptr StoreWorker::run_job(Entry& entry) {
    store_->savepoint();
    try {
        if (entry.job) entry.job(*store_);
        store_->release_savepoint();
        return nullptr;
    } catch (...) {
        std::exception_ptr failure = std::current_exception();
        store_->rollback_to_savepoint();
        return failure;
    }
}

}  // namespace parley::store

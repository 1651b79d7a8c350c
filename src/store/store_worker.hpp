#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace parley::store {

// The store thread. Jobs posted from any thread are run in batches: one
// transaction per batch, one savepoint per job, so a failing job is undone
// alone and a batch of many messages costs one sync to disk. Each job's Done
// runs only after the batch is committed, which is what lets the server
// acknowledge a message only once it is durable.
class StoreWorker {
public:
    using Job = std::function<void(Store&)>;  // runs on the store thread inside a savepoint
    // Runs on the store thread after the batch's COMMIT; null = success. Must not throw.
    using Done = std::function<void(std::exception_ptr)>;

    explicit StoreWorker(std::unique_ptr<Store> store, std::size_t max_batch = 1024);
    ~StoreWorker();  // calls stop()
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    // Thread-safe, never blocks on the database. After stop() began, the job is
    // refused: `done` is called at once, on the calling thread, with a StoreError.
    void post(Job job, Done done);

    // Runs on the store thread after the Done callbacks of each batch (they may
    // hand work on; this tells them the batch is over). Set before posting.
    void set_after_batch(std::function<void()> hook);
    std::thread::id thread_id() const { return thread_.get_id(); }

    // Runs every job already posted, commits, joins the thread; idempotent.
    // Not to be called from a Job or a Done (the store thread cannot join itself).
    void stop();

private:
    struct Entry {
        Job job;
        Done done;
    };

    void run();
    std::vector<Entry> take_batch();
    void run_batch(std::vector<Entry>& batch);
    std::exception_ptr run_job(Entry& entry);

    std::unique_ptr<Store> store_;
    const std::size_t max_batch_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Entry> queue_;  // guarded by mutex_
    bool stopping_ = false;    // guarded by mutex_
    std::function<void()> after_batch_;

    std::mutex join_mutex_;  // two threads calling stop() must not both join
    std::thread thread_;     // last: starts once everything above is ready
};

}  // namespace parley::store

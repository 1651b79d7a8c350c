#include "store/store_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "forwarding_store.hpp"
#include "store_backends.hpp"

namespace parley::store::testing {
namespace {

constexpr auto time_limit = std::chrono::seconds(10);

template <typename T>
T bounded_get(std::future<T>& future) {
    if (future.wait_for(time_limit) != std::future_status::ready) {
        throw std::runtime_error("timed out waiting for the store thread");
    }
    return future.get();
}

std::string describe(const std::exception_ptr& outcome) {
    if (!outcome) return "ok";
    try {
        std::rethrow_exception(outcome);
    } catch (const std::exception& error) {
        return error.what();
    }
}

// Counts transactions and can make BEGIN or COMMIT fail on demand.
class WatchedStore : public ForwardingStore {
public:
    using ForwardingStore::ForwardingStore;

    void begin() override {
        if (fail_begin) throw StoreError("begin failed (injected)");
        ForwardingStore::begin();
        ++begins;
    }
    void commit() override {
        if (fail_commit) throw StoreError("disk full (injected)");
        ForwardingStore::commit();
        ++commits;
    }

    std::atomic<int> begins{0};
    std::atomic<int> commits{0};
    std::atomic<bool> fail_begin{false};
    std::atomic<bool> fail_commit{false};
};

// What the jobs and Dones did, in the order they did it.
class Journal {
public:
    void add(std::string event) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
    }
    std::vector<std::string> events() {
        std::lock_guard lock(mutex_);
        return events_;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> events_;
};

template <typename Backend>
class StoreWorkerTest : public ::testing::Test {
protected:
    void SetUp() override { start(); }

    void start(std::size_t max_batch = 1024) {
        worker_.reset();
        auto watched = std::make_unique<WatchedStore>(backend_.open());
        watched_ = watched.get();
        worker_ = std::make_unique<StoreWorker>(std::move(watched), max_batch);
    }

    // Keeps the store thread busy in a job until open_gate(), so that
    // everything posted meanwhile is queued and taken as one batch.
    void hold_gate() {
        std::promise<void> entered;
        std::future<void> entered_future = entered.get_future();
        worker_->post(
            [this, &entered](Store&) {
                entered.set_value();
                gate_future_.wait_for(time_limit);
            },
            nullptr);
        bounded_get(entered_future);
    }
    void open_gate() { gate_.set_value(); }

    // A job that records itself and makes room `name`; its Done records the outcome.
    void post_room(const std::string& name, bool fail = false) {
        worker_->post(
            [this, name, fail](Store& store) {
                journal_.add("job " + name);
                store.ensure_room(name, 1);
                if (fail) throw std::runtime_error("job " + name + " failed");
            },
            [this, name](std::exception_ptr outcome) {
                journal_.add("done " + name + ": " + describe(outcome));
            });
    }

    // Runs `read` on the store thread and waits for its result.
    template <typename Read>
    auto read(Read read_store) {
        using Value = decltype(read_store(std::declval<Store&>()));
        auto promise = std::make_shared<std::promise<Value>>();
        std::future<Value> future = promise->get_future();
        worker_->post(
            [promise, read_store](Store& store) { promise->set_value(read_store(store)); },
            nullptr);
        return bounded_get(future);
    }

    std::vector<std::string> room_names() {
        return read([](Store& store) {
            std::vector<std::string> names;
            for (const core::Room& room : store.list_rooms()) names.push_back(room.name);
            return names;
        });
    }

    Backend backend_;
    Journal journal_;
    std::promise<void> gate_;
    std::shared_future<void> gate_future_ = gate_.get_future().share();
    WatchedStore* watched_ = nullptr;  // owned by worker_
    // Last, so it is stopped first: its pending jobs use everything above.
    std::unique_ptr<StoreWorker> worker_;
};
TYPED_TEST_SUITE(StoreWorkerTest, Backends, BackendNames);

using Events = std::vector<std::string>;

TYPED_TEST(StoreWorkerTest, DoneRunsAfterTheCommit) {
    std::promise<int> committed;
    std::future<int> committed_future = committed.get_future();
    this->worker_->post([](Store& store) { store.ensure_room("cpp", 1); },
                        [this, &committed](std::exception_ptr outcome) {
                            EXPECT_EQ(outcome, nullptr);
                            committed.set_value(this->watched_->commits);
                        });
    EXPECT_EQ(bounded_get(committed_future), 1);
    EXPECT_EQ(this->room_names(), (std::vector<std::string>{"cpp", "general"}));
}

TYPED_TEST(StoreWorkerTest, QueuedJobsShareOneTransaction) {
    this->hold_gate();
    for (int i = 0; i < 50; ++i) this->post_room("r" + std::to_string(i));
    this->open_gate();
    this->worker_->stop();

    EXPECT_EQ(this->watched_->begins, 2);  // the gate's batch, then all 50 jobs
    EXPECT_EQ(this->watched_->commits, 2);
    Events events = this->journal_.events();
    ASSERT_EQ(events.size(), 100u);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(events[i], "job r" + std::to_string(i));
        EXPECT_EQ(events[50 + i], "done r" + std::to_string(i) + ": ok");
    }
    EXPECT_EQ(this->watched_->list_rooms().size(), 51u);
}

TYPED_TEST(StoreWorkerTest, MaxBatchSplitsALongQueue) {
    this->start(2);
    this->hold_gate();
    for (int i = 0; i < 5; ++i) this->post_room("r" + std::to_string(i));
    this->open_gate();
    this->worker_->stop();
    EXPECT_EQ(this->watched_->commits, 1 + 3);
    EXPECT_EQ(this->journal_.events(),
              (Events{"job r0", "job r1", "done r0: ok", "done r1: ok", "job r2", "job r3",
                      "done r2: ok", "done r3: ok", "job r4", "done r4: ok"}));
}

TYPED_TEST(StoreWorkerTest, AFailingJobIsUndoneAlone) {
    this->hold_gate();
    this->post_room("a");
    this->post_room("b", true);
    this->post_room("c");
    this->open_gate();
    EXPECT_EQ(this->room_names(), (std::vector<std::string>{"a", "c", "general"}));
    this->worker_->stop();
    // One batch: every job ran before the first Done.
    EXPECT_EQ(this->journal_.events(), (Events{"job a", "job b", "job c", "done a: ok",
                                               "done b: job b failed", "done c: ok"}));
}

TYPED_TEST(StoreWorkerTest, DonesRunInPostingOrderAcrossBatches) {
    for (int i = 0; i < 300; ++i) this->post_room("r" + std::to_string(i));
    this->worker_->stop();
    Events dones;
    for (const std::string& event : this->journal_.events()) {
        if (event.starts_with("done")) dones.push_back(event);
    }
    ASSERT_EQ(dones.size(), 300u);
    for (int i = 0; i < 300; ++i) EXPECT_EQ(dones[i], "done r" + std::to_string(i) + ": ok");
}

TYPED_TEST(StoreWorkerTest, AFailedCommitFailsEveryJobOfTheBatch) {
    this->hold_gate();
    this->watched_->fail_commit = true;
    this->post_room("a");
    this->post_room("b", true);
    this->open_gate();
    std::promise<void> last_done;
    std::future<void> last_done_future = last_done.get_future();
    this->worker_->post(nullptr, [&last_done](std::exception_ptr) { last_done.set_value(); });
    bounded_get(last_done_future);
    this->watched_->fail_commit = false;

    EXPECT_EQ(this->room_names(), (std::vector<std::string>{"general"}));
    EXPECT_EQ(this->journal_.events(), (Events{"job a", "job b", "done a: disk full (injected)",
                                               "done b: disk full (injected)"}));
}

TYPED_TEST(StoreWorkerTest, AFailedBeginFailsTheBatchWithoutRunningIt) {
    this->hold_gate();
    this->watched_->fail_begin = true;
    this->open_gate();
    this->post_room("a");
    std::promise<void> done;
    std::future<void> done_future = done.get_future();
    this->worker_->post(nullptr, [&done](std::exception_ptr) { done.set_value(); });
    bounded_get(done_future);
    this->watched_->fail_begin = false;

    EXPECT_EQ(this->journal_.events(), (Events{"done a: begin failed (injected)"}));
    this->post_room("b");
    EXPECT_EQ(this->room_names(), (std::vector<std::string>{"b", "general"}));
}

TYPED_TEST(StoreWorkerTest, StopRunsEveryPostedJob) {
    for (int i = 1; i <= 100; ++i) {
        this->worker_->post(
            [i](Store& store) {
                core::Message message{.id = i, .room = "general", .from = 1, .text = "x"};
                if (i == 1) {
                    NewUser user;
                    user.username = "alice";
                    ASSERT_EQ(store.create_user(user)->id, 1);
                }
                store.append_message(message);
            },
            [this](std::exception_ptr outcome) { this->journal_.add(describe(outcome)); });
    }
    this->worker_->stop();
    EXPECT_EQ(this->journal_.events(), Events(100, "ok"));
    EXPECT_EQ(this->watched_->last_message_id(), 100);
}

TYPED_TEST(StoreWorkerTest, JobsPostedAfterStopAreRefused) {
    this->worker_->stop();
    this->worker_->stop();
    bool ran = false;
    std::string outcome;
    this->worker_->post([&ran](Store&) { ran = true; },
                        [&outcome](std::exception_ptr error) { outcome = describe(error); });
    EXPECT_FALSE(ran);
    EXPECT_NE(outcome.find("stopping"), std::string::npos) << outcome;
}

TYPED_TEST(StoreWorkerTest, DestroyingTheWorkerDrainsTheQueue) {
    for (int i = 0; i < 20; ++i) this->post_room("r" + std::to_string(i));
    this->worker_.reset();
    EXPECT_EQ(this->journal_.events().size(), 40u);
}

}  // namespace
}  // namespace parley::store::testing

#include <pthread.h>

#include "net/shards.hpp"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "net/shard_internals.hpp"

namespace parley::net {

namespace asio = boost::asio;

namespace {

constexpr std::size_t max_shards = std::size_t{1} << 16;
constexpr std::uint64_t counter_mask = (std::uint64_t{1} << detail::shard_id_shift) - 1;

using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

struct Shard {
    asio::io_context context{1};  // hint: a single thread runs it
    std::optional<WorkGuard> work{asio::make_work_guard(context)};
    std::thread thread;
    std::atomic<std::uint64_t> next_counter{1};
    std::unordered_map<ConnId, Connection*> connections;
    std::atomic<std::size_t> queued{0};  // posted tasks not yet run
};

// A task that throws must not take the whole shard down: report it and go on.
void run_shard(asio::io_context& context, std::size_t index) {
    for (;;) {
        try {
            context.run();
            return;
        } catch (const std::exception& error) {
            std::fprintf(stderr, "event=shard_task_failed shard=%zu what=%s\n", index,
                         error.what());
        } catch (...) {
            std::fprintf(stderr, "event=shard_task_failed shard=%zu what=unknown\n", index);
        }
    }
}

}  // namespace

struct Shards::Impl {
    std::vector<std::unique_ptr<Shard>> shards;
    std::atomic<std::thread::id> holder{};  // the thread whose posts are held
    std::vector<std::vector<std::function<void()>>> held;  // per shard; holder's thread only
    std::mutex mutex;  // start, stop and join
    bool started = false;
    bool stopped = false;

    Shard& at(std::size_t index) {
        if (index >= shards.size()) throw std::out_of_range("no such shard");
        return *shards[index];
    }
};

Shards::Shards(std::size_t count) : impl_(std::make_unique<Impl>()) {
    if (count == 0 || count > max_shards) {
        throw std::invalid_argument("the shard count must be between 1 and 65536");
    }
    for (std::size_t i = 0; i < count; ++i) impl_->shards.push_back(std::make_unique<Shard>());
}

Shards::~Shards() {
    stop();
    join();
}

std::size_t Shards::size() const { return impl_->shards.size(); }

void Shards::start() {
    std::lock_guard lock(impl_->mutex);
    if (impl_->started || impl_->stopped) return;
    impl_->started = true;
    for (std::size_t i = 0; i < impl_->shards.size(); ++i) {
        Shard& shard = *impl_->shards[i];
        shard.thread = std::thread([&shard, i] {
            // Named so top -H, perf and gdb show which part of the server is busy.
            pthread_setname_np(pthread_self(), ("shard-" + std::to_string(i)).c_str());
            run_shard(shard.context, i);
        });
    }
}

void Shards::stop() {
    std::lock_guard lock(impl_->mutex);
    impl_->stopped = true;
    for (auto& shard : impl_->shards) {
        shard->work.reset();
        shard->context.stop();
    }
}

void Shards::join() {
    for (auto& shard : impl_->shards) {
        // A shard cannot wait for itself; its thread ends once run() returns.
        if (shard->thread.joinable() && shard->thread.get_id() != std::this_thread::get_id()) {
            shard->thread.join();
        }
    }
}

void Shards::hold_posts_of_this_thread() {
    impl_->held.resize(impl_->shards.size());
    impl_->holder = std::this_thread::get_id();
}

void Shards::send_held() {
    if (impl_->holder != std::this_thread::get_id()) return;
    for (std::size_t shard = 0; shard < impl_->held.size(); ++shard) {
        auto& tasks = impl_->held[shard];
        if (tasks.empty()) continue;
        Shard& target = impl_->at(shard);
        target.queued.fetch_add(1, std::memory_order_relaxed);
        asio::post(target.context, [&target, tasks = std::move(tasks)] {
            target.queued.fetch_sub(1, std::memory_order_relaxed);
            for (const auto& task : tasks) task();
        });
        tasks.clear();
    }
}

void Shards::post(std::size_t shard, std::function<void()> task) {
    if (impl_->holder == std::this_thread::get_id()) {
        impl_->at(shard);  // throws for a shard that doesn't exist
        impl_->held[shard].push_back(std::move(task));
        return;
    }
    Shard& target = impl_->at(shard);
    target.queued.fetch_add(1, std::memory_order_relaxed);
    asio::post(target.context, [&target, task = std::move(task)] {
        target.queued.fetch_sub(1, std::memory_order_relaxed);
        task();
    });
}

void Shards::post_after(std::size_t shard, std::chrono::milliseconds delay,
                        std::function<void()> task) {
    auto& context = impl_->at(shard).context;
    auto timer = std::make_shared<asio::steady_timer>(context, delay);
    timer->async_wait([timer, task = std::move(task)](const boost::system::error_code& error) {
        if (!error) task();
    });
}

std::size_t Shards::shard_of(ConnId id) {
    return static_cast<std::size_t>(id >> detail::shard_id_shift);
}

Connection* Shards::find(ConnId id) {
    std::size_t index = shard_of(id);
    if (index >= impl_->shards.size()) return nullptr;
    auto& connections = impl_->shards[index]->connections;
    auto found = connections.find(id);
    return found == connections.end() ? nullptr : found->second;
}

namespace detail {

asio::io_context& ShardAccess::context(Shards& shards, std::size_t shard) {
    return shards.impl_->at(shard).context;
}

ConnId ShardAccess::next_id(Shards& shards, std::size_t shard) {
    std::uint64_t counter = shards.impl_->at(shard).next_counter.fetch_add(1) & counter_mask;
    return (static_cast<ConnId>(shard) << shard_id_shift) | counter;
}

void ShardAccess::add(Shards& shards, Connection& connection) {
    ConnId id = connection.id();
    shards.impl_->at(Shards::shard_of(id)).connections[id] = &connection;
}

void ShardAccess::remove(Shards& shards, ConnId id) {
    shards.impl_->at(Shards::shard_of(id)).connections.erase(id);
}

std::size_t ShardAccess::queued_tasks(Shards& shards, std::size_t shard) {
    return shards.impl_->at(shard).queued.load(std::memory_order_relaxed);
}

bool ShardAccess::running(const Shards& shards) {
    std::lock_guard lock(shards.impl_->mutex);
    return shards.impl_->started && !shards.impl_->stopped;
}

bool ShardAccess::in_shard_thread(const Shards& shards) {
    for (const auto& shard : shards.impl_->shards) {
        if (shard->context.get_executor().running_in_this_thread()) return true;
    }
    return false;
}

}  // namespace detail

}  // namespace parley::net

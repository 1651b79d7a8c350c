#include "harness.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>
#include <stdexcept>

#include "connect_retry.hpp"
#include "http_post.hpp"
#include "task_group.hpp"
#include "wire.hpp"

namespace parley::bench {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr auto server_start_timeout = 15s;
constexpr auto server_stop_timeout = 15s;  // the contract promises 10 s
constexpr auto register_timeout = 60s;     // per request: argon2 queues on the hashing pool
constexpr auto open_timeout = 15s;         // per connection: connect, upgrade, auth, ready
constexpr std::size_t max_frames_before_ready = 100;
constexpr std::size_t max_frames_before_joined = 100000;  // presence of others connecting
constexpr std::int64_t join_id = 1;

std::filesystem::path make_directory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "parley-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

asio::awaitable<Account> register_one(std::uint16_t port, std::size_t index,
                                      std::atomic<std::size_t>& retries) {
    Account account{"bench_" + std::to_string(index), {}, 0};
    auto executor = co_await asio::this_coro::executor;
    auto post = [&] {
        return http_post(executor, port, "/api/v1/register",
                         wire::register_body(account.username, bench_password), register_timeout);
    };
    auto reply = co_await with_connect_retries(post, retries);
    auto registered = wire::parse_registered(reply.body);
    if (reply.status != 201 || !registered) {
        throw std::runtime_error("POST /api/v1/register for " + account.username + " answered " +
                                 std::to_string(reply.status) + ": " + reply.body.substr(0, 300));
    }
    account.token = registered->token;
    account.user_id = registered->user_id;
    co_return account;
}

// Reads frames until `wanted` (for `ok`: with the join's id); an error throws.
asio::awaitable<wire::Frame> await_frame(WsConnection& connection, wire::FrameType wanted,
                                         std::size_t max_frames, const std::string& what) {
    for (std::size_t frames = 0; frames < max_frames; ++frames) {
        wire::Frame frame = wire::parse_frame(co_await connection.read_one());
        bool answer = wanted != wire::FrameType::ok || frame.id == join_id;
        if (frame.type == wanted && answer) co_return frame;
        if (frame.type == wire::FrameType::error) {
            throw std::runtime_error(what + " refused: " + frame.error);
        }
    }
    throw std::runtime_error(what + ": no answer within " + std::to_string(max_frames) + " frames");
}

asio::awaitable<void> open_one(std::uint16_t port, unsigned source_host, const Account& account,
                               std::size_t index, const std::string& room,
                               const Harness::OnOpen& on_open, LatencyHistogram& latency,
                               std::atomic<std::size_t>& retries) {
    auto start = std::chrono::steady_clock::now();
    auto connect = [&]() -> asio::awaitable<std::shared_ptr<WsConnection>> {
        auto opened = std::make_shared<WsConnection>(co_await asio::this_coro::executor);
        co_await opened->open(port, source_host, open_timeout);
        co_return opened;
    };
    auto connection = co_await with_connect_retries(connect, retries);
    co_await connection->write_one(wire::auth_frame(account.token));
    wire::Frame ready =
        co_await await_frame(*connection, wire::FrameType::ready, max_frames_before_ready,
                             "auth of " + account.username);
    if (!room.empty()) {
        co_await connection->write_one(wire::join_frame(room, join_id));
        co_await await_frame(*connection, wire::FrameType::ok, max_frames_before_joined,
                             account.username + " joining " + room);
    }
    latency.record(std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::steady_clock::now() - start)
                       .count());
    on_open(index, std::move(connection), ready.user_id);
}

}  // namespace

asio::awaitable<SignedInWs> sign_in_ws(std::uint16_t port, const Account& account,
                                       unsigned source_host) {
    auto connection = std::make_shared<WsConnection>(co_await asio::this_coro::executor);
    co_await connection->open(port, source_host, open_timeout);
    co_await connection->write_one(wire::auth_frame(account.token));
    wire::Frame ready = co_await await_frame(*connection, wire::FrameType::ready,
                                             max_frames_before_ready, "auth of " + account.username);
    co_return SignedInWs{connection, ready.user_id};
}

Harness::Harness(const HarnessOptions& options) : options_(options), directory_(make_directory()) {
    try {
        ServerCommand command{options.parleyd, directory_, options.shards, options.server_cpu,
                              options.irc};
        server_ = std::make_unique<ServerProcess>(command, server_start_timeout);
        workers_ = std::make_unique<Workers>(options.threads);
    } catch (...) {
        std::filesystem::remove_all(directory_);
        throw;
    }
}

Harness::~Harness() {
    if (!exit_) stop();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void Harness::wait_phase(const char* what, std::size_t count,
                         const std::shared_ptr<TaskGroup>& group,
                         std::chrono::milliseconds timeout) {
    bool finished = group->wait(timeout);
    if (group->failure_count() > 0) {
        throw std::runtime_error(std::string(what) + ": " + std::to_string(group->failure_count()) +
                                 " failed; first: " + group->failures().front());
    }
    if (!finished) {
        throw std::runtime_error(std::string(what) + ": not done within " +
                                 std::to_string(timeout.count() / 1000) + " s (" +
                                 std::to_string(count) + " asked)");
    }
}

// `concurrency` loops, spread over the workers, each taking the next index.
std::vector<Account> Harness::register_accounts(std::size_t count) {
    auto accounts = std::make_shared<std::vector<Account>>(count);
    auto next = std::make_shared<std::atomic<std::size_t>>(0);
    std::size_t loops = std::min(count, options_.register_concurrency);
    auto group = TaskGroup::expect(loops);
    for (std::size_t loop = 0; loop < loops; ++loop) {
        auto body = [port = server_->port(), next, count, accounts,
                     retries = retries_]() -> asio::awaitable<void> {
            for (std::size_t i = (*next)++; i < count; i = (*next)++) {
                (*accounts)[i] = co_await register_one(port, i, *retries);
            }
        };
        asio::co_spawn(workers_->context(loop % workers_->size()), body,
                       TaskGroup::completion(group));
    }
    wait_phase("registration", count, group, 30s + std::chrono::seconds(count));
    return *accounts;
}

OpenStats Harness::open_connections(const std::vector<Account>& accounts, std::size_t count,
                                    OnOpen on_open, RoomOf room_of) {
    if (accounts.empty()) throw std::invalid_argument("open_connections: no accounts");
    auto began = std::chrono::steady_clock::now();
    auto shared_accounts = std::make_shared<const std::vector<Account>>(accounts);
    auto next = std::make_shared<std::atomic<std::size_t>>(0);
    std::size_t loops = std::min(count, options_.connect_concurrency);
    auto group = TaskGroup::expect(loops);
    auto shared_open = std::make_shared<OnOpen>(std::move(on_open));
    auto latencies = std::make_shared<std::vector<LatencyHistogram>>(loops);
    for (std::size_t loop = 0; loop < loops; ++loop) {
        auto body = [port = server_->port(), next, count, shared_accounts, shared_open, latencies,
                     loop, room_of, sources = std::max(1u, options_.source_addresses),
                     retries = retries_]() -> asio::awaitable<void> {
            const auto& all = *shared_accounts;
            for (std::size_t i = (*next)++; i < count; i = (*next)++) {
                // A local, not a temporary: g++ 12 mishandles temporaries in co_await arguments.
                std::string room;
                if (room_of) room = room_of(i);
                co_await open_one(port, 1 + static_cast<unsigned>(i % sources), all[i % all.size()],
                                  i, room, *shared_open, (*latencies)[loop], *retries);
            }
        };
        asio::co_spawn(workers_->context(loop % workers_->size()), body,
                       TaskGroup::completion(group));
    }
    wait_phase("opening connections", count, group, 30s + std::chrono::milliseconds(20 * count));
    OpenStats stats;
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    for (const auto& latency : *latencies) stats.latency.merge(latency);
    stats.retries = retries_->load();
    return stats;
}

ServerExit Harness::stop() {
    if (exit_) return *exit_;
    stopping_ = true;
    exit_ = server_->stop(server_stop_timeout);
    workers_->finish(5s);
    if (!options_.server_log.empty()) server_->save_log(options_.server_log);
    return *exit_;
}

}  // namespace parley::bench

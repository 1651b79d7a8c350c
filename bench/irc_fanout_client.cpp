#include "irc_fanout_client.hpp"

#include <boost/asio/post.hpp>
#include <charconv>

#include "bench_text.hpp"
#include "irc_line.hpp"

namespace parley::bench {

namespace {

constexpr std::size_t kept_samples = 10;  // per client
constexpr std::string_view nick_stem = "bn";

}  // namespace

IrcFanoutClient::IrcFanoutClient(std::shared_ptr<IrcConnection> connection, std::size_t index,
                                 const FanoutPlan& plan, const Clients& clients)
    : connection_(std::move(connection)),
      index_(index),
      channel_("#" + plan.room_name(index)),
      privmsg_("PRIVMSG " + channel_ + " :"),
      plan_(plan),
      clients_(clients),
      received_log_(plan.senders_per_room),
      slots_(plan.is_sender(index) ? new std::atomic<std::uint32_t>[plan.window] : nullptr),
      pacer_(connection_->executor(), plan.schedule_of(index)) {}

void IrcFanoutClient::start() {
    connection_->start([this](std::string_view text) { on_line(text); },
                       [this](const std::string& why) { on_end(why); });
}

void IrcFanoutClient::begin_sending() {
    pacer_.begin(steady_now_ns(), [this](std::int64_t stamp) { send_one(stamp); });
}

void IrcFanoutClient::send_one(std::int64_t stamp) {
    auto seq = static_cast<std::int64_t>(sent_ns_.size());
    sent_ns_.push_back(stamp);
    complete_.push_back(false);
    slots_[static_cast<std::size_t>(seq) % plan_.window].store(0, std::memory_order_relaxed);
    connection_->send(privmsg_ +
                      bench_text(seq, stamp, static_cast<std::int64_t>(index_), plan_.text_bytes));
    ++own_.sent;
}

void IrcFanoutClient::note(std::string text) {
    if (own_.samples.size() < kept_samples) own_.samples.push_back(std::move(text));
}

std::int64_t IrcFanoutClient::sender_of(std::string_view nick) const {
    if (nick.substr(0, nick_stem.size()) != nick_stem) return -1;
    std::size_t index = 0;
    const char* end = nick.data() + nick.size();
    auto [at, error] = std::from_chars(nick.data() + nick_stem.size(), end, index);
    if (error != std::errc{} || at != end || index >= plan_.clients || !plan_.is_sender(index) ||
        plan_.room_of(index) != plan_.room_of(index_)) {
        return -1;
    }
    return static_cast<std::int64_t>(index);
}

void IrcFanoutClient::on_line(std::string_view text) {
    std::int64_t now = steady_now_ns();
    irc::Line line;
    if (!irc::parse(text, line)) return;
    if (line.command == "PRIVMSG") {
        on_message(irc::nick_of(line.prefix), line.last(), now);
    } else if (line.command == "ERROR" && plan_.stopping != nullptr && plan_.stopping->load()) {
        return;  // "server going down": the bench stopped it
    } else if (irc::is_error_numeric(line.command) || line.command == "ERROR") {
        ++own_.command_errors;
        note("bn" + std::to_string(index_) + " got: " + std::string(text.substr(0, 200)));
    }
}

void IrcFanoutClient::on_message(std::string_view nick, std::string_view text, std::int64_t now) {
    std::int64_t sender = sender_of(nick);
    auto parsed = parse_bench_text(text);
    if (sender < 0 || !parsed) {
        ++own_.foreign;
        return;
    }
    if (static_cast<std::size_t>(sender) == index_) {
        ++own_.echoes;
        return;
    }
    received_.fetch_add(1, std::memory_order_relaxed);
    auto index = static_cast<std::size_t>(sender);
    if (received_log_.record(plan_, plan_.slot_of(index), parsed->seq, parsed->sent_ns, now,
                             own_)) {
        clients_[index]->delivered_one(static_cast<std::size_t>(parsed->seq));
    }
}

void IrcFanoutClient::delivered_one(std::size_t seq) {
    auto receivers = static_cast<std::uint32_t>(plan_.receivers_of(index_));
    if (slots_[seq % plan_.window].fetch_add(1, std::memory_order_acq_rel) + 1 != receivers) return;
    boost::asio::post(executor(), [this, seq] { on_complete(seq); });
}

void IrcFanoutClient::on_complete(std::size_t seq) {
    std::int64_t now = steady_now_ns();
    complete_[seq] = true;
    while (acked_upto_ < complete_.size() && complete_[acked_upto_]) {
        acked_count_.fetch_add(1, std::memory_order_relaxed);
        own_.record_ack(plan_, sent_ns_[acked_upto_], now);
        ++acked_upto_;
        pacer_.on_answered(now);
    }
}

void IrcFanoutClient::on_end(const std::string& why) {
    if (plan_.stopping != nullptr && plan_.stopping->load()) return;
    ++own_.unexpected_ends;
    note("connection of bn" + std::to_string(index_) + " ended: " + why);
    plan_.unexpected_ends.fetch_add(1);
}

void IrcFanoutClient::add_to(FanoutTally& tally,
                             const std::vector<const IrcFanoutClient*>& all) const {
    tally.add(own_);
    tally.unanswered += own_.sent - own_.acked;
    add_losses(tally, plan_, index_, received_log_, pacer_, all);
}

}  // namespace parley::bench

#include "history_reader.hpp"

#include "fanout_client.hpp"

namespace parley::bench {

namespace {

constexpr std::size_t kept_samples = 10;
constexpr std::int64_t newest_page = 0;

}  // namespace

HistoryReader::HistoryReader(std::shared_ptr<WsConnection> connection, HistoryPlan plan)
    : connection_(std::move(connection)),
      plan_(std::move(plan)),
      seen_(plan_.senders),
      lowest_seq_(plan_.senders, INT64_MAX) {}

void HistoryReader::start() {
    connection_->start([this](std::string_view text) { on_frame(text); },
                       [this](const std::string& why) {
                           if (!finished_) note("connection ended: " + why);
                           ended_ = true;
                       });
    started_ns_ = steady_now_ns();
    request(newest_page);
}

// The page number is the request's id, so a stray answer can't pass for a page.
void HistoryReader::request(std::int64_t before) {
    requested_ns_ = steady_now_ns();
    connection_->send(wire::history_frame(plan_.room, static_cast<std::int64_t>(check_.pages) + 1,
                                          before, plan_.page_size));
}

void HistoryReader::note(std::string text) {
    if (check_.samples.size() < kept_samples) check_.samples.push_back(std::move(text));
}

void HistoryReader::on_frame(std::string_view text) {
    if (finished_) return;
    std::int64_t now = steady_now_ns();
    auto page = wire::parse_history_page(text);
    if (!page) {
        wire::Frame frame = wire::parse_frame(text);
        if (frame.type != wire::FrameType::error) return;  // an event, not our answer
        ++check_.errors;
        note("history refused: " + frame.error);
        finished_ = true;
        return;
    }
    if (page->id != static_cast<std::int64_t>(check_.pages) + 1) return;
    check_.page_latency.record(now - requested_ns_);
    ++check_.pages;
    // Oldest first within a page; reading backwards means newest first.
    for (auto it = page->messages.rbegin(); it != page->messages.rend(); ++it) take(*it);
    check_.seconds = static_cast<double>(now - started_ns_) / 1e9;
    bool last = page->messages.size() < plan_.page_size || check_.pages >= plan_.max_pages;
    if (last) {
        finished_ = true;
        return;
    }
    request(page->messages.front().id);
}

void HistoryReader::take(const wire::PagedMessage& message) {
    ++check_.messages;
    if (message.id >= lowest_id_) ++check_.ids_out_of_order;
    lowest_id_ = std::min(lowest_id_, message.id);
    auto sender = static_cast<std::size_t>(message.sender);
    if (message.seq < 0 || message.sender < 0 || sender >= plan_.senders) {
        ++check_.foreign;
        return;
    }
    auto seq = static_cast<std::size_t>(message.seq);
    auto& seen = seen_[sender];
    if (seq >= seen.size()) seen.resize(seq + 1);
    if (seen[seq]) {
        ++check_.duplicates;
        return;
    }
    seen[seq] = true;
    if (message.seq > lowest_seq_[sender]) ++check_.reordered;
    lowest_seq_[sender] = std::min(lowest_seq_[sender], message.seq);
}

bool HistoryReader::was_read(std::size_t sender, std::size_t seq) const {
    return sender < seen_.size() && seq < seen_[sender].size() && seen_[sender][seq];
}

}  // namespace parley::bench

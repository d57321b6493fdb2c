#include "pipeline/replay_writer.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <optional>
#include <utility>

namespace lbtrack::app {

payload_input replayed_payload(std::string origin, std::string bytes, time_point observed,
                               std::string url) {
    payload_input input;
    input.origin = std::move(origin);
    input.fetched.body = std::move(bytes);
    input.observed_at = observed;
    input.started_at = observed;
    input.fetched.url = std::move(url);
    input.board_may_be_absent = true;
    return input;
}

replay_writer::replay_writer(pqxx::connection_base& conn, const source& src,
                             const ingest::model_resolver& resolver, bool compare,
                             diff::diff_options diff_options, say_fn say)
    : conn_(conn), src_(src), resolver_(resolver), diff_options_(std::move(diff_options)),
      say_(std::move(say)), durable_(conn) {
    last_.compare = compare;
}

void replay_writer::store(std::size_t index, prepared_payload&& payload) {
    warnings_.filter(payload.warnings, payload.input.origin);
    auto warnings = std::exchange(payload.warnings, {}); // said with its payload
    auto outcome = store_payload(conn_, src_, std::move(payload), resolver_, diff_options_, &last_);
    ++counts_[outcome.status];
    if (outcome.status == outcome_status::stored) {
        rows_stored_ += outcome.rows;
    }
    durable_.hold(
        [this, index, warnings = std::move(warnings), outcome = std::move(outcome)]() mutable {
            say_(index, warnings, std::move(outcome));
        });
    durable_.tick();
}

void replay_writer::flush() {
    durable_.flush();
}

void replay_writer::log_warning_summary() const {
    warnings_.log_summary();
}

std::size_t replay_writer::count(outcome_status status) const {
    const auto found = counts_.find(status);
    return found == counts_.end() ? 0 : found->second;
}

std::string replay_writer::summary() const {
    return fmt::format("{} stored ({} rows), {} unchanged, {} already stored, {} failed{}",
                       count(outcome_status::stored), rows_stored_,
                       count(outcome_status::unchanged), count(outcome_status::already_stored),
                       count(outcome_status::failed),
                       without_board(count(outcome_status::no_board)));
}

void replay_writer::log_if_nothing_new(std::string_view items) const {
    if (count(outcome_status::stored) == 0 && count(outcome_status::failed) == 0) {
        spdlog::info("nothing new: every {} was already stored or identical to its predecessor",
                     items);
    }
}

int replay_writer::exit_code() const {
    return count(outcome_status::failed) > 0 ? static_cast<int>(lbtrack::exit_code::source_failed)
                                             : 0;
}

} // namespace lbtrack::app

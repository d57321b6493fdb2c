#include "pipeline/replay_session.hpp"

#include "lbtrack/settings/model_registry_file.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace lbtrack::app {

ingest::model_resolver replay_resolver(const replay_options& options) {
    return ingest::model_resolver(
        settings::registry_for(options.files.config, options.files.models), ingest::name_memo::on);
}

std::string without_board(std::size_t pages) {
    return pages == 0 ? std::string() : fmt::format(", {} without a board", pages);
}

void commit_without_flush_wait(pqxx::connection_base& conn) {
    conn.set_variable("synchronous_commit", "off");
}

namespace {

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

/// `message` without `origin` and with the row numbers the pipeline's warnings print ("row 7",
/// "rows 3 ('a') and 5 ('b')") as "#": what stays the same from one day of a board to the next.
std::string warning_key(const std::string& message, const std::string& origin) {
    std::string text = message;
    if (!origin.empty()) {
        for (auto at = text.find(origin); at != std::string::npos; at = text.find(origin, at)) {
            text.erase(at, origin.size());
        }
    }
    std::string key;
    key.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view before(key);
        if (is_digit(text[i]) &&
            (before.ends_with("row ") || before.ends_with("rows ") || before.ends_with(") and "))) {
            key += '#';
            while (i < text.size() && is_digit(text[i])) {
                ++i;
            }
            continue;
        }
        key += text[i++];
    }
    return key;
}

} // namespace

warning_once::warning_once()
    : keep_all_(spdlog::default_logger_raw()->should_log(spdlog::level::debug)) {}

void warning_once::filter(std::vector<std::string>& warnings, const std::string& origin) {
    if (keep_all_) {
        return;
    }
    const auto repeated = std::remove_if(warnings.begin(), warnings.end(), [&](const auto& w) {
        return !seen_.insert(warning_key(w, origin)).second;
    });
    repeats_ += static_cast<std::size_t>(warnings.end() - repeated);
    warnings.erase(repeated, warnings.end());
}

void warning_once::log_summary() const {
    if (repeats_ > 0) {
        spdlog::warn("{} warning(s) repeating one already shown for an earlier day or version were "
                     "not shown again (-v shows every one)",
                     repeats_);
    }
}

} // namespace lbtrack::app

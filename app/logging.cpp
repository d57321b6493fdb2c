#include "logging.hpp"

#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

namespace lbtrack::app {

namespace {

/// A log message with every control character escaped (printable_text): messages quote names
/// and cells from upstream pages, and one holding ESC[2J, an OSC 8 link, the C1 byte 0x9b or a
/// line break must neither drive the reader's terminal nor start a forged log line.
class printable_payload final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
                spdlog::memory_buf_t& dest) override {
        std::string_view payload(msg.payload.data(), msg.payload.size());
        // libpq ends its messages with a line break: not part of what is said.
        while (!payload.empty() && (payload.back() == '\n' || payload.back() == ' ')) {
            payload.remove_suffix(1);
        }
        const auto text = printable_text(payload);
        dest.append(text.data(), text.data() + text.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<printable_payload>();
    }
};

/// The syslog priority of a level (sd-daemon(3): "<3>" error ... "<7>" debug), so that
/// `journalctl -p err` finds lbtrack's errors.
class syslog_priority final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
                spdlog::memory_buf_t& dest) override {
        const char* prefix = "<6>";
        switch (msg.level) {
        case spdlog::level::trace:
        case spdlog::level::debug:
            prefix = "<7>";
            break;
        case spdlog::level::warn:
            prefix = "<4>";
            break;
        case spdlog::level::err:
            prefix = "<3>";
            break;
        case spdlog::level::critical:
            prefix = "<2>";
            break;
        default:
            break;
        }
        dest.append(prefix, prefix + 3);
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<syslog_priority>();
    }
};

std::string getenv_or_empty(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

} // namespace

log_style choose_log_style(const log_target& target) {
    log_style style;
    style.journald = !target.journal_stream.empty() && target.journal_stream == target.stderr_id;
    style.colour = target.terminal && !target.no_color && !style.journald;
    return style;
}

log_target log_target_of_process() {
    log_target target;
    target.terminal = ::isatty(STDERR_FILENO) == 1;
    target.no_color = !getenv_or_empty("NO_COLOR").empty();
    target.journal_stream = getenv_or_empty("JOURNAL_STREAM");
    struct stat st {};
    if (::fstat(STDERR_FILENO, &st) == 0) {
        target.stderr_id = fmt::format("{}:{}", st.st_dev, st.st_ino);
    }
    return target;
}

void set_up_logging(int verbosity) {
    const auto style = choose_log_style(log_target_of_process());
    spdlog::sink_ptr sink;
    if (style.colour) {
        sink =
            std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(spdlog::color_mode::always);
    } else {
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    }
    auto logger = std::make_shared<spdlog::logger>("lbtrack", sink);
    // Reports are in UTC; so are the logs, marked with Z so no reader takes them for local time.
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<printable_payload>('*');
    if (style.journald) {
        formatter->add_flag<syslog_priority>('J').set_pattern("%J%l: %*");
    } else {
        formatter->set_pattern("%Y-%m-%dT%H:%M:%SZ %^%l%$: %*");
    }
    logger->set_formatter(std::move(formatter));
    logger->set_level(verbosity > 0   ? spdlog::level::debug
                      : verbosity < 0 ? spdlog::level::warn
                                      : spdlog::level::info);
    spdlog::set_default_logger(logger);
}

} // namespace lbtrack::app

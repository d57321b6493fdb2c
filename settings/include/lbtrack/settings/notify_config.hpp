#pragma once
// The [[notify]] tables of config/sources.toml: where `lbtrack run --notify` sends its digest
// and which changes each destination wants. Secrets are never written in the file: a webhook
// URL, an SMTP password (and optionally the SMTP URL and user) are named by environment
// variable and read when the message is delivered.

#include "lbtrack/diff/notify_rules.hpp"
#include "lbtrack/diff/render.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace lbtrack::settings {

enum class sink_kind { file, webhook, slack, discord, email };

/// The kind as `sink = "..."` names it: "file", "webhook", "slack", "discord", "email".
const char* sink_kind_name(sink_kind kind);

struct notify_sink {
    std::string name; ///< unique; the outbox remembers pending messages by it
    sink_kind kind = sink_kind::file;
    diff::notify_rules rules;
    /// Send nothing when nothing passed the rules (default). false: a "no changes" message
    /// every run, e.g. as a heartbeat.
    bool quiet = true;
    /// Attempts (over successive runs) before a message is given up.
    int max_attempts = 10;

    // file
    std::string path; ///< may hold {date} (YYYY-MM-DD) and {time} (HHMMSS), UTC
    diff::report_format format = diff::report_format::markdown;

    // webhook, slack, discord
    std::string url_env;

    // email
    std::string smtp_url; ///< smtp://host:port; or from smtp_url_env
    std::string smtp_url_env;
    std::string username;
    std::string username_env;
    std::string password_env;
    std::string from;
    std::vector<std::string> to;
};

/// Reads every [[notify]] table; `config_dir` anchors relative file paths. Throws
/// lbtrack::config_error naming the file, the line and the key.
std::vector<notify_sink> read_notify_sinks(const std::filesystem::path& file,
                                           const toml::array& tables);

} // namespace lbtrack::settings

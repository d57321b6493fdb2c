#include "lbtrack/notify/notify_delivery.hpp"

#include "lbtrack/core/environment.hpp"
#include "lbtrack/diff/notify_rules.hpp"
#include "lbtrack/diff/render.hpp"
#include "lbtrack/notify/sinks.hpp"
#include "lbtrack/store/notification_outbox.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace lbtrack::notify {

namespace {

/// {date} and {time} of the run, UTC: one file per day (or per run) instead of overwriting.
std::string expand_path(const std::string& pattern, time_point at) {
    const auto stamp = format_rfc3339(at); // 2025-07-02T11:05:00Z
    const auto date = stamp.substr(0, 10);
    const auto time = stamp.substr(11, 2) + stamp.substr(14, 2) + stamp.substr(17, 2);
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern.compare(i, 6, "{date}") == 0) {
            out += date;
            i += 6;
        } else if (pattern.compare(i, 6, "{time}") == 0) {
            out += time;
            i += 6;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

/// The variable's value; a sink_error naming the variable (not a value) when it is unset.
std::string from_environment(const settings::notify_sink& sink, const std::string& variable,
                             const char* what) {
    if (const char* value = getenv_nonempty(variable.c_str())) {
        return value;
    }
    // Transient: the environment is the run's, not the message's; a fixed cron line or unit
    // file delivers the message kept for the next run.
    throw sink_error(settings::sink_kind_name(sink.kind), sink.name,
                     fmt::format("{} is read from the environment variable {}, which is "
                                 "not set",
                                 what, variable),
                     retry_verdict::transient);
}

const std::string& body_for(const store::outbox_message& m, diff::report_format format) {
    switch (format) {
    case diff::report_format::text:
        return m.text;
    case diff::report_format::markdown:
        return m.markdown;
    case diff::report_format::html:
        return m.html;
    case diff::report_format::json:
        return m.json;
    }
    return m.markdown;
}

void deliver(const settings::notify_sink& sink, const store::outbox_message& m, time_point now) {
    const notification note{m.subject, m.text, m.markdown, m.html, m.json};
    switch (sink.kind) {
    case settings::sink_kind::file:
        write_report_file(m.file_path, body_for(m, sink.format));
        return;
    case settings::sink_kind::webhook:
    case settings::sink_kind::slack:
    case settings::sink_kind::discord: {
        webhook_target target;
        target.style = sink.kind == settings::sink_kind::slack     ? webhook_style::slack
                       : sink.kind == settings::sink_kind::discord ? webhook_style::discord
                                                                   : webhook_style::generic;
        target.url = from_environment(sink, sink.url_env, "the webhook URL");
        post_webhook(target, note);
        return;
    }
    case settings::sink_kind::email: {
        smtp_target target;
        target.url = sink.smtp_url.empty()
                         ? from_environment(sink, sink.smtp_url_env, "the SMTP URL")
                         : sink.smtp_url;
        target.username = sink.username_env.empty()
                              ? sink.username
                              : from_environment(sink, sink.username_env, "the SMTP user");
        if (!sink.password_env.empty()) {
            target.password = from_environment(sink, sink.password_env, "the SMTP password");
        }
        target.from = sink.from;
        target.to = sink.to;
        send_email(target, note, now);
        return;
    }
    }
}

} // namespace

int queue_notifications(pqxx::connection_base& conn,
                        const std::vector<settings::notify_sink>& sinks,
                        const diff::run_report& report, const std::filesystem::path& config_dir,
                        time_point now, const std::vector<std::int64_t>& carried) {
    int queued = 0;
    pqxx::work tx(conn);
    for (const auto& sink : sinks) {
        const auto filtered = diff::apply_rules(report, sink.rules);
        if (!diff::worth_sending(filtered) && sink.quiet) {
            spdlog::info("notify '{}': nothing passed its rules, no message", sink.name);
            continue;
        }
        store::outbox_message m;
        m.sink = sink.name;
        m.created_at = now;
        m.subject = diff::notification_subject(filtered);
        m.text = diff::render_text(filtered);
        m.markdown = diff::render_markdown(filtered);
        m.html = diff::render_html(filtered);
        m.json = diff::render_json(filtered);
        if (sink.kind == settings::sink_kind::file) {
            std::filesystem::path path = expand_path(sink.path, report.generated_at);
            m.file_path = (path.is_relative() ? config_dir / path : path).string();
        }
        store::enqueue_notification(tx, m);
        ++queued;
    }
    store::clear_awaiting_digest(tx, carried);
    tx.commit();
    return queued;
}

delivery_summary deliver_pending(pqxx::connection_base& conn,
                                 const std::vector<settings::notify_sink>& sinks, time_point now) {
    delivery_summary summary;
    for (const auto& sink : sinks) {
        const auto pending = [&] {
            pqxx::read_transaction tx(conn);
            return store::pending_notifications(tx, sink.name);
        }();
        for (const auto& m : pending) {
            std::string failure;
            // Anything but a sink_error (libcurl's global set-up failing) is not the message's
            // fault: kept for the next run.
            retry_verdict verdict = retry_verdict::transient;
            try {
                deliver(sink, m, now);
            } catch (const sink_error& e) {
                failure = e.what();
                verdict = e.verdict();
            } catch (const error& e) {
                failure = e.what();
            }
            pqxx::work tx(conn);
            if (failure.empty()) {
                store::mark_delivered(tx, m.id, now);
                ++summary.delivered;
                spdlog::info("notify '{}': delivered \"{}\"{}", sink.name, m.subject,
                             m.attempts > 0 ? fmt::format(" (attempt {})", m.attempts + 1) : "");
            } else {
                // A permanent failure (a 401, a 404, a refused address) would fail the same way
                // on every run: given up at once, reported this once, kept in the table.
                const bool permanent = verdict == retry_verdict::permanent;
                const bool abandon = permanent || m.attempts + 1 >= sink.max_attempts;
                store::mark_failed(tx, m.id, now, failure, abandon);
                ++(abandon ? summary.abandoned : summary.failed);
                spdlog::error("notify '{}': {} (attempt {} of {}; {})", sink.name, failure,
                              m.attempts + 1, sink.max_attempts,
                              permanent ? "a permanent failure, given up"
                              : abandon ? "given up"
                                        : "retried on the next run");
            }
            tx.commit();
        }
    }
    return summary;
}

} // namespace lbtrack::notify

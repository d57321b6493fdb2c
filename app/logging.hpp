#pragma once
// How log lines look on stderr: coloured or not, a UTC timestamp or a journald priority prefix.

#include <string>

namespace lbtrack::app {

/// What stderr is connected to, read once at start-up (log_target_of_process) and given to
/// choose_log_style so the choice is testable without a terminal or journald.
struct log_target {
    bool terminal = false;      ///< isatty(stderr)
    bool no_color = false;      ///< NO_COLOR is set and not empty (no-color.org)
    std::string journal_stream; ///< $JOURNAL_STREAM ("DEV:INODE"), "" when unset
    std::string stderr_id;      ///< stderr's own "DEV:INODE" from fstat
};

struct log_style {
    /// ANSI colour on the level: only on a terminal, and never with NO_COLOR.
    bool colour = false;
    /// `<N>` syslog priority prefixes instead of a timestamp: stderr is the journal stream
    /// systemd gave us, which stamps each line itself and reads the prefix as the priority.
    bool journald = false;
};

/// systemd sets JOURNAL_STREAM to stderr's device and inode; a child whose stderr was redirected
/// elsewhere inherits the variable, so only a match counts (sd_journal_stream_fd(3),
/// systemd.exec(5)).
log_style choose_log_style(const log_target& target);

log_target log_target_of_process();

/// Installs the default logger: verbosity > 0 debug, < 0 warnings and errors, else info.
void set_up_logging(int verbosity);

} // namespace lbtrack::app

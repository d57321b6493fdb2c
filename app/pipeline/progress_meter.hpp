#pragma once
// "done/total, rate, ETA" of long work (replay), on one line of stderr redrawn in place. Only on
// a terminal: in a log file the carriage returns would be noise, so off a terminal it draws
// nothing and the command logs a summary at the end instead.

#include <chrono>
#include <cstddef>
#include <string>

namespace lbtrack::app {

/// The meter's line: "lmarena-text: 120/3000 versions, 45.2/s, ETA 1m04s". Before anything is
/// done, or in the first instant, there is no rate and no ETA yet.
std::string progress_line(const std::string& label, const std::string& unit, std::size_t done,
                          std::size_t total, std::chrono::steady_clock::duration elapsed);

class progress_meter {
public:
    /// `active` false: every call does nothing (stderr is not a terminal).
    progress_meter(std::string label, std::string unit, std::size_t total, bool active);
    /// Leaves the last state on screen (finish()).
    ~progress_meter();
    progress_meter(const progress_meter&) = delete;
    progress_meter& operator=(const progress_meter&) = delete;

    /// Redraws when the last redraw is at least `redraw_interval` old, after clear(), or when
    /// done == total.
    void update(std::size_t done);
    /// Erases the line, so a log line can be written; the next update() draws it again.
    void clear();
    /// Draws the final state and ends the line; later calls do nothing.
    void finish();

    /// At most four redraws a second: smooth enough to see it move, cheap when each item takes
    /// a millisecond.
    static constexpr std::chrono::milliseconds redraw_interval{250};

private:
    void draw();

    std::string label_;
    std::string unit_; ///< what is counted ("versions")
    std::size_t total_;
    std::size_t done_ = 0;
    bool active_;
    bool on_screen_ = false;
    std::size_t drawn_ = 0; ///< done_ as last drawn
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_draw_{};
};

/// Whether stderr is a terminal.
bool stderr_is_terminal();

} // namespace lbtrack::app

#include "pipeline/progress_meter.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace lbtrack::app {

namespace {

std::string span(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    if (s < 60) {
        return fmt::format("{}s", s);
    }
    if (s < 3600) {
        return fmt::format("{}m{:02}s", s / 60, s % 60);
    }
    return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
}

} // namespace

std::string progress_line(const std::string& label, const std::string& unit, std::size_t done,
                          std::size_t total, std::chrono::steady_clock::duration elapsed) {
    auto line = fmt::format("{}: {}/{} {}", label, done, total, unit);
    const double seconds = std::chrono::duration<double>(elapsed).count();
    if (done == 0 || seconds < 0.001) {
        return line;
    }
    const double rate = static_cast<double>(done) / seconds;
    line += fmt::format(", {:.1f}/s", rate);
    if (done < total) {
        line += ", ETA " + span(static_cast<double>(total - done) / rate);
    } else {
        line += ", took " + span(seconds);
    }
    return line;
}

progress_meter::progress_meter(std::string label, std::string unit, std::size_t total, bool active)
    : label_(std::move(label)), unit_(std::move(unit)), total_(total), active_(active),
      started_(std::chrono::steady_clock::now()) {
    if (active_) {
        draw();
    }
}

progress_meter::~progress_meter() {
    finish();
}

void progress_meter::update(std::size_t done) {
    done_ = done;
    if (!active_) {
        return;
    }
    if (done_ >= total_ || !on_screen_ ||
        std::chrono::steady_clock::now() - last_draw_ >= redraw_interval) {
        draw();
    }
}

void progress_meter::clear() {
    if (active_ && on_screen_) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        on_screen_ = false;
    }
}

void progress_meter::finish() {
    if (!active_) {
        return;
    }
    if (!on_screen_ || drawn_ != done_) {
        draw();
    }
    std::fputc('\n', stderr);
    std::fflush(stderr);
    active_ = false;
}

void progress_meter::draw() {
    last_draw_ = std::chrono::steady_clock::now();
    const auto line = progress_line(label_, unit_, done_, total_, last_draw_ - started_);
    // \r and erase-to-end-of-line: a shorter line leaves nothing of the longer one behind.
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    on_screen_ = true;
    drawn_ = done_;
}

bool stderr_is_terminal() {
    return ::isatty(STDERR_FILENO) != 0;
}

} // namespace lbtrack::app

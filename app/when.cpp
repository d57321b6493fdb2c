#include "when.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <charconv>
#include <regex>

namespace lbtrack::app {

namespace {

int to_int(const std::string& s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

bool make_day(int y, int m, int d, std::chrono::sys_days& out) {
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                          std::chrono::day(d)};
    if (!ymd.ok()) {
        return false;
    }
    out = std::chrono::sys_days(ymd);
    return true;
}

} // namespace

bool parse_date(std::string_view text, time_point& out) {
    static const std::regex date(R"(^(\d{4})-(\d{2})-(\d{2})$)");
    std::match_results<std::string_view::const_iterator> m;
    std::chrono::sys_days day;
    if (!std::regex_match(text.begin(), text.end(), m, date) ||
        !make_day(to_int(m[1]), to_int(m[2]), to_int(m[3]), day)) {
        return false;
    }
    out = time_point(day);
    return true;
}

time_point parse_when(std::string_view text, time_point now) {
    using namespace std::chrono;
    time_point day_start;
    if (parse_date(text, day_start)) {
        return day_start + days(1) - microseconds(1);
    }
    static const std::regex timestamp(
        R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:Z|\+00:?00| UTC)?$)");
    static const std::regex span(R"(^(\d+)([hdw])$)");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_match(text.begin(), text.end(), m, timestamp)) {
        sys_days day;
        const int h = to_int(m[4]), min = to_int(m[5]), s = m[6].matched ? to_int(m[6]) : 0;
        if (make_day(to_int(m[1]), to_int(m[2]), to_int(m[3]), day) && h < 24 && min < 60 &&
            s < 60) {
            return time_point(day) + hours(h) + minutes(min) + seconds(s);
        }
    } else if (std::regex_match(text.begin(), text.end(), m, span)) {
        const int n = to_int(m[1]);
        const char unit = m[2].str()[0];
        const auto back = unit == 'h' ? hours(n) : unit == 'd' ? hours(24 * n) : hours(24 * 7 * n);
        return now - back;
    }
    throw usage_error(fmt::format("'{}' is not a WHEN: use a date (2025-06-27), a UTC timestamp "
                                  "(2025-06-27T10:00:00Z) or a span back from now (30d, 12h, 2w)",
                                  text));
}

store::snapshot_record snapshot_as_of(pqxx::transaction_base& tx, const std::string& source_id,
                                      std::optional<time_point> when, std::string_view written) {
    auto snapshot = store::snapshot_at_or_before(tx, source_id, when);
    if (!snapshot) {
        throw error(fmt::format("source '{}' has no snapshot{}", source_id,
                                when ? fmt::format(" at or before {}", written) : std::string()));
    }
    return std::move(*snapshot);
}

} // namespace lbtrack::app

#include "request_target.hpp"

#include "http_error.hpp"

#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdlib>

namespace lbtrack::serve {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// Percent-decodes `text` (and '+' as a space in a query); the result must be UTF-8 without NUL
/// (names are compared as text; logs print them with printable_text).
std::string decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const int hi = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
            const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                throw bad_request("malformed percent escape in the URL");
            }
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    for (std::size_t i = 0; i < out.size();) {
        const auto ch = utf8_char_at(out, i);
        if (!ch || ch->code_point == 0) {
            throw bad_request("the URL holds bytes that are not UTF-8 text");
        }
        i += ch->size;
    }
    return out;
}

/// The q value of one media range of an Accept header ("text/html;q=0.9" gives 0.9).
double quality(std::string_view range) {
    const auto q = range.find("q=");
    if (q == std::string_view::npos) {
        return 1;
    }
    return std::strtod(std::string(range.substr(q + 2)).c_str(), nullptr);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

page_format accepted_format(std::string_view accept) {
    struct candidate {
        std::string_view type;
        page_format format;
        double q = -1;
    };
    std::array<candidate, 4> candidates{{{"text/html", page_format::html},
                                         {"application/json", page_format::json},
                                         {"text/csv", page_format::csv},
                                         {"application/atom+xml", page_format::atom}}};
    while (!accept.empty()) {
        const auto comma = accept.find(',');
        const auto range = trim(accept.substr(0, comma));
        accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
        const auto type = trim(range.substr(0, range.find(';')));
        for (auto& c : candidates) {
            if (type == c.type) {
                c.q = std::max(c.q, quality(range));
            }
        }
    }
    auto best = candidates[0];
    for (const auto& c : candidates) {
        if (c.q > best.q && c.q > 0) {
            best = c;
        }
    }
    return best.q > 0 ? best.format : page_format::html;
}

std::optional<std::string> request_target::param(std::string_view name) const {
    std::optional<std::string> value;
    for (const auto& [k, v] : query) {
        if (k == name) {
            if (value) {
                throw bad_request(fmt::format("{}: given more than once", name));
            }
            value = v;
        }
    }
    return value;
}

void request_target::allow_only(std::initializer_list<std::string_view> known) const {
    for (const auto& [k, v] : query) {
        if (std::find(known.begin(), known.end(), k) == known.end()) {
            std::string list;
            for (const auto name : known) {
                list += fmt::format("{}{}", list.empty() ? "" : ", ", name);
            }
            throw bad_request(fmt::format("unknown parameter '{}' (this page takes: {})",
                                          printable_text(k), list.empty() ? "none" : list));
        }
    }
}

request_target parse_target(std::string_view target, std::string_view accept) {
    request_target out;
    const auto question = target.find('?');
    auto path = target.substr(0, question);
    if (path.empty() || path.front() != '/') {
        throw bad_request("the request target must be a path");
    }
    if (question != std::string_view::npos) {
        auto query = target.substr(question + 1);
        while (!query.empty()) {
            const auto amp = query.find('&');
            const auto pair = query.substr(0, amp);
            query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
            if (pair.empty()) {
                continue;
            }
            const auto eq = pair.find('=');
            out.query.emplace_back(
                decode(pair.substr(0, eq), true),
                eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1), true));
        }
    }
    path.remove_prefix(1);
    while (!path.empty()) {
        const auto slash = path.find('/');
        const auto raw = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
        if (!raw.empty()) {
            out.segments.push_back(decode(raw, false));
        }
    }
    // The suffix is read before decoding would matter: "%2Ejson" is part of a name, not a
    // format, because only the raw last segment is looked at.
    const auto last_raw = target.substr(0, question);
    static constexpr std::array<std::pair<std::string_view, page_format>, 3> suffixes{
        {{".json", page_format::json}, {".csv", page_format::csv}, {".atom", page_format::atom}}};
    for (const auto& [suffix, format] : suffixes) {
        if (!out.segments.empty() && last_raw.ends_with(suffix) &&
            out.segments.back().size() > suffix.size()) {
            out.segments.back().resize(out.segments.back().size() - suffix.size());
            out.format = format;
            out.explicit_format = true;
            return out;
        }
    }
    out.format = accepted_format(accept);
    return out;
}

std::string url_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += fmt::format("%{:02X}", u);
        }
    }
    return out;
}

namespace {

/// Digits at text[at, at + n) as a number; -1 when any is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t n) {
    int v = 0;
    if (at + n > text.size()) {
        return -1;
    }
    for (std::size_t i = at; i < at + n; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

std::optional<std::chrono::sys_days> day_of(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const int y = digits(text, 0, 4);
    const int m = digits(text, 5, 2);
    const int d = digits(text, 8, 2);
    if (y < 0 || m < 0 || d < 0) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                          std::chrono::day(d)};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days(ymd);
}

} // namespace

time_point date_param(std::string_view name, std::string_view value) {
    const auto day = day_of(value);
    if (day && value.size() == 10) {
        // The end of the day: "as of 2025-06-27" includes that day's snapshots.
        return time_point(*day + std::chrono::days(1)) - std::chrono::microseconds(1);
    }
    if (day && value.size() == 20 && value[10] == 'T' && value[13] == ':' && value[16] == ':' &&
        value[19] == 'Z') {
        const int h = digits(value, 11, 2);
        const int mi = digits(value, 14, 2);
        const int s = digits(value, 17, 2);
        if (h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 60) {
            return time_point(*day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                   std::chrono::seconds(s);
        }
    }
    throw bad_request(fmt::format("{}: '{}' is not a date (YYYY-MM-DD) or a UTC time "
                                  "(YYYY-MM-DDTHH:MM:SSZ)",
                                  name, printable_text(value)));
}

time_point when_param(std::string_view name, std::string_view value, time_point now) {
    if (value.size() >= 2 && value.size() <= 6) {
        const char unit = value.back();
        int n = 0;
        const auto number = value.substr(0, value.size() - 1);
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
        if (ec == std::errc() && end == number.data() + number.size() && n >= 0) {
            switch (unit) {
            case 'h':
                return now - std::chrono::hours(n);
            case 'd':
                return now - std::chrono::days(n);
            case 'w':
                return now - std::chrono::weeks(n);
            default:
                break;
            }
        }
    }
    if (day_of(value)) {
        return date_param(name, value);
    }
    throw bad_request(fmt::format("{}: '{}' is not a date (YYYY-MM-DD), a UTC time or a span "
                                  "back from now (30d, 12h, 2w)",
                                  name, printable_text(value)));
}

long long int_param(std::string_view name, std::string_view value, long long low, long long high) {
    long long n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < low || n > high) {
        throw bad_request(fmt::format("{}: '{}' is not a whole number from {} to {}", name,
                                      printable_text(value), low, high));
    }
    return n;
}

std::string date_text(time_point t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

} // namespace lbtrack::serve

#pragma once
// The request target: its path split into decoded segments, the format asked for (a suffix such
// as ".json" on the last segment, else the Accept header) and the query parameters, validated.

#include "lbtrack/core/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::serve {

enum class page_format { html, json, csv, atom };

struct request_target {
    /// Decoded path segments: "/models/a%2Fb.json" gives {"models", "a/b"}.
    std::vector<std::string> segments;
    page_format format = page_format::html;
    /// True when the suffix chose the format (the page must offer it, else 404).
    bool explicit_format = false;
    std::vector<std::pair<std::string, std::string>> query; ///< decoded, in order

    /// The parameter's value; std::nullopt when absent. Throws bad_request when it is given twice
    /// (which one was meant cannot be known).
    std::optional<std::string> param(std::string_view name) const;
    /// Throws bad_request naming any parameter not in `known`: a typo ("asof") must not silently
    /// show another page than the one asked for.
    void allow_only(std::initializer_list<std::string_view> known) const;
};

/// Splits and decodes `target` ("/path?query"); `accept` is the Accept header. Throws
/// bad_request on a malformed percent escape or a path that is not UTF-8.
request_target parse_target(std::string_view target, std::string_view accept);

/// The format the Accept header prefers among ours; HTML on a tie or for */*, so browsers and
/// curl get the page.
page_format accepted_format(std::string_view accept);

/// `text` percent-encoded for one path segment or query value: every byte but A-Z a-z 0-9 - . _ ~
std::string url_encode(std::string_view text);

/// A date parameter: YYYY-MM-DD (the end of that UTC day: the snapshot in force that day) or an
/// RFC 3339 UTC timestamp (2025-06-27T10:00:00Z). Throws bad_request naming `name`.
time_point date_param(std::string_view name, std::string_view value);

/// Like date_param, or a span back from `now`: 30d, 12h, 2w.
time_point when_param(std::string_view name, std::string_view value, time_point now);

/// A whole number in [low, high]; throws bad_request naming `name`.
long long int_param(std::string_view name, std::string_view value, long long low, long long high);

/// "2025-06-27" of a time (UTC).
std::string date_text(time_point t);

} // namespace lbtrack::serve

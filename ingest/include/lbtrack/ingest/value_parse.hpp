#pragma once
// Parsers for the values leaderboards print in their cells. They never throw: a failure is
// std::nullopt, and the caller (extract_entries, later the HTML and JSON parsers) turns it into
// an error that names the source, the row and the column.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// `s` without surrounding ASCII whitespace (space, tab, CR, LF, VT, FF).
std::string_view trim_whitespace(std::string_view s) noexcept;

/// True when the trimmed cell is a word boards print for "no value": empty, "-", "—" (em dash),
/// "暂无数据" (Chinese boards: "no data yet"), or, in any ASCII case, "N/A", "NA", "null",
/// "None", "NaN" (the last is what scripts that dump a dataframe with str() write).
bool is_missing_value(std::string_view cell) noexcept;

/// A decimal number such as "1472", "-3.5", "1e3", "12,327" or "1,234.5" (surrounding
/// whitespace allowed). Thousands separators are accepted only in well-formed groups of three,
/// so "1,5" (a European decimal comma) is refused rather than misread as 15. Missing-value words,
/// "inf", "nan", hex and anything with trailing text give std::nullopt.
std::optional<double> parse_number(std::string_view cell) noexcept;

/// A whole number with the same syntax as parse_number, e.g. "12,327", "-4" or "1.0" (a zero
/// fraction, as pandas prints integer columns that held a NaN). "1.5", "1e3" and values outside
/// the int64 range give std::nullopt.
std::optional<std::int64_t> parse_integer(std::string_view cell) noexcept;

/// A number with the unit the cell wrote around it.
struct quantity {
    double value = 0;
    std::string unit; ///< "" for a bare number

    bool operator==(const quantity&) const = default;
};

/// A number with an optional unit before and/or after it, as boards print prices, percentages
/// and counts: "0.7元" (0.7, "元"), "76.2%" (76.2, "%"), "$0.06/百萬代幣" (0.06, "$/百萬代幣":
/// the text before and the text after the number, each trimmed, joined), "¥3", "3.0 元/M",
/// "12,327" (12327, ""), "$0.5/1M tokens". The number has parse_number's syntax (thousands
/// separators in groups of three, exponent). The cell is read in Unicode NFKC with U+2212 as
/// '-', so "７６．２％" is (76.2, "%") and "￥3" is (3, "¥"); the unit is returned in that form.
/// Nothing is scaled: "1.2k" is (1.2, "k") and "76.2%" stays 76.2.
/// std::nullopt for missing-value words (as is_missing_value), text without a number, invalid
/// UTF-8, control characters in the unit, a sign or '/' before the number ("-$3"), a suffix
/// starting where a malformed number stopped ("1,5", "5.元"), and digits in the unit other than in
/// a denominator that also has letters (so "1472 (+5/-5)", "76.2 ± 1.3", "+5/-5" and "1/2" are
/// refused, not half read).
std::optional<quantity> parse_quantity(std::string_view cell);

/// Half-widths of a published confidence interval, both non-negative.
struct confidence_interval {
    double plus = 0;  ///< "5.2" of "+5.2/-4.1"
    double minus = 0; ///< "4.1" of "+5.2/-4.1"
};

/// "+5/-5", "+5.2/-4.1", "5/-5", "+5 / -5", "±3" and "+/-3" (both halves 3); in parentheses
/// the lower half comes first, separated by a comma or a slash: "(-1.81, +2.42)", "(-2.1, 2.0)",
/// "(-1.1 / +1.1)" (arena-hard-auto). The lower half must carry its '-': "5/5", "-5/+5" and
/// "(1, 2)" give std::nullopt, as do missing-value words.
std::optional<confidence_interval> parse_ci(std::string_view cell) noexcept;

/// The place a medal cell stands for: "🏅" (U+1F3C5) or "🥇" 1, "🥈" 2, "🥉" 3, with or
/// without the emoji variation selector U+FE0F and surrounding whitespace (SuperCLUE's rank column,
/// seen 2023-2026). std::nullopt for anything else.
std::optional<int> parse_medal(std::string_view cell) noexcept;

} // namespace lbtrack::ingest

#pragma once
// A table of a page, written once and shown three ways: an HTML table, CSV (RFC 4180, a header
// row of column keys) and JSON (an array of objects keyed the same).

#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lbtrack::serve {

enum class shown_in { everywhere, html_only, data_only };

struct table_column {
    std::string key;      ///< CSV header and JSON member name
    std::string label;    ///< HTML header
    bool numeric = false; ///< right-aligned; its values are JSON numbers (table_cell::number)
    shown_in shown = shown_in::everywhere;
    /// Left out of the HTML table when no row has a value in it (a board without variants or
    /// licenses); CSV and JSON keep it, so their columns do not depend on the rows.
    bool hide_when_empty = false;
};

struct table_cell {
    /// The value in CSV, and in JSON outside numeric columns: text, "" is null. In a numeric
    /// column the number's spelling ("0.10", as the page rounds a difference).
    std::string value;
    /// The value in JSON in a numeric column, null when absent. Carried next to its spelling so
    /// the JSON document gets a number without reading `value` back.
    std::optional<double> number{};
    /// What HTML shows when it differs from `value` ("▲3" for 3), as text (escaped when written).
    std::string display{};
    /// HTML markup instead of `display` (an SVG sparkline); already safe.
    std::string html{};
    std::string href{}; ///< link target (escaped when written)
    std::string css_class{};
    std::string title{}; ///< tooltip (escaped when written)
};

struct data_table {
    std::vector<table_column> columns;
    std::vector<std::vector<table_cell>> rows{};
    std::vector<std::string> row_classes{}; ///< per row, optional ("failing")
    std::string css_class{};                ///< of the <table>
};

std::string table_html(const data_table& t);
std::string table_csv(const data_table& t);
/// The rows as a JSON array of objects.
ordered_json table_json(const data_table& t);

// Cells of the usual kinds.
table_cell text_cell(std::string text);
table_cell link_cell(std::string text, std::string href);
table_cell number_cell(const std::optional<double>& v);
table_cell integer_cell(const std::optional<long long>& v);
/// A number already spelled, at the precision it was computed to ("0.10" for 0.8 - 0.7): CSV
/// keeps the spelling, JSON gets the number it spells (0.1).
table_cell spelled_number_cell(std::string text);
/// A time: RFC 3339 in CSV and JSON, "2025-06-27" or "2025-06-27 11:42 UTC" on the page, never
/// wrapped; linked when `href` is given.
table_cell time_cell(const std::optional<time_point>& t, std::string href = {});
/// The number with at most two decimals on the page when it has more than four ("1486.60" for a
/// rating stored as 1486.6027120272704), as stored in CSV and JSON.
std::string display_number(double v);

} // namespace lbtrack::serve

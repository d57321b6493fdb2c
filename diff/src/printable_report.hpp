#pragma once
// The report as the text and Markdown renderers show it: every string that came from an
// upstream page (names, metric names, units, licenses, failure messages quoting cells) through
// printable_text, so a name holding ESC[2J, an OSC 8 hyperlink, the C1 byte 0x9b or a line break
// can neither drive the reader's terminal nor start a forged line or split a table row. HTML and
// JSON escape by their own rules and render the report as it is. Private to lbtrack_diff.

#include "lbtrack/diff/report.hpp"

namespace lbtrack::diff::detail {

/// A copy of `report` whose strings are printable_text of the originals. Done once, before
/// rendering, rather than at each of the renderers' many uses of a name, where one is easily
/// missed.
run_report printable_report(const run_report& report);

} // namespace lbtrack::diff::detail

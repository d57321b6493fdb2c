#pragma once
// How deep a page's elements nest, estimated before the page reaches gumbo. gumbo walks its stack
// of open elements on most tags (scope checks) and frees its tree recursively, so a page that
// nests deep costs time with the square of its size and can overflow the call stack: 75 KB of
// "<table><tr><td>" took 820 MB and 5 s, 225 KB 7.3 GB, 100,000 nested levels crashed in
// gumbo_destroy_output (issue 18, 2026-12). A page that nests deeper than a limit is refused
// before gumbo sees it.

#include <cstddef>
#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Pages whose elements nest deeper than this are refused. Real leaderboard pages nest at most
/// 12 deep (every page of ../shared/data, read by gumbo); Firefox stops laying out below 200
/// levels and Blink's parser stops nesting at 512. At 256 gumbo's scope checks cost at most 256
/// steps a tag, so a page costs time in proportion to its size.
constexpr std::size_t max_html_depth = 256;

/// The deepest point of a page's markup.
struct html_nesting {
    std::size_t depth = 0; ///< elements open at once, <html> and <body> included
    std::size_t line = 0;  ///< 1-based line of the tag that first reached `depth`
    std::string tag;       ///< that tag's name, lower case
};

/// The deepest the HTML tree builder's stack of open elements (plus the formatting elements it
/// would reopen) gets on `html`, following the HTML5 rules that decide depth: elements whose end
/// tag is optional (p, li, dd/dt, option, table rows and cells) close when the next one starts,
/// an unclosed <table> ends at the next <table> unless that one is inside a cell, an end tag closes
/// what it names unless a block or table boundary lies between, void elements and the contents
/// of script/style/textarea/title never nest, and formatting elements (b, font, ...) count until
/// their own end tag or the end of their cell, as a browser reopens them after a block closes.
/// An estimate, not a parser: it may read a little deeper than gumbo, never much shallower
/// (html_fuzz checks this on every input). Stops scanning once the depth passes `limit`.
html_nesting estimate_html_nesting(std::string_view html, std::size_t limit = max_html_depth);

} // namespace lbtrack::ingest

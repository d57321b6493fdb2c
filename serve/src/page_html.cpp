#include "page_html.hpp"

#include "request_target.hpp"

#include "lbtrack/diff/markup.hpp"

#include <fmt/format.h>

namespace lbtrack::serve {

namespace {

// System fonts first, then Noto CJK so Chinese board and model names render where the system
// font has no CJK glyphs (Debian: fonts-noto-cjk).
constexpr std::string_view style = R"(:root { color-scheme: light dark;
  --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d0d7de; --head: #f0f2f4;
  --stripe: #f7f8fa; --link: #0969da; --up: #1a7f37; --down: #cf222e; --bad-bg: #ffebe9;
  --bad-fg: #a40e26; --warn-bg: #fff8c5; --ok-bg: #dafbe1; --code: #eff1f3; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #1b2029;
  --stripe: #151b23; --link: #4493f8; --up: #3fb950; --down: #f85149; --bad-bg: #3c1618;
  --bad-fg: #ff7b72; --warn-bg: #2e2a12; --ok-bg: #12361d; --code: #262c36; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
  "Noto Sans CJK JP", "Microsoft YaHei", sans-serif; }
header.site { display: flex; gap: 18px; align-items: baseline; flex-wrap: wrap;
  padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--head); }
header.site .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header.site nav a { margin-right: 14px; }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5em; margin: 4px 0; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; margin: 28px 0 8px; padding-top: 10px; border-top: 1px solid var(--line); }
h3 { font-size: 1.02em; margin: 18px 0 6px; }
p { margin: 6px 0; }
a { color: var(--link); }
code { font: 0.88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--code); padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.formats { font-size: 13px; margin: 4px 0 10px; }
.formats a { margin-right: 10px; }
.nav { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; margin: 10px 0; }
.nav form { display: inline-flex; gap: 6px; align-items: center; }
input, button { font: inherit; color: inherit; background: var(--bg);
  border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; position: sticky; top: 0; }
tbody tr:nth-child(even) { background: var(--stripe); }
td { overflow-wrap: break-word; }
table.standings td:nth-child(3) { min-width: 12em; }
.date { white-space: nowrap; }
.small { font-size: 12px; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up { color: var(--up); font-weight: 600; }
.down { color: var(--down); font-weight: 600; }
.new { color: var(--link); }
.gone, .zero { color: var(--muted); }
tr.failing td { background: var(--bad-bg); }
tr.failing td:first-child { box-shadow: inset 4px 0 var(--down); }
tr.stale td:first-child { box-shadow: inset 4px 0 #bf8700; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px;
  border: 1px solid var(--line); white-space: nowrap; }
.badge.bad { background: var(--bad-bg); color: var(--bad-fg); border-color: var(--down); }
.badge.warn { background: var(--warn-bg); }
.badge.ok { background: var(--ok-bg); }
.error { color: var(--bad-fg); }
.callout { border-left: 4px solid #bf8700; background: var(--warn-bg); padding: 8px 12px;
  margin: 12px 0; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin: 8px 0; }
.charts figure { margin: 0; }
.charts svg { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
svg.spark { vertical-align: middle; }
svg.spark polyline { stroke: var(--link); }
svg.spark circle { fill: var(--link); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
footer { max-width: 1200px; margin: 30px auto; padding: 0 16px; font-size: 13px;
  color: var(--muted); }
)";

} // namespace

std::string_view stylesheet() {
    return style;
}

std::string esc(std::string_view text) {
    return diff::escape_markup(text);
}

std::string html_link(std::string_view href, std::string_view text) {
    return fmt::format("<a href=\"{}\">{}</a>", esc(href), esc(text));
}

std::string section_heading(std::string_view id, std::string_view text) {
    return fmt::format("<h2 id=\"{}\">{}</h2>\n", esc(id), esc(text));
}

std::string board_href(std::string_view source_id) {
    return "/boards/" + url_encode(source_id);
}

std::string model_href(std::string_view model_key) {
    return "/models/" + url_encode(model_key);
}

bool is_web_url(std::string_view url) {
    return url.starts_with("https://") || url.starts_with("http://");
}

std::string html_page(const page_frame& page) {
    std::string head_links;
    std::string format_links;
    for (const auto& a : page.alternates) {
        head_links += fmt::format("<link rel=\"alternate\" type=\"{}\" href=\"{}\" title=\"{}\">\n",
                                  esc(a.type), esc(a.href), esc(a.label));
        format_links += html_link(a.href, a.label);
    }
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{0} · lbtrack</title>\n"
        "<link rel=\"stylesheet\" href=\"/style.css\">\n"
        // No favicon request: an empty data: icon (the CSP allows data: images).
        "<link rel=\"icon\" href=\"data:,\">\n{1}</head>\n<body>\n"
        "<header class=\"site\"><a class=\"brand\" href=\"/\">lbtrack</a>"
        "<nav><a href=\"/\">Boards</a><a href=\"/movers\">Movers</a><a href=\"/models\">Models</a>"
        "<a href=\"/health\">Health</a><a href=\"/feed.atom\">Feed</a></nav></header>\n"
        "<main>\n<h1>{0}</h1>\n{2}{3}{4}</main>\n"
        "<footer>lbtrack: the stored history of LLM leaderboards. Every page is also JSON "
        "(<code>.json</code> or <code>Accept: application/json</code>).</footer>\n"
        "</body>\n</html>\n",
        esc(page.title), head_links,
        page.subtitle.empty() ? "" : fmt::format("<p class=\"muted\">{}</p>\n", esc(page.subtitle)),
        format_links.empty() ? "" : fmt::format("<p class=\"formats\">{}</p>\n", format_links),
        page.body);
}

} // namespace lbtrack::serve

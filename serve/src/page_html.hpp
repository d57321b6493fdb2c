#pragma once
// The frame of every HTML page: head, navigation, the links to the page's other formats, and the
// one stylesheet (served at /style.css so the Content-Security-Policy can forbid inline styles
// and every script). No JavaScript anywhere: the pages are plain links and GET forms.

#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::serve {

/// Another format of the same page, linked from the page and from its <head>.
struct alternate {
    std::string label; ///< "JSON", "CSV", "Atom"
    std::string href;
    std::string type; ///< media type
};

struct page_frame {
    std::string title;      ///< plain text: escaped when written
    std::string subtitle{}; ///< plain text, under the heading
    std::string body{};     ///< HTML, already escaped
    std::vector<alternate> alternates{};
};

std::string html_page(const page_frame& page);

/// The site's stylesheet (light and dark, by prefers-color-scheme).
std::string_view stylesheet();

/// `text` escaped for HTML (diff::escape_markup).
std::string esc(std::string_view text);

/// <a href="href">text</a>, both escaped.
std::string html_link(std::string_view href, std::string_view text);

/// An <h2> with an id (for in-page links) and escaped text.
std::string section_heading(std::string_view id, std::string_view text);

/// Where each page lives, percent-encoding the names in it.
std::string board_href(std::string_view source_id);
std::string model_href(std::string_view model_key);

/// The URL only when it is http(s): a board's configured URL may be file:// (tests, mirrors)
/// and must never become a javascript: link.
bool is_web_url(std::string_view url);

} // namespace lbtrack::serve

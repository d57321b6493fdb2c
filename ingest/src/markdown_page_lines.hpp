#pragma once
// The lines of a Markdown page, and the page as md4c 0.4.8 must see it to find the tables GitHub
// renders (markdown_tables.cpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest::markdown {

/// The lines of `text`, each with its line end (LF, CRLF or a lone CR, as for md4c).
std::vector<std::string_view> split_lines(std::string_view text);

/// Number of leading lines that are Jekyll front matter: `---` on the first line up to the
/// next `---` or `...` line; 0 when there is none or it is never closed. Without skipping it,
/// CommonMark reads the opening `---` as a rule and the YAML plus the closing `---` as a setext
/// heading.
std::size_t front_matter_lines(const std::vector<std::string_view>& lines);

/// What md4c parses, and where its lines come from.
class prepared_page {
public:
    /// `lines` (a page's, see split_lines) from index `first` on, adjusted for md4c (see
    /// markdown_page_lines.cpp). The lines must outlive this object.
    prepared_page(const std::vector<std::string_view>& lines, std::size_t first);

    /// The text for md4c: a view of the page itself when it needs no adjustment (most pages; no
    /// copy of a large page is made), else of the adjusted copy.
    std::string_view text() const { return adjusted_ ? std::string_view(copy_) : view_; }
    /// 1-based page line of the 1-based line `text_line` of text(); 0 when out of range.
    std::size_t page_line(std::size_t text_line) const {
        return text_line == 0 || text_line > source_lines_.size() ? 0
                                                                  : source_lines_[text_line - 1];
    }

private:
    bool adjusted_ = false;
    std::string_view view_{"", 0};
    std::string copy_;
    std::vector<std::size_t> source_lines_; ///< 1-based page line of each line of text()
};

/// Maps byte offsets of a text to its 1-based line numbers.
class line_index {
public:
    explicit line_index(const std::vector<std::string_view>& lines);
    std::size_t line_of(std::size_t offset) const;

private:
    std::vector<std::size_t> starts_;
};

} // namespace lbtrack::ingest::markdown

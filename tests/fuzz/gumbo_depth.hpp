#pragma once
// How deep gumbo's tree for a page really is, to hold estimate_html_nesting to its promise
// (html_fuzz on every input, tests/ingest/html_nesting_test.cpp on fixtures and hostile pages).

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::fuzz {

/// The depth of the deepest element of gumbo's tree of `html`, <html> being 1 (text nodes not
/// counted; void elements are, as leaves one below the stack they were pushed on).
inline std::size_t gumbo_element_depth(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
    std::size_t deepest = 0;
    std::vector<std::pair<const GumboNode*, std::size_t>> todo{{output->root, 1}};
    while (!todo.empty()) {
        const auto [node, depth] = todo.back();
        todo.pop_back();
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
            continue;
        }
        deepest = std::max(deepest, depth);
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) {
            todo.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
        }
    }
    gumbo_destroy_output(&options, output);
    return deepest;
}

/// estimate_html_nesting's promise: gumbo nests never much deeper than estimated (at most
/// twice, plus a few levels: a void element as a leaf, a reopened formatting element). What
/// matters is a constant factor: gumbo's work per tag grows with the depth, and the page is
/// refused when the estimate passes the limit.
inline bool estimate_holds(std::size_t estimate, std::size_t gumbo_depth) {
    return gumbo_depth <= 2 * estimate + 8;
}

} // namespace lbtrack::fuzz

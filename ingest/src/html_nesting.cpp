// A small model of the HTML5 tree builder (as gumbo 0.10.1 implements it) that keeps only what
// decides depth: the names on the stack of open elements and the formatting elements a browser
// would reopen. Text, attributes and the tree itself are not built. Where the model cannot follow
// the parser exactly (quirks mode, <select> content, unknown tags that gumbo matches as one), it
// errs deep: refusing a page for reading one level too many costs less than a page that nests
// past what gumbo can afford.

#include "lbtrack/ingest/html_nesting.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::ingest {

namespace {

/// What the tree builder does with an element, by name (HTML namespace).
enum tag_flag : std::uint16_t {
    void_element = 1 << 0,   ///< never on the stack (br, img, ...)
    raw_text = 1 << 1,       ///< its content is text up to its end tag (script, style, ...)
    formatting = 1 << 2,     ///< reopened after a block closes it (b, font, ...)
    special = 1 << 3,        ///< stops "any other end tag" and the <li>/<dd> search
    scope_boundary = 1 << 4, ///< ends "has an element in scope"
    marker = 1 << 5,         ///< starts a new list of active formatting elements
    closes_p = 1 << 6,       ///< its start tag closes an open <p>
    leaves_foreign = 1 << 7, ///< its start tag inside <svg>/<math> returns to HTML
    heading = 1 << 8,
    ignored_start = 1 << 9, ///< a start tag the body ignores (html, head, body)
    known = 1 << 10,        ///< a tag gumbo knows: it matches end tags of unknown tags as one
};

struct tag_info {
    std::string_view name;
    std::uint16_t flags;
};

// Sorted by name for binary search. From the HTML5 parsing rules and gumbo 0.10.1's sets
// (parser.c: is_special_node, has_an_element_in_scope, handle_in_body).
constexpr std::array tags = std::to_array<tag_info>({
    {"a", formatting | known},
    {"abbr", known},
    {"acronym", known},
    {"address", special | closes_p | known},
    {"annotation-xml", known},
    {"applet", special | scope_boundary | marker | known},
    {"area", special | void_element | known},
    {"article", special | closes_p | known},
    {"aside", special | closes_p | known},
    {"audio", known},
    {"b", formatting | leaves_foreign | known},
    {"base", special | void_element | known},
    {"basefont", special | void_element | known},
    {"bdi", known},
    {"bdo", known},
    {"bgsound", special | void_element | known},
    {"big", formatting | leaves_foreign | known},
    {"blink", known},
    {"blockquote", special | closes_p | leaves_foreign | known},
    {"body", special | ignored_start | leaves_foreign | known},
    {"br", special | void_element | leaves_foreign | known},
    {"button", special | known},
    {"canvas", known},
    {"caption", special | scope_boundary | marker | known},
    {"center", special | closes_p | leaves_foreign | known},
    {"cite", known},
    {"code", formatting | leaves_foreign | known},
    {"col", special | void_element | known},
    {"colgroup", special | known},
    {"data", known},
    {"datalist", known},
    {"dd", special | closes_p | leaves_foreign | known},
    {"del", known},
    {"desc", known},
    {"details", special | closes_p | known},
    {"dfn", known},
    {"dir", special | closes_p | known},
    {"div", special | closes_p | leaves_foreign | known},
    {"dl", special | closes_p | leaves_foreign | known},
    {"dt", special | closes_p | leaves_foreign | known},
    {"em", formatting | leaves_foreign | known},
    {"embed", special | void_element | leaves_foreign | known},
    {"fieldset", special | closes_p | known},
    {"figcaption", special | closes_p | known},
    {"figure", special | closes_p | known},
    {"font", formatting | known},
    {"footer", special | closes_p | known},
    {"foreignobject", known},
    {"form", special | closes_p | known},
    {"frame", special | void_element | known},
    {"frameset", special | known},
    {"h1", special | closes_p | heading | leaves_foreign | known},
    {"h2", special | closes_p | heading | leaves_foreign | known},
    {"h3", special | closes_p | heading | leaves_foreign | known},
    {"h4", special | closes_p | heading | leaves_foreign | known},
    {"h5", special | closes_p | heading | leaves_foreign | known},
    {"h6", special | closes_p | heading | leaves_foreign | known},
    {"head", special | ignored_start | leaves_foreign | known},
    {"header", special | closes_p | known},
    {"hgroup", special | closes_p | known},
    {"hr", special | void_element | closes_p | leaves_foreign | known},
    {"html", special | scope_boundary | ignored_start | known},
    {"i", formatting | leaves_foreign | known},
    {"iframe", special | raw_text | known},
    {"image", void_element | known},
    {"img", special | void_element | leaves_foreign | known},
    {"input", special | void_element | known},
    {"ins", known},
    {"isindex", special | void_element | closes_p | known},
    {"kbd", known},
    {"keygen", void_element | known},
    {"label", known},
    {"legend", known},
    {"li", special | closes_p | leaves_foreign | known},
    {"link", special | void_element | known},
    {"listing", special | closes_p | leaves_foreign | known},
    {"main", special | closes_p | known},
    {"malignmark", known},
    {"map", known},
    {"mark", known},
    {"marquee", special | scope_boundary | marker | known},
    {"math", known},
    {"menu", special | closes_p | leaves_foreign | known},
    {"menuitem", special | void_element | known},
    {"meta", special | void_element | leaves_foreign | known},
    {"meter", known},
    {"mglyph", known},
    {"mi", known},
    {"mn", known},
    {"mo", known},
    {"ms", known},
    {"mtext", known},
    {"multicol", known},
    {"nav", special | closes_p | known},
    {"nextid", known},
    {"nobr", formatting | leaves_foreign | known},
    {"noembed", special | raw_text | known},
    {"noframes", special | raw_text | known},
    {"noscript", special | known},
    {"object", special | scope_boundary | marker | known},
    {"ol", special | closes_p | leaves_foreign | known},
    {"optgroup", known},
    {"option", known},
    {"output", known},
    {"p", special | closes_p | leaves_foreign | known},
    {"param", special | void_element | known},
    {"plaintext", special | closes_p | known},
    {"pre", special | closes_p | leaves_foreign | known},
    {"progress", known},
    {"q", known},
    {"rb", known},
    {"rp", known},
    {"rt", known},
    {"rtc", known},
    {"ruby", leaves_foreign | known},
    {"s", formatting | leaves_foreign | known},
    {"samp", known},
    {"script", special | raw_text | known},
    {"section", special | closes_p | known},
    {"select", special | known},
    {"small", formatting | leaves_foreign | known},
    {"source", void_element | known},
    {"spacer", known},
    {"span", leaves_foreign | known},
    {"strike", formatting | leaves_foreign | known},
    {"strong", formatting | leaves_foreign | known},
    {"style", special | raw_text | known},
    {"sub", leaves_foreign | known},
    {"summary", special | closes_p | known},
    {"sup", leaves_foreign | known},
    {"svg", known},
    {"table", special | scope_boundary | leaves_foreign | known},
    {"tbody", special | known},
    {"td", special | scope_boundary | marker | known},
    {"template", special | scope_boundary | marker | known},
    {"textarea", special | raw_text | known},
    {"tfoot", special | known},
    {"th", special | scope_boundary | marker | known},
    {"thead", special | known},
    {"time", known},
    {"title", special | raw_text | known},
    {"tr", special | known},
    {"track", void_element | known},
    {"tt", formatting | leaves_foreign | known},
    {"u", formatting | leaves_foreign | known},
    {"ul", special | closes_p | leaves_foreign | known},
    {"var", leaves_foreign | known},
    {"video", known},
    {"wbr", special | void_element | known},
    {"xmp", special | raw_text | closes_p | known},
});

static_assert(std::ranges::is_sorted(tags, {}, &tag_info::name));

std::uint16_t flags_of(std::string_view name) {
    const auto it = std::ranges::lower_bound(tags, name, {}, &tag_info::name);
    return it != tags.end() && it->name == name ? it->flags : 0;
}

/// Elements inside <svg>/<math> where HTML content starts again; they also end a scope.
bool is_integration_point(std::string_view name) {
    return name == "foreignobject" || name == "desc" || name == "title" || name == "mi" ||
           name == "mo" || name == "mn" || name == "ms" || name == "mtext" ||
           name == "annotation-xml";
}

bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_tag_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// One tag as the HTML tokenizer reads it.
struct tag_token {
    std::string name; ///< lower case
    std::string_view attributes;
    bool end = false;
    bool self_closing = false;
    std::size_t next = 0; ///< offset after its '>'
};

/// The tag whose name starts at `at` (after "<" or "</"); nullopt-like (next == npos) when the
/// page ends inside it, which the tokenizer drops.
tag_token read_tag(std::string_view html, std::size_t at, bool end) {
    tag_token t;
    t.end = end;
    std::size_t i = at;
    while (i < html.size() && !is_tag_space(html[i]) && html[i] != '/' && html[i] != '>') {
        t.name += ascii_lower(html[i]);
        ++i;
    }
    const std::size_t attributes_at = i;
    // The attribute states of the tokenizer: quotes count only where a value starts.
    enum class state { between, name, after_name, before_value, quoted, unquoted, after_value };
    state s = state::between;
    char quote = 0;
    for (; i < html.size(); ++i) {
        const char c = html[i];
        switch (s) {
        case state::quoted:
            if (c == quote) {
                s = state::after_value;
            }
            continue;
        case state::before_value:
            if (is_tag_space(c)) {
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                s = state::quoted;
                continue;
            }
            if (c == '>') {
                break;
            }
            s = state::unquoted;
            continue;
        case state::unquoted:
            if (is_tag_space(c)) {
                s = state::between;
            } else if (c == '>') {
                break;
            }
            continue;
        default:
            break;
        }
        if (c == '>') {
            t.self_closing = i > attributes_at && html[i - 1] == '/' && s != state::unquoted;
            t.attributes = html.substr(attributes_at, i - attributes_at);
            t.next = i + 1;
            return t;
        }
        if (is_tag_space(c)) {
            s = s == state::name ? state::after_name : s == state::after_name ? s : state::between;
        } else if (c == '=' && (s == state::name || s == state::after_name)) {
            s = state::before_value;
        } else if (c == '/') {
            s = state::between;
        } else if (s != state::name) {
            s = state::name;
        }
    }
    t.next = std::string_view::npos;
    return t;
}

/// Whether a tag named `name` (lower case) starts at `at`: "<name" or, with `end`, "</name",
/// followed by a space, '/' or '>', case-insensitive.
bool is_tag_at(std::string_view html, std::size_t at, bool end, std::string_view name) {
    const std::string_view open = end ? "</" : "<";
    if (html.compare(at, open.size(), open) != 0) {
        return false;
    }
    const std::size_t name_at = at + open.size();
    const std::size_t after = name_at + name.size();
    if (after > html.size()) {
        return false;
    }
    for (std::size_t k = 0; k < name.size(); ++k) {
        if (ascii_lower(html[name_at + k]) != name[k]) {
            return false;
        }
    }
    return after == html.size() || is_tag_space(html[after]) || html[after] == '/' ||
           html[after] == '>';
}

/// Where the text of a raw-text element named `name` ends (at its end tag); npos when it runs to
/// the end of the page.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
    for (std::size_t i = html.find("</", from); i != std::string_view::npos;
         i = html.find("</", i + 2)) {
        if (is_tag_at(html, i, true, name)) {
            return i;
        }
    }
    return std::string_view::npos;
}

/// Where a <script>'s text ends, with the tokenizer's escape states: inside "<!--", a
/// "<script>" opens a double-escaped part whose "</script>" does not end the script. npos when
/// it runs to the end of the page.
std::size_t script_end(std::string_view html, std::size_t from) {
    enum class state { data, escaped, double_escaped };
    state s = state::data;
    for (std::size_t i = from; i < html.size(); ++i) {
        if (html[i] == '-' && s != state::data && html.compare(i, 3, "-->") == 0) {
            s = state::data;
            i += 2;
            continue;
        }
        if (html[i] != '<') {
            continue;
        }
        if (s == state::data && html.compare(i, 4, "<!--") == 0) {
            s = state::escaped;
            ++i; // its dashes may close it at once: "<!-->"
            continue;
        }
        if (is_tag_at(html, i, true, "script")) {
            if (s != state::double_escaped) {
                return i;
            }
            s = state::escaped;
        } else if (s == state::escaped && is_tag_at(html, i, false, "script")) {
            s = state::double_escaped;
        }
    }
    return std::string_view::npos;
}

struct open_element {
    std::string name;
    std::uint16_t flags = 0;
    bool foreign = false;    ///< inside <svg>/<math> (and not HTML again)
    bool formatting = false; ///< in the list of active formatting elements
    std::string_view attributes;
};

/// A formatting element closed by another element's end, which the parser reopens.
struct closed_formatting {
    std::string name;
    std::string_view attributes;
};

class tree_model {
public:
    explicit tree_model(std::size_t limit) : limit_(limit) {}

    /// Elements open at once, counting <html> and <body> and the formatting elements the
    /// parser would reopen.
    std::size_t depth() const { return 2 + stack_.size() + closed_count_; }
    bool too_deep() const { return depth() > limit_; }

    /// Reads a start tag; true when the tokenizer then reads the element's content as text.
    bool start(const tag_token& t) {
        const std::uint16_t flags = flags_of(t.name);
        if (in_foreign_content()) {
            const bool leaves =
                (flags & leaves_foreign) != 0 ||
                (t.name == "font" && has_any_attribute(t.attributes, {"color", "face", "size"}));
            if (!leaves) {
                if (!t.self_closing) {
                    push(t, 0, true);
                }
                return false;
            }
            while (!stack_.empty() && stack_.back().foreign) {
                pop();
            }
        }
        start_html(t, flags);
        return (flags & raw_text) != 0;
    }

    void end(const tag_token& t) {
        // End tags follow the foreign rules even at an integration point (only start tags and
        // text there are HTML).
        if (!stack_.empty() && stack_.back().foreign) {
            for (std::size_t i = stack_.size(); i-- > 0;) {
                if (stack_[i].name == t.name) {
                    pop_to(i);
                    return;
                }
                if (!stack_[i].foreign) {
                    break;
                }
            }
        }
        const std::uint16_t flags = flags_of(t.name);
        end_html((flags & known) != 0 ? t.name : std::string(), flags);
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    bool in_foreign_content() const {
        return !stack_.empty() && stack_.back().foreign &&
               !is_integration_point(stack_.back().name);
    }

    static bool has_any_attribute(std::string_view attributes,
                                  std::initializer_list<std::string_view> names) {
        std::string lower;
        for (const char c : attributes) {
            lower += ascii_lower(c);
        }
        return std::ranges::any_of(
            names, [&](std::string_view n) { return lower.find(n) != std::string::npos; });
    }

    void start_html(const tag_token& t, std::uint16_t flags) {
        const std::string& name = t.name;
        if ((flags & ignored_start) != 0) {
            return;
        }
        if (name == "table") {
            start_table();
            return;
        }
        if (name == "caption" || name == "colgroup" || name == "tbody" || name == "thead" ||
            name == "tfoot" || name == "tr" || name == "td" || name == "th" || name == "col") {
            start_table_part(t, flags);
            return;
        }
        if (name == "li" || name == "dd" || name == "dt") {
            close_list_item(name == "li");
        }
        if ((flags & closes_p) != 0) {
            if (name == "form" && form_open_) {
                return; // a nested <form> is ignored
            }
            close_p();
        }
        if ((flags & void_element) != 0) {
            return;
        }
        if ((flags & heading) != 0 && !stack_.empty() && (stack_.back().flags & heading) != 0 &&
            !stack_.back().foreign) {
            pop();
        }
        if (name == "form") {
            form_open_ = true;
        } else if (name == "button") {
            if (const std::size_t i = find_in_scope("button", 0); i != npos) {
                pop_to(i);
            }
        } else if (name == "a") {
            if (active_since_marker("a")) {
                formatting_end("a");
            }
        } else if (name == "nobr") {
            if (find_in_scope("nobr", 0) != npos) {
                formatting_end("nobr");
            }
        } else if (name == "select") {
            for (std::size_t i = stack_.size(); i-- > 0;) {
                if (stack_[i].name == "select" && !stack_[i].foreign) {
                    pop_to(i); // <select> inside a select closes it and opens nothing
                    return;
                }
                if (stack_[i].name != "option" && stack_[i].name != "optgroup") {
                    break;
                }
            }
        } else if (name == "option" || name == "optgroup") {
            if (top_is("option")) {
                pop();
            }
            if (name == "optgroup" && top_is("optgroup")) {
                pop();
            }
        } else if (name == "rb" || name == "rtc" || name == "rp" || name == "rt") {
            if (find_in_scope("ruby", 0) != npos) {
                const bool keep_rtc = name == "rp" || name == "rt";
                while (!stack_.empty() && !stack_.back().foreign &&
                       ends_implied(stack_.back().name) &&
                       !(keep_rtc && stack_.back().name == "rtc")) {
                    pop();
                }
            }
        }
        push(t, flags, name == "svg" || name == "math");
        if (name == "svg" || name == "math") {
            if (t.self_closing) {
                pop();
            }
        }
    }

    /// Elements whose end tags the parser generates when something closes around them.
    static bool ends_implied(std::string_view name) {
        return name == "dd" || name == "dt" || name == "li" || name == "optgroup" ||
               name == "option" || name == "p" || name == "rb" || name == "rp" || name == "rt" ||
               name == "rtc";
    }

    /// An unclosed table ends at the next <table> unless that one is inside a cell or caption.
    void start_table() {
        for (std::size_t i = stack_.size(); i-- > 0;) {
            const open_element& e = stack_[i];
            if (e.foreign) {
                continue;
            }
            if (e.name == "table") {
                pop_to(i);
                break;
            }
            if (e.name == "td" || e.name == "th" || e.name == "caption" || e.name == "template" ||
                e.name == "html") {
                break;
            }
        }
        push({"table", {}, false, false, 0}, flags_of("table"), false);
    }

    /// Rows, cells and their groups: ignored outside a table; inside one they close what their
    /// kind closes and imply a <tbody> and a <tr> where the markup left them out.
    void start_table_part(const tag_token& t, std::uint16_t flags) {
        const std::size_t table = find_in_table_scope("table");
        if (table == npos) {
            return;
        }
        const std::string& name = t.name;
        if (name == "col") {
            return;
        }
        if (name == "caption" || name == "colgroup" || name == "tbody" || name == "thead" ||
            name == "tfoot") {
            pop_to(table + 1);
            push(t, flags, false);
            return;
        }
        std::size_t row = npos;
        for (std::size_t i = stack_.size(); i-- > table + 1;) {
            if (stack_[i].name == "tr" && !stack_[i].foreign) {
                row = i;
                break;
            }
        }
        if (name == "tr" || row == npos) {
            const bool in_section =
                stack_.size() > table + 1 && is_row_group(stack_[table + 1].name);
            pop_to(table + (in_section ? 2 : 1));
            if (!in_section) {
                push({"tbody", {}, false, false, 0}, flags_of("tbody"), false);
            }
            if (name == "tr") {
                push(t, flags, false);
                return;
            }
            push({"tr", {}, false, false, 0}, flags_of("tr"), false);
        } else {
            pop_to(row + 1);
        }
        push(t, flags, false); // td or th
    }

    static bool is_row_group(std::string_view name) {
        return name == "tbody" || name == "thead" || name == "tfoot";
    }

    void end_html(const std::string& name, std::uint16_t flags) {
        if (name == "p") {
            close_p();
            return;
        }
        if (name == "br" || name == "body" || name == "html") {
            return;
        }
        if (name == "form") {
            form_open_ = false;
            if (const std::size_t i = find_in_scope("form", 0); i != npos) {
                erase_at(i); // </form> takes the form out of the stack, wherever it is
            }
            return;
        }
        if (name == "td" || name == "th" || name == "tr" || is_row_group(name) || name == "table" ||
            name == "caption" || name == "colgroup" || name == "applet" || name == "marquee" ||
            name == "object") {
            if (const std::size_t i = find_in_table_scope(name); i != npos) {
                pop_to(i);
            }
            return;
        }
        if ((flags & heading) != 0) {
            for (std::size_t i = stack_.size(); i-- > 0;) {
                if ((stack_[i].flags & heading) != 0 && !stack_[i].foreign) {
                    pop_to(i);
                    return;
                }
                if (ends_scope(stack_[i], 0)) {
                    return;
                }
            }
            return;
        }
        if ((flags & formatting) != 0 && formatting_end(name)) {
            return;
        }
        if ((flags & special) != 0) {
            if (const std::size_t i = find_in_scope(name, name == "li" ? list_scope : 0);
                i != npos) {
                pop_to(i);
            }
            return;
        }
        // Any other end tag: the nearest element of that name, unless a special one comes first.
        for (std::size_t i = stack_.size(); i-- > 0;) {
            if (stack_[i].name == name && !stack_[i].foreign) {
                pop_to(i);
                return;
            }
            if (is_special(stack_[i])) {
                return;
            }
        }
    }

    /// The adoption agency algorithm, as far as depth goes: false when `name` has no active
    /// formatting element (then it is any other end tag).
    bool formatting_end(const std::string& name) {
        const std::size_t marker_at = last_marker();
        for (std::size_t i = stack_.size(); i-- > marker_at;) {
            open_element& e = stack_[i];
            if (e.name != name || !e.formatting) {
                continue;
            }
            for (std::size_t k = i + 1; k < stack_.size(); ++k) {
                if (ends_scope(stack_[k], 0)) {
                    return true; // not in scope: ignored
                }
            }
            const bool block_above =
                std::any_of(stack_.begin() + static_cast<long>(i) + 1, stack_.end(),
                            [](const open_element& o) { return is_special(o); });
            if (!block_above) {
                pop_to(i);
                return true;
            }
            // A block inside the formatting element: the parser moves the element below the
            // block and leaves it open there; depth stays (it may only fall).
            open_element moved = std::move(e);
            stack_.erase(stack_.begin() + static_cast<long>(i));
            stack_.push_back(std::move(moved));
            return true;
        }
        auto& closed = closed_.back();
        for (std::size_t i = closed.size(); i-- > 0;) {
            if (closed[i].name == name) {
                closed.erase(closed.begin() + static_cast<long>(i));
                --closed_count_;
                return true;
            }
        }
        return false;
    }

    bool active_since_marker(std::string_view name) const {
        const std::size_t marker_at = last_marker();
        for (std::size_t i = stack_.size(); i-- > marker_at;) {
            if (stack_[i].name == name && stack_[i].formatting) {
                return true;
            }
        }
        return std::ranges::any_of(closed_.back(),
                                   [&](const closed_formatting& c) { return c.name == name; });
    }

    /// Index just above the last marker on the stack (0 when there is none).
    std::size_t last_marker() const {
        for (std::size_t i = stack_.size(); i-- > 0;) {
            if (is_marker(stack_[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    static bool is_marker(const open_element& e) { return !e.foreign && (e.flags & marker) != 0; }

    static bool is_special(const open_element& e) {
        return e.foreign ? is_integration_point(e.name) && e.name != "title"
                         : (e.flags & special) != 0;
    }

    static constexpr int list_scope = 1;
    static constexpr int button_scope = 2;

    static bool ends_scope(const open_element& e, int kind) {
        if (e.foreign) {
            return is_integration_point(e.name);
        }
        if ((e.flags & scope_boundary) != 0) {
            return true;
        }
        return (kind == list_scope && (e.name == "ol" || e.name == "ul")) ||
               (kind == button_scope && e.name == "button");
    }

    std::size_t find_in_scope(std::string_view name, int kind) const {
        for (std::size_t i = stack_.size(); i-- > 0;) {
            if (stack_[i].name == name && !stack_[i].foreign) {
                return i;
            }
            if (ends_scope(stack_[i], kind)) {
                return npos;
            }
        }
        return npos;
    }

    std::size_t find_in_table_scope(std::string_view name) const {
        for (std::size_t i = stack_.size(); i-- > 0;) {
            const open_element& e = stack_[i];
            if (e.name == name && !e.foreign) {
                return i;
            }
            if (!e.foreign && (e.name == "table" || e.name == "template" || e.name == "html")) {
                return npos;
            }
        }
        return npos;
    }

    bool top_is(std::string_view name) const {
        return !stack_.empty() && stack_.back().name == name && !stack_.back().foreign;
    }

    void close_p() {
        if (const std::size_t i = find_in_scope("p", button_scope); i != npos) {
            pop_to(i);
        }
    }

    /// A new <li> (or <dd>/<dt>) closes the open one, unless a block other than address, div
    /// and p lies between.
    void close_list_item(bool li) {
        for (std::size_t i = stack_.size(); i-- > 0;) {
            const open_element& e = stack_[i];
            const bool same =
                !e.foreign && (li ? e.name == "li" : e.name == "dd" || e.name == "dt");
            if (same) {
                pop_to(i);
                return;
            }
            if (is_special(e) && e.name != "address" && e.name != "div" && e.name != "p") {
                return;
            }
        }
    }

    void push(const tag_token& t, std::uint16_t flags, bool foreign) {
        // gumbo gives every tag it does not know one name (GUMBO_TAG_UNKNOWN), so that </x-a>
        // closes an open <x-b>: such elements are kept under the empty name.
        open_element e{foreign || (flags & known) != 0 ? t.name : std::string(), flags, foreign,
                       !foreign && (flags & formatting) != 0, t.attributes};
        if (e.formatting) {
            noahs_ark(e);
        }
        if (is_marker(e)) {
            closed_.emplace_back();
        }
        stack_.push_back(std::move(e));
    }

    /// At most three identical formatting elements (name and attributes) since the last marker
    /// stay active; a fourth drops the earliest.
    void noahs_ark(const open_element& e) {
        std::size_t same = 0;
        const std::size_t marker_at = last_marker();
        for (std::size_t i = marker_at; i < stack_.size(); ++i) {
            same += stack_[i].formatting && stack_[i].name == e.name &&
                    stack_[i].attributes == e.attributes;
        }
        auto& closed = closed_.back();
        for (const auto& c : closed) {
            same += c.name == e.name && c.attributes == e.attributes;
        }
        if (same < 3) {
            return;
        }
        const auto it = std::ranges::find_if(closed, [&](const closed_formatting& c) {
            return c.name == e.name && c.attributes == e.attributes;
        });
        if (it != closed.end()) {
            closed.erase(it);
            --closed_count_;
            return;
        }
        for (std::size_t i = marker_at; i < stack_.size(); ++i) {
            if (stack_[i].formatting && stack_[i].name == e.name &&
                stack_[i].attributes == e.attributes) {
                stack_[i].formatting = false;
                return;
            }
        }
    }

    /// Pops the current element: a formatting one stays active (closed) until its end tag.
    void pop() {
        open_element e = std::move(stack_.back());
        stack_.pop_back();
        drop(e, true);
    }

    /// Pops down to and including stack_[i], which its own end tag closes.
    void pop_to(std::size_t i) {
        while (stack_.size() > i + 1) {
            pop();
        }
        if (stack_.size() == i + 1) {
            open_element e = std::move(stack_.back());
            stack_.pop_back();
            drop(e, false);
        }
    }

    void erase_at(std::size_t i) {
        open_element e = std::move(stack_[i]);
        stack_.erase(stack_.begin() + static_cast<long>(i));
        drop(e, false);
    }

    void drop(open_element& e, bool keep_formatting) {
        if (is_marker(e) && closed_.size() > 1) {
            closed_count_ -= closed_.back().size();
            closed_.pop_back();
        } else if (e.formatting && keep_formatting) {
            closed_.back().push_back({std::move(e.name), e.attributes});
            ++closed_count_;
        }
    }

    std::size_t limit_;
    std::vector<open_element> stack_; ///< above <html> and <body>
    /// Closed formatting elements still active, per marker level (the first: none open).
    std::vector<std::vector<closed_formatting>> closed_{1};
    std::size_t closed_count_ = 0;
    bool form_open_ = false; ///< the parser's form element pointer is set
};

std::size_t line_at(std::string_view html, std::size_t offset) {
    return 1 + static_cast<std::size_t>(
                   std::count(html.begin(), html.begin() + static_cast<long>(offset), '\n'));
}

} // namespace

html_nesting estimate_html_nesting(std::string_view html, std::size_t limit) {
    tree_model model(limit);
    html_nesting deepest{model.depth(), 1, "body"};
    std::size_t deepest_at = 0;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        const std::string_view rest = html.substr(i);
        if (rest.starts_with("<!--")) {
            const std::size_t close = html.find("-->", i + 2);
            if (close == std::string_view::npos) {
                break;
            }
            i = close + 3;
            continue;
        }
        const bool end = rest.starts_with("</");
        const std::size_t name_at = i + (end ? 2 : 1);
        if (name_at >= html.size() || !is_ascii_alpha(html[name_at])) {
            // <!doctype>, <?...>, </ followed by no letter: up to '>'; a lone '<' is text.
            const bool markup = rest.starts_with("<!") || rest.starts_with("<?") || end;
            if (!markup) {
                ++i;
                continue;
            }
            const std::size_t close = html.find('>', i + 1);
            if (close == std::string_view::npos) {
                break;
            }
            i = close + 1;
            continue;
        }
        const tag_token t = read_tag(html, name_at, end);
        if (t.next == std::string_view::npos) {
            break; // the page ends inside a tag, which the tokenizer drops
        }
        i = t.next;
        if (end) {
            model.end(t);
            continue;
        }
        const bool text_follows = model.start(t);
        if (model.depth() > deepest.depth) {
            deepest = {model.depth(), 0, t.name};
            deepest_at = name_at;
            if (model.too_deep()) {
                break;
            }
        }
        if (text_follows) {
            const std::size_t close =
                t.name == "script" ? script_end(html, i) : raw_text_end(html, i, t.name);
            if (close == std::string_view::npos) {
                break;
            }
            i = close;
        } else if (t.name == "plaintext") {
            break; // the rest of the page is text
        }
    }
    deepest.line = line_at(html, deepest_at);
    return deepest;
}

} // namespace lbtrack::ingest

#include "name_residue.hpp"

#include "html_entities.hpp"

#include "lbtrack/core/utf8_text.hpp"

#include <array>
#include <utility>

namespace lbtrack::ingest::detail {

namespace {

bool ascii_letter(char c) {
    const char lower = static_cast<char>(c | 0x20);
    return lower >= 'a' && lower <= 'z';
}

} // namespace

std::string strip_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '<' && i + 1 < s.size() && (ascii_letter(s[i + 1]) || s[i + 1] == '/')) {
            if (const auto end = s.find('>', i); end != std::string_view::npos) {
                out.push_back(' ');
                i = end;
                continue;
            }
        }
        if (c == '&') {
            if (const auto end = s.find(';', i); end != std::string_view::npos && end - i <= 10) {
                if (const auto v = html_entity_value(s.substr(i + 1, end - i - 1))) {
                    append_utf8(out, *v);
                    i = end;
                    continue;
                }
            }
        }
        out.push_back(c);
    }
    return out;
}

std::string strip_markdown(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool image = c == '!' && i + 1 < s.size() && s[i + 1] == '[';
        if (c == '[' || image) {
            const auto open = image ? i + 1 : i;
            const auto close = s.find(']', open);
            if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
                if (const auto end = s.find(')', close); end != std::string_view::npos) {
                    if (!image) {
                        out.append(s.substr(open + 1, close - open - 1));
                    }
                    i = end;
                    continue;
                }
            }
        }
        if (c == '*' || c == '`') {
            continue;
        }
        out.push_back(c);
    }
    return out;
}

std::string cut_at_pointer(std::string s) {
    for (const std::string_view hand : {"\u261B", "\u261E", "\U0001F449"}) {
        if (const auto at = s.find(hand); at != std::string::npos && at > 0) {
            s.erase(at);
        }
    }
    return s;
}

std::string map_cjk_punctuation(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, char>, 12> map{{
        {"\u3010", '('}, // 【
        {"\u3011", ')'}, // 】
        {"\u300C", '('}, // 「
        {"\u300D", ')'}, // 」
        {"\u300A", '('}, // 《
        {"\u300B", ')'}, // 》
        {"\u3014", '('}, // 〔
        {"\u3015", ')'}, // 〕
        {"\u2013", '-'}, // – en dash
        {"\u2014", '-'}, // — em dash
        {"\u00B7", ' '}, // · middle dot
        {"\u00A0", ' '}, // no-break space
    }};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool mapped = false;
        for (const auto& [from, to] : map) {
            if (s.substr(i, from.size()) == from) {
                out.push_back(to);
                i += from.size();
                mapped = true;
                break;
            }
        }
        if (!mapped) {
            out.push_back(s[i++]);
        }
    }
    return out;
}

std::string collapse_runs(std::string_view s, std::string_view separators, char joiner) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (const char c : s) {
        if (separators.find(c) != std::string_view::npos) {
            pending = true;
            continue;
        }
        if (pending && !out.empty()) {
            out.push_back(joiner);
        }
        pending = false;
        out.push_back(c);
    }
    return out;
}

std::string collapse_spaces(std::string_view s) {
    return collapse_runs(s, " \t\n\r\f\v", ' ');
}

} // namespace lbtrack::ingest::detail

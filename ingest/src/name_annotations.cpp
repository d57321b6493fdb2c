// Evaluation settings, providers and slash dates around model names. The spellings are the ones
// seen on ../shared/data's boards (BFCL, AlpacaEval, 2024-2025); docs/model-identity.md lists
// them.

#include "name_annotations.hpp"

#include "name_residue.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace lbtrack::ingest {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int two_digit_value(std::string_view s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/// Inference providers a board names next to a model it reached through them.
bool is_provider(std::string_view w) {
    static constexpr std::array<std::string_view, 11> providers{
        "together", "togetherai", "novita",  "fireworks", "fireworksai", "deepinfra",
        "groq",     "openrouter", "bedrock", "vertexai",  "anyscale"};
    return std::ranges::find(providers, w) != providers.end();
}

/// "together ai" and "togetherai" are one provider; "together.ai" too.
std::string provider_label(std::string_view w) {
    std::string out;
    for (const char c : w) {
        if (c != ' ' && c != '.' && c != '-') {
            out.push_back(c);
        }
    }
    if (out.ends_with("ai") && is_provider(std::string_view(out).substr(0, out.size() - 2))) {
        out.erase(out.size() - 2);
    }
    return out;
}

/// BFCL's evaluation modes: function calling ("fc", "fc any", "fc auto", "fc tools-…") and
/// prompting ("prompt"); AlpacaEval's "(best-of-16)": the model sampled 16 times and the best
/// answer kept by a reranker (its result id "pairrm-zephyr-7b-beta" leaves that out).
bool is_evaluation_mode(std::string_view content) {
    const auto first = content.substr(0, content.find(' '));
    if (first == "fc" || first == "prompt") {
        return true;
    }
    for (const std::string_view best : {"best-of-", "best of "}) {
        if (content.starts_with(best) && content.size() > best.size() &&
            std::ranges::all_of(content.substr(best.size()), is_digit)) {
            return true;
        }
    }
    return false;
}

std::string setting_label(std::string_view content) {
    const std::string out = detail::collapse_runs(content, " _", '-');
    return is_provider(provider_label(out)) ? provider_label(out) : out;
}

struct paren_group {
    std::size_t open = 0; ///< offset of '('
    std::string_view content;
};

/// The "(…)" groups the name ends with, in order; `start` is where the first begins.
std::vector<paren_group> trailing_groups(std::string_view s) {
    std::vector<paren_group> groups;
    std::size_t end = s.size();
    while (end > 0) {
        while (end > 0 && s[end - 1] == ' ') {
            --end;
        }
        if (end == 0 || s[end - 1] != ')') {
            break;
        }
        const auto open = s.rfind('(', end - 1);
        if (open == std::string_view::npos || open == 0) {
            break;
        }
        groups.push_back({open, s.substr(open + 1, end - open - 2)});
        end = open;
    }
    std::ranges::reverse(groups);
    return groups;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '-' || s.back() == '_')) {
        s.remove_suffix(1);
    }
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    return std::string(s);
}

} // namespace

annotated_name split_setting(std::string_view cleaned) {
    annotated_name out;
    const auto groups = trailing_groups(cleaned);
    // From the first setting or provider group on, every trailing group is part of the setting:
    // BFCL's "command-r-plus (fc) (optimized)" is one evaluation setup.
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto c = groups[i].content;
        if (!is_evaluation_mode(c) && !is_provider(provider_label(c))) {
            continue;
        }
        for (std::size_t k = i; k < groups.size(); ++k) {
            if (!out.setting.empty()) {
                out.setting += '-';
            }
            out.setting += setting_label(groups[k].content);
        }
        out.name = trim(cleaned.substr(0, groups[i].open));
        return out;
    }
    // "ultralm-13b-best-of-16", "storm-7b-best-of-64" (AlpacaEval result ids): the display
    // name's "(best-of-16)" written as the name's last words.
    if (const auto best = cleaned.rfind("best-of-");
        best != std::string_view::npos && best > 0 &&
        (cleaned[best - 1] == '-' || cleaned[best - 1] == ' ' || cleaned[best - 1] == '_') &&
        is_evaluation_mode(cleaned.substr(best))) {
        out.name = trim(cleaned.substr(0, best));
        out.setting = std::string(cleaned.substr(best));
        return out;
    }
    // "vicuna-13b-v1.5-togetherai": a provider written as the name's last word. Only the
    // unambiguous spellings ("together" alone may be a name's own word).
    const auto last = cleaned.find_last_of(" -_");
    if (last != std::string_view::npos) {
        const auto word = cleaned.substr(last + 1);
        if (word != "together" && word != "groq" && is_provider(word)) {
            out.name = trim(cleaned.substr(0, last));
            out.setting = provider_label(word);
            return out;
        }
    }
    out.name = std::string(cleaned);
    return out;
}

std::string method_after_model(std::string_view cleaned) {
    const auto plus = cleaned.find(" + ");
    if (plus == std::string_view::npos || plus == 0 ||
        cleaned.find(" + ", plus + 1) != std::string_view::npos) {
        return std::string(cleaned);
    }
    const auto method = cleaned.substr(0, plus);
    const auto model = cleaned.substr(plus + 3);
    const bool letters_only = std::ranges::all_of(method, [](char c) {
        return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!letters_only || model.empty()) {
        return std::string(cleaned);
    }
    return std::string(model) + " " + std::string(method);
}

std::string slash_dates_as_tags(std::string_view s) {
    std::string out(s);
    // "(dd/dd)" only: a slash between digits elsewhere ("org/7b-model") is not a date.
    for (std::size_t i = 0; i + 7 <= out.size(); ++i) {
        if (out[i] != '(' || out[i + 6] != ')') {
            continue;
        }
        const std::string_view g(out.data() + i + 1, 5);
        if (!is_digit(g[0]) || !is_digit(g[1]) || g[2] != '/' || !is_digit(g[3]) ||
            !is_digit(g[4])) {
            continue;
        }
        const int first = two_digit_value(g.substr(0, 2));
        const int second = two_digit_value(g.substr(3, 2));
        const bool month_day = first >= 1 && first <= 12 && second >= 1 && second <= 31;
        // Year/month: Mistral's "(24/02)" is its 2402 release; a first number that cannot be a
        // month and is a year of the LLM era.
        const bool year_month =
            !month_day && first >= 23 && first <= 39 && second >= 1 && second <= 12;
        if (month_day || year_month) {
            out.erase(i + 3, 1); // the '/'
        }
    }
    return out;
}

} // namespace lbtrack::ingest

#include "pipeline/warning_summary.hpp"

#include "lbtrack/core/utf8_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace lbtrack::app {

namespace {

/// The text with digit runs as '#' and quoted values ('...') as '…'.
std::string kind_of(const std::string& message) {
    std::string key;
    key.reserve(message.size());
    for (std::size_t i = 0; i < message.size();) {
        const char c = message[i];
        if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            key += '#';
            while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) {
                ++i;
            }
        } else if (c == '\'') {
            const auto close = message.find('\'', i + 1);
            if (close == std::string::npos) {
                key.append(message, i, std::string::npos);
                break;
            }
            key += "'…'";
            i = close + 1;
        } else {
            key += c;
            ++i;
        }
    }
    return key;
}

/// The first `bytes` bytes of `text`, not cut inside a UTF-8 character, with "…" when cut.
std::string shortened(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) {
        return text;
    }
    return std::string(utf8_prefix(text, bytes)) + "…";
}

} // namespace

std::vector<std::string> summarize_warnings(std::vector<std::string> warnings,
                                            std::size_t per_kind) {
    struct kind_count {
        std::size_t order = 0; ///< of first appearance, for the summary lines
        std::size_t seen = 0;
        std::string first;
    };
    std::unordered_map<std::string, kind_count> kinds;
    std::vector<std::string> kept;
    for (auto& message : warnings) {
        auto [it, is_new] = kinds.try_emplace(kind_of(message));
        auto& k = it->second;
        if (is_new) {
            k.order = kinds.size();
            k.first = message;
        }
        if (++k.seen <= per_kind) {
            kept.push_back(std::move(message));
        }
    }
    std::vector<const kind_count*> repeated;
    for (const auto& [key, k] : kinds) {
        if (k.seen > per_kind) {
            repeated.push_back(&k);
        }
    }
    std::sort(repeated.begin(), repeated.end(),
              [](const auto* a, const auto* b) { return a->order < b->order; });
    for (const auto* k : repeated) {
        kept.push_back(fmt::format("{} more warning(s) like '{}' not shown (-v shows every one)",
                                   k->seen - per_kind, shortened(k->first, 120)));
    }
    return kept;
}

} // namespace lbtrack::app

#include "lbtrack/store/board_digest.hpp"

#include "lbtrack/core/sha256.hpp"

#include <fmt/format.h>

#include <iterator>

namespace lbtrack::store {

namespace {

template <typename T>
void put(std::string& out, const std::optional<T>& v) {
    if (v) {
        fmt::format_to(std::back_inserter(out), "{}", *v);
    }
    out += '\x1f'; // unit separator: no field can run into the next
}

void put(std::string& out, const std::string& s) {
    out += s;
    out += '\x1f';
}

} // namespace

std::string board_digest(const std::vector<entry>& entries) {
    // Hashed 64 KiB at a time: the whole text is as large as the payload (2.8 MB for an
    // openllm-v2 day) and was alive, with its doubled buffer, at a replay's peak (issue 19).
    constexpr std::size_t piece = 64 * 1024;
    sha256_hasher hasher;
    std::string text;
    text.reserve(2 * piece);
    for (const auto& e : entries) {
        put(text, e.raw_name);
        put(text, e.variant);
        put(text, e.rank);
        put(text, e.score);
        put(text, e.ci_plus);
        put(text, e.ci_minus);
        put(text, e.votes);
        put(text, e.organization);
        put(text, e.license);
        put(text, e.knowledge_cutoff);
        for (const auto& m : e.metrics) {
            put(text, m.name);
            put(text, std::optional<double>(m.value));
            put(text, m.unit);
        }
        text += '\x1e'; // record separator
        if (text.size() >= piece) {
            hasher.update(text);
            text.clear();
        }
    }
    hasher.update(text);
    return hasher.hex_digest();
}

} // namespace lbtrack::store

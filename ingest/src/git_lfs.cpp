#include "lbtrack/ingest/git_lfs.hpp"

#include <algorithm>
#include <charconv>

namespace lbtrack::ingest {

namespace {

/// git-lfs never reads a larger blob as a pointer.
constexpr std::size_t max_pointer_bytes = 1024;

bool is_lower_hex(std::string_view s) {
    return std::ranges::all_of(
        s, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace

std::optional<lfs_pointer> parse_lfs_pointer(std::string_view blob) {
    if (blob.size() >= max_pointer_bytes) {
        return std::nullopt;
    }
    std::optional<std::string> oid;
    std::optional<std::uint64_t> size;
    bool first = true;
    while (!blob.empty()) {
        const auto end = blob.find('\n');
        if (end == std::string_view::npos) {
            return std::nullopt; // every line ends with LF
        }
        const auto line = blob.substr(0, end);
        blob.remove_prefix(end + 1);
        const auto space = line.find(' ');
        if (space == std::string_view::npos) {
            return std::nullopt;
        }
        const auto key = line.substr(0, space);
        const auto value = line.substr(space + 1);
        if (first) {
            if (key != "version" || (value != "https://git-lfs.github.com/spec/v1" &&
                                     value != "https://hawser.github.com/spec/v1")) {
                return std::nullopt;
            }
            first = false;
        } else if (key == "oid") {
            constexpr std::string_view prefix = "sha256:";
            const auto hex = value.substr(std::min(prefix.size(), value.size()));
            if (!value.starts_with(prefix) || hex.size() != 64 || !is_lower_hex(hex)) {
                return std::nullopt;
            }
            oid = std::string(hex);
        } else if (key == "size") {
            std::uint64_t n = 0;
            const auto [stop, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || stop != value.data() + value.size() || value.empty()) {
                return std::nullopt;
            }
            size = n;
        }
        // Other keys (extensions: "ext-0-name sha256:...") do not change where the bytes are.
    }
    if (!oid || !size) {
        return std::nullopt;
    }
    return lfs_pointer{std::move(*oid), *size};
}

std::filesystem::path lfs_object_path(const std::filesystem::path& git_dir, const lfs_pointer& p) {
    return git_dir / "lfs" / "objects" / p.oid.substr(0, 2) / p.oid.substr(2, 2) / p.oid;
}

} // namespace lbtrack::ingest

#include "lbtrack/ingest/linked_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace lbtrack::ingest {

namespace {

/// First path segments of huggingface.co pages that are not model repos.
constexpr std::array<std::string_view, 12> k_not_model_pages = {
    "datasets", "spaces", "docs",  "blog",  "papers",      "models",
    "api",      "learn",  "posts", "tasks", "collections", "organizations"};

bool is_repo_segment(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

} // namespace

std::optional<std::string> hugging_face_model_repo(std::string_view url) {
    for (const std::string_view scheme : {"https://", "http://"}) {
        if (url.starts_with(scheme)) {
            url.remove_prefix(scheme.size());
            break;
        }
    }
    if (url.starts_with("www.")) {
        url.remove_prefix(4);
    }
    constexpr std::string_view host = "huggingface.co/";
    if (!url.starts_with(host)) {
        return std::nullopt;
    }
    url.remove_prefix(host.size());
    url = url.substr(0, url.find_first_of("?#"));
    const auto slash = url.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt; // an organization's page
    }
    const auto org = url.substr(0, slash);
    auto rest = url.substr(slash + 1);
    const auto name = rest.substr(0, rest.find('/'));
    if (!is_repo_segment(org) || !is_repo_segment(name) ||
        std::find(k_not_model_pages.begin(), k_not_model_pages.end(), org) !=
            k_not_model_pages.end()) {
        return std::nullopt;
    }
    return fmt::format("{}/{}", org, name);
}

std::optional<model_resolution> resolution_by_link(const model_resolver& resolver,
                                                   const model_resolution& printed,
                                                   std::string_view url,
                                                   std::optional<std::chrono::sys_days> on) {
    if (printed.named_by_registry || !printed.parts.tuning.empty()) {
        return std::nullopt;
    }
    const auto repo = hugging_face_model_repo(url);
    if (!repo) {
        return std::nullopt;
    }
    auto linked = resolver.resolve(*repo, on);
    if (linked.key == printed.key || linked.org_is_identity || linked.parts.tuning.empty() ||
        linked.variant != printed.variant || linked.setting != printed.setting) {
        return std::nullopt;
    }
    // The printed name with the repo's tuning word must be the repo's name, part for part: any
    // other difference (a version, a size, a date) is another model or a guess.
    name_parts filled = printed.parts;
    filled.tuning = linked.parts.tuning;
    if (filled.key_without_org() != linked.parts.key_without_org()) {
        return std::nullopt;
    }
    linked.decided_by = fmt::format("linked to {}, the same name with its tuning word; {}", *repo,
                                    linked.decided_by);
    return linked;
}

model_resolution resolve_with_link(const model_resolver& resolver, std::string_view printed,
                                   std::string_view url, std::optional<std::chrono::sys_days> on) {
    auto r = resolver.resolve(printed, on);
    if (!url.empty()) {
        if (auto linked = resolution_by_link(resolver, r, url, on)) {
            return std::move(*linked);
        }
    }
    return r;
}

} // namespace lbtrack::ingest

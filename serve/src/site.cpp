#include "site.hpp"

#include "http_error.hpp"
#include "page_html.hpp"
#include "pages.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/store/board_overview.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace lbtrack::serve {

namespace {

using read_only_tx = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

/// The error in the format the client asked for: a page for browsers, an object for the API.
http_response error_response(unsigned status, const std::string& message, page_format format) {
    http_response res;
    if (format == page_format::json) {
        res = json_response({{"error", {{"status", status}, {"message", message}}}}, status);
    } else if (format == page_format::html) {
        page_frame page{status == 404 ? "Not found" : "Cannot show this page"};
        page.body = fmt::format("<p class=\"error\">{}</p>\n<p>{}</p>\n", esc(message),
                                html_link("/", "All boards"));
        res = html_response(html_page(page));
    } else {
        res = {status, "text/plain; charset=utf-8", message + "\n"};
    }
    res.status = status;
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

} // namespace

using health_period = std::chrono::duration<long long, std::ratio<5>>;

site::site(const server_options& options, connection_pool& pool, snapshot_cache& cache)
    : options_(options), pool_(pool), cache_(cache),
      answers_(options.response_cache_bytes, options.response_max_age) {}

std::string site::current_version() {
    std::unique_lock lock(version_mutex_);
    const auto now = std::chrono::steady_clock::now();
    const bool stale = version_.empty() || now - version_read_ >= options_.version_check_interval;
    // One request reads the new version; the others meanwhile go on with the one read before
    // (at most an interval old), rather than all waiting for that query.
    if (!stale || (refreshing_version_ && !version_.empty())) {
        return version_;
    }
    refreshing_version_ = true;
    lock.unlock();
    std::string fresh;
    try {
        auto conn = pool_.acquire();
        pqxx::read_transaction tx(*conn);
        fresh = store::data_version(tx);
    } catch (...) {
        lock.lock();
        refreshing_version_ = false;
        throw;
    }
    lock.lock();
    refreshing_version_ = false;
    version_ = fresh;
    version_read_ = now;
    return version_;
}

http_response site::answer(const http_request& request) {
    std::optional<request_target> target;
    try {
        target = parse_target(request.target, request.accept);
    } catch (const http_error&) {
        return route(request); // answers the error
    }
    // The stylesheet needs no database, not even for the version.
    const bool static_file = target->segments.size() == 1 && target->segments[0] == "style.css";
    if (options_.response_cache_bytes == 0 || static_file) {
        return route(request);
    }
    auto key = fmt::format("{} {}", static_cast<int>(target->format), request.target);
    // /health is about now: kept for the 5 seconds it was computed in only, so monitors polling
    // together cost one computation.
    if (!target->segments.empty() && target->segments[0] == "health") {
        key += fmt::format(
            " @{}",
            std::chrono::floor<std::chrono::seconds>(options_.now()).time_since_epoch().count());
    }
    const auto version = current_version();
    if (auto stored = answers_.find(key, version)) {
        return std::move(*stored);
    }
    auto fresh = route(request);
    if (fresh.status == 200 || fresh.status == 503) { // 503: an unhealthy /health
        answers_.store(key, version, fresh);
    }
    return fresh;
}

http_response site::handle(const http_request& request) {
    if (request.method != "GET" && request.method != "HEAD") {
        auto res =
            error_response(405, "only GET and HEAD: this server never writes", page_format::html);
        res.headers.emplace_back("Allow", "GET, HEAD");
        return res;
    }
    page_format format = page_format::html;
    try {
        format = parse_target(request.target, request.accept).format;
    } catch (const http_error&) {
        // route() throws it again below: answered in the format of the Accept header.
        format = accepted_format(request.accept);
    }
    try {
        return answer(request);
    } catch (const http_error& e) {
        return error_response(e.status(), e.what(), format);
    } catch (const pool_exhausted& e) {
        spdlog::warn("serve: {}", e.what());
        auto res = error_response(503, "the server is busy; try again", format);
        res.headers.emplace_back("Retry-After", "2");
        return res;
    } catch (const database_unavailable& e) {
        spdlog::error("serve: {}", e.what());
        return error_response(503, "the database is unavailable", format);
    } catch (const pqxx::broken_connection& e) {
        spdlog::error("serve: lost the database: {}", e.what());
        return error_response(503, "the database is unavailable", format);
    } catch (const pqxx::sql_error& e) {
        if (e.sqlstate() != "57014") { // query_canceled: the statement timeout
            throw;
        }
        spdlog::error("serve: {} took longer than the statement timeout: {}",
                      printable_text(request.target), e.what());
        return error_response(503, "this page took too long to compute", format);
    }
}

http_response site::route(const http_request& request) {
    const auto target = parse_target(request.target, request.accept);
    const auto& seg = target.segments;
    if (seg.size() == 1 && seg[0] == "style.css") {
        http_response res{200, "text/css; charset=utf-8", std::string(stylesheet())};
        res.headers.emplace_back("Cache-Control", "public, max-age=3600");
        return res;
    }
    const auto with_db = [&](auto page) {
        auto conn = pool_.acquire();
        read_only_tx tx(*conn);
        page_context ctx{tx, cache_, options_, options_.now()};
        return page(ctx);
    };
    const auto is = [&](std::initializer_list<const char*> pattern) {
        if (seg.size() != pattern.size()) {
            return false;
        }
        std::size_t i = 0;
        for (const char* p : pattern) {
            if (p != nullptr && seg[i] != p) {
                return false;
            }
            ++i;
        }
        return true;
    };
    if (seg.empty() || is({"boards"})) {
        return with_db([&](page_context& c) { return boards_page(c, target); });
    }
    if (is({"boards", nullptr})) {
        return with_db([&](page_context& c) { return board_page(c, target, seg[1]); });
    }
    if (is({"boards", nullptr, "diff"})) {
        return with_db([&](page_context& c) { return diff_page(c, target, seg[1]); });
    }
    if (is({"boards", nullptr, "feed"})) {
        return with_db([&](page_context& c) { return board_feed(c, target, seg[1]); });
    }
    if (is({"models"})) {
        return with_db([&](page_context& c) { return models_page(c, target); });
    }
    if (is({"models", nullptr})) {
        return with_db([&](page_context& c) { return model_page(c, target, seg[1]); });
    }
    if (is({"models", nullptr, "feed"})) {
        return with_db([&](page_context& c) { return model_feed(c, target, seg[1]); });
    }
    if (is({"movers"})) {
        return with_db([&](page_context& c) { return movers_page(c, target); });
    }
    if (is({"health"})) {
        return with_db([&](page_context& c) { return health_page(c, target); });
    }
    if (is({"feed"})) {
        return with_db([&](page_context& c) { return digest_feed(c, target); });
    }
    throw not_found("no such page");
}

http_response html_response(std::string body) {
    http_response res{200, "text/html; charset=utf-8", std::move(body)};
    res.headers.emplace_back("Vary", "Accept");
    return res;
}

http_response json_response(const ordered_json& document, unsigned status) {
    http_response res{status, "application/json", json_dump(document) + "\n"};
    res.headers.emplace_back("Vary", "Accept");
    return res;
}

http_response csv_response(std::string body) {
    http_response res{200, "text/csv; charset=utf-8; header=present", std::move(body)};
    res.headers.emplace_back("Vary", "Accept");
    return res;
}

http_response atom_response(std::string body) {
    return {200, "application/atom+xml; charset=utf-8", std::move(body)};
}

page_format choose_format(const request_target& target,
                          std::initializer_list<page_format> offered) {
    if (std::find(offered.begin(), offered.end(), target.format) != offered.end()) {
        return target.format;
    }
    if (target.explicit_format) {
        throw not_found("this page has no such format");
    }
    return *offered.begin();
}

} // namespace lbtrack::serve

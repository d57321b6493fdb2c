#pragma once
// The pages. Each reads what it shows in the caller's transaction (repeatable read, read-only:
// one consistent view of the database per page) and answers in the format the target asks for.

#include "http_types.hpp"
#include "request_target.hpp"
#include "snapshot_cache.hpp"
#include <pqxx/pqxx>

#include "lbtrack/core/json_out.hpp"
#include "lbtrack/serve/server.hpp"

#include <string>

namespace lbtrack::serve {

struct page_context {
    pqxx::transaction_base& tx;
    snapshot_cache& cache;
    const server_options& options;
    time_point now{};
};

http_response boards_page(page_context& ctx, const request_target& target);
http_response board_page(page_context& ctx, const request_target& target,
                         const std::string& source_id);
http_response diff_page(page_context& ctx, const request_target& target,
                        const std::string& source_id);
http_response models_page(page_context& ctx, const request_target& target);
http_response model_page(page_context& ctx, const request_target& target,
                         const std::string& model_key);
http_response movers_page(page_context& ctx, const request_target& target);
http_response health_page(page_context& ctx, const request_target& target);

http_response board_feed(page_context& ctx, const request_target& target,
                         const std::string& source_id);
http_response model_feed(page_context& ctx, const request_target& target,
                         const std::string& model_key);
http_response digest_feed(page_context& ctx, const request_target& target);

// Answers in each format, with their content types.
http_response html_response(std::string body);
/// The document written compactly (json_dump: an invalid UTF-8 byte becomes U+FFFD, so the
/// answer parses whatever a board printed), ending in a newline.
http_response json_response(const ordered_json& document, unsigned status = 200);
http_response csv_response(std::string body);
http_response atom_response(std::string body);

/// The format to answer in: the one asked for when the page offers it, else the page's first
/// (an Accept header the page cannot satisfy gets its usual form). A suffix the page does not
/// offer ("/movers.atom") is a page that does not exist: throws not_found.
page_format choose_format(const request_target& target, std::initializer_list<page_format> offered);

} // namespace lbtrack::serve

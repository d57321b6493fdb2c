#include "http_error.hpp"
#include "pages.hpp"
namespace lbtrack::serve {
http_response diff_page(page_context&, const request_target&, const std::string&) {
    throw not_found("todo");
}
http_response models_page(page_context&, const request_target&) {
    throw not_found("todo");
}
http_response model_page(page_context&, const request_target&, const std::string&) {
    throw not_found("todo");
}
http_response movers_page(page_context&, const request_target&) {
    throw not_found("todo");
}
http_response health_page(page_context&, const request_target&) {
    throw not_found("todo");
}
http_response board_feed(page_context&, const request_target&, const std::string&) {
    throw not_found("todo");
}
http_response model_feed(page_context&, const request_target&, const std::string&) {
    throw not_found("todo");
}
http_response digest_feed(page_context&, const request_target&) {
    throw not_found("todo");
}
} // namespace lbtrack::serve

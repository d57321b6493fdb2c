#include "lbtrack/ingest/fetcher.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/multi_fetcher.hpp"

namespace lbtrack::ingest {

std::vector<multi_outcome> fetcher::fetch_all(const std::vector<multi_request>& requests,
                                              const retry_policy& /*policy*/) {
    std::vector<multi_outcome> outcomes;
    outcomes.reserve(requests.size());
    for (const auto& r : requests) {
        multi_outcome outcome;
        outcome.source_id = r.request.source_id;
        outcome.attempts = 1;
        try {
            outcome.result = fetch(r.request);
        } catch (const fetch_error& e) {
            outcome.error = e;
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

} // namespace lbtrack::ingest

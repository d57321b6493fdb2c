#include "entry_copy.hpp"

#include "copy_values.hpp"
#include "model_upsert.hpp"

#include <array>
#include <string>
#include <tuple>

namespace lbtrack::store::detail {

void write_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                   const std::vector<entry>& entries) {
    const auto ids = upsert_models(tx, entries);
    pqxx::stream_to stream(
        tx, "entry",
        std::vector<std::string>{"snapshot_id", "row_number", "model_id", "variant", "raw_name",
                                 "organization", "rank", "score", "ci_plus", "ci_minus", "votes",
                                 "license", "knowledge_cutoff", "metrics", "metric_units"});
    // Text fields go as views of the entry's strings (const char*, nullptr for NULL), numbers
    // as text formatted here, so a row costs no string copies before libpqxx escapes it.
    fmt::memory_buffer metrics;
    fmt::memory_buffer units;
    std::array<char, 32> score{};
    std::array<char, 32> ci_plus{};
    std::array<char, 32> ci_minus{};
    for (const auto& e : entries) {
        metrics_json(e.metrics, metrics);
        metric_units_json(e.metrics, units);
        stream << std::make_tuple(
            snapshot_id, static_cast<long long>(e.row), ids.at(e.model_key), e.variant.c_str(),
            e.raw_name.c_str(), text_or_null(e.organization), e.rank,
            number_or_null(e.score, score), number_or_null(e.ci_plus, ci_plus),
            number_or_null(e.ci_minus, ci_minus), e.votes, text_or_null(e.license),
            text_or_null(e.knowledge_cutoff), static_cast<const char*>(metrics.data()),
            static_cast<const char*>(units.data()));
    }
    stream.complete();
}

} // namespace lbtrack::store::detail

#include "lbtrack/store/model_details.hpp"

#include "sql_time.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

using detail::epoch_micros;
using detail::read_printed_row;
using detail::text_field;
using detail::time_field;

namespace {

const std::string model_columns = fmt::format(
    "m.id, m.canonical_key, m.display_name, m.organization, m.provisional, m.family, m.version, "
    "m.size, m.tuning, m.mode, m.date_tag, {}",
    epoch_micros("m.first_seen"));

model_record model_of(const pqxx::row& r) {
    return {r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
            text_field(r[3]),        r[4].as<bool>(),        text_field(r[5]),
            text_field(r[6]),        text_field(r[7]),       text_field(r[8]),
            text_field(r[9]),        text_field(r[10]),      *time_field(r[11])};
}

/// `text` as a LIKE pattern that matches it literally.
std::string like_escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

} // namespace

std::optional<model_record> model_by_key(pqxx::transaction_base& tx, const std::string& key) {
    const auto r = tx.exec_params(
        fmt::format("SELECT {} FROM model m WHERE m.canonical_key = $1", model_columns), key);
    if (r.empty()) {
        return std::nullopt;
    }
    return model_of(r[0]);
}

std::vector<model_record> search_models(pqxx::transaction_base& tx, const std::string& text,
                                        std::size_t limit) {
    const auto result =
        text.empty()
            ? tx.exec_params(fmt::format("SELECT {} FROM model m ORDER BY m.first_seen DESC, "
                                         "m.canonical_key LIMIT $1",
                                         model_columns),
                             static_cast<long long>(limit))
            : tx.exec_params(fmt::format("SELECT {} FROM model m WHERE m.canonical_key ILIKE $1 "
                                         "OR m.display_name ILIKE $1 "
                                         "ORDER BY lower(m.display_name), m.canonical_key LIMIT $2",
                                         model_columns),
                             "%" + like_escaped(text) + "%", static_cast<long long>(limit));
    std::vector<model_record> out;
    out.reserve(result.size());
    for (const auto& r : result) {
        out.push_back(model_of(r));
    }
    return out;
}

std::vector<model_observation> model_observations(pqxx::transaction_base& tx,
                                                  std::int64_t model_id) {
    const auto result = tx.exec_params(
        fmt::format("SELECT e.snapshot_id, s.source_id, {}, e.variant, e.raw_name, e.rank, "
                    "e.score, e.ci_plus, e.ci_minus, e.votes "
                    "FROM entry e JOIN snapshot s ON s.id = e.snapshot_id "
                    "WHERE e.model_id = $1 ORDER BY s.source_id, s.observed_at, e.variant",
                    epoch_micros("s.observed_at")),
        model_id);
    std::vector<model_observation> out;
    out.reserve(result.size());
    for (const auto& r : result) {
        model_observation o;
        o.snapshot_id = r[0].as<std::int64_t>();
        o.source_id = r[1].as<std::string>();
        o.observed_at = *time_field(r[2]);
        read_printed_row(r, 3, o);
        out.push_back(std::move(o));
    }
    return out;
}

} // namespace lbtrack::store

#include "entry_rows.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::store::detail {

namespace {

/// A text column's value, "" for NULL.
std::string text_of(const pqxx::field& f) {
    return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
}

/// A numeric column's value, nullopt for NULL. std::from_chars: libpqxx 6 parses through a
/// locale-aware stream, a visible cost on 10,000-row snapshots.
template <typename T>
std::optional<T> number_of(const pqxx::field& f) {
    if (f.is_null()) {
        return std::nullopt;
    }
    T value{};
    const char* begin = f.c_str();
    const char* end = begin + f.size();
    if (const auto [stop, ec] = std::from_chars(begin, end, value);
        ec != std::errc() || stop != end) {
        throw error(fmt::format("column {}: '{}' is not a number", f.name(), begin));
    }
    return value;
}

/// Reads the flat JSON objects of the metrics and metric_units columns ({"name": value}),
/// reusing one parser and one padded buffer for all rows of a snapshot.
class json_object_reader {
public:
    template <typename Visit>
    void read(const pqxx::field& f, Visit visit) {
        if (f.is_null() || f.size() <= 2) { // "{}"
            return;
        }
        buffer_.assign(f.c_str(), f.size());
        buffer_.resize(f.size() + simdjson::SIMDJSON_PADDING);
        try {
            auto doc = parser_.iterate(buffer_.data(), f.size(), buffer_.size());
            for (auto field : doc.get_object()) {
                visit(std::string_view(field.unescaped_key().value()), field.value().value());
            }
        } catch (const simdjson::simdjson_error& e) {
            throw error(
                fmt::format("column {}: cannot read {}: {}", f.name(), f.c_str(), e.what()));
        }
    }

private:
    simdjson::ondemand::parser parser_;
    std::string buffer_;
};

/// Reads a row's fields left to right through one pqxx::field: `row[i]` constructs a new field
/// each time, copying the result's two shared pointers (libpqxx 6.4), which was a seventh of
/// loading a 10,000-row board.
class field_cursor {
public:
    explicit field_cursor(const pqxx::row& r) : it_(r.begin()) {}

    /// `read` applied to the next field.
    template <typename Read>
    auto next(Read&& read) {
        auto value = std::forward<Read>(read)(peek());
        ++it_;
        return value;
    }
    /// The next field, valid until the cursor moves on. The iterator is that field; its
    /// operator* would return a copy.
    const pqxx::field& peek() const { return *it_.operator->(); }
    void skip() { ++it_; }

private:
    pqxx::row::const_iterator it_;
};

} // namespace

std::vector<entry> entries_of(const pqxx::result& result, std::vector<std::int64_t>* model_ids) {
    std::vector<entry> entries;
    entries.reserve(result.size());
    if (model_ids != nullptr) {
        model_ids->reserve(result.size());
    }
    json_object_reader metrics_reader;
    json_object_reader units_reader;
    // A board's rows mostly have the same metrics: each row's vector is sized for the row
    // before, not grown 1, 2, 4, 8 (three reallocations a row were ~14% of `board`'s CPU on a
    // 4,574-row openllm-v2 snapshot; docs/benchmarks.md, issue 19).
    std::size_t metrics_before = 0;
    for (const auto& r : result) {
        field_cursor f(r);
        entry& e = entries.emplace_back();
        e.metrics.reserve(metrics_before);
        e.row = *f.next(number_of<std::size_t>);
        e.raw_name = f.next(text_of);
        e.model_key = f.next(text_of);
        e.variant = f.next(text_of);
        e.organization = f.next(text_of);
        e.rank = f.next(number_of<int>);
        e.score = f.next(number_of<double>);
        e.ci_plus = f.next(number_of<double>);
        e.ci_minus = f.next(number_of<double>);
        e.votes = f.next(number_of<std::int64_t>);
        e.license = f.next(text_of);
        e.knowledge_cutoff = f.next(text_of);
        metrics_reader.read(f.peek(), [&e](std::string_view name, simdjson::ondemand::value v) {
            e.metrics.push_back({std::string(name), v.get_double().value(), ""});
        });
        f.skip();
        metrics_before = e.metrics.size();
        if (!e.metrics.empty()) {
            std::ranges::sort(e.metrics, {}, &metric::name);
            units_reader.read(f.peek(), [&e](std::string_view name, simdjson::ondemand::value v) {
                const auto it = std::ranges::lower_bound(e.metrics, name, {}, &metric::name);
                if (it != e.metrics.end() && it->name == name) {
                    it->unit = std::string(v.get_string().value());
                }
            });
        }
        if (model_ids != nullptr) {
            f.skip();
            model_ids->push_back(*f.next(number_of<std::int64_t>));
        }
    }
    return entries;
}

void for_each_place(const pqxx::result& result,
                    const std::function<void(const stored_place&)>& visit) {
    for (const auto& r : result) {
        field_cursor f(r);
        stored_place p;
        p.model_id = *f.next(number_of<std::int64_t>);
        p.variant = std::string_view(f.peek().c_str(), f.peek().size());
        f.skip();
        p.place.rank = f.next(number_of<int>);
        p.place.score = f.next(number_of<double>);
        p.row = *f.next(number_of<std::int64_t>);
        visit(p);
    }
}

} // namespace lbtrack::store::detail

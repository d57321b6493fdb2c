#include "lbtrack/store/snapshot_store.hpp"

#include <pqxx/pqxx>

#include "lbtrack/core/entry_order.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_text.hpp"
#include "lbtrack/store/board_digest.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <tuple>
#include <unordered_map>

namespace lbtrack::store {

namespace {

std::optional<std::string> non_empty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

time_point from_epoch_micros(long long micros) {
    return time_point(std::chrono::microseconds(micros));
}

/// JSON object text for the metrics column, {"name": value}, into `out` (NUL-terminated for
/// the COPY row): plain numbers so the column stays easy to query (`(metrics->>'price')::float8`).
/// Values are finite doubles (the value parsers refuse anything else), which fmt prints as valid
/// JSON numbers.
void metrics_json(const std::vector<metric>& metrics, fmt::memory_buffer& out) {
    out.clear();
    out.push_back('{');
    for (const auto& m : metrics) {
        fmt::format_to(std::back_inserter(out), "{}{}:{}", out.size() > 1 ? "," : "",
                       json_quote(m.name), m.value);
    }
    out.append(std::string_view("}\0", 2));
}

/// JSON object text for the metric_units column, {"name": "unit"}, for the metrics that have a
/// unit only, so unitless boards store '{}'. NUL-terminated like metrics_json.
void metric_units_json(const std::vector<metric>& metrics, fmt::memory_buffer& out) {
    out.clear();
    out.push_back('{');
    for (const auto& m : metrics) {
        if (!m.unit.empty()) {
            fmt::format_to(std::back_inserter(out), "{}{}:{}", out.size() > 1 ? "," : "",
                           json_quote(m.name), json_quote(m.unit));
        }
    }
    out.append(std::string_view("}\0", 2));
}

/// A COPY field of text: NULL (nullptr) for an empty string. Views `s`, no copy.
const char* text_or_null(const std::string& s) {
    return s.empty() ? nullptr : s.c_str();
}

/// The shortest text that reads back as the same double (std::to_chars), NUL-terminated in
/// `buffer`; NULL for none. libpqxx 6 formats doubles through a string stream, which was a fifth
/// of the time spent streaming a snapshot's rows.
const char* number_or_null(const std::optional<double>& v, std::array<char, 32>& buffer) {
    if (!v) {
        return nullptr;
    }
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 1, *v);
    *end = '\0';
    return buffer.data();
}

const char* const snapshot_columns =
    "id, source_id, (extract(epoch FROM observed_at) * 1000000)::bigint, encode(payload_sha256, "
    "'hex'), row_count, identity_version, coalesce(encode(board_sha256, 'hex'), '')";

snapshot_record to_record(const pqxx::row& r) {
    return snapshot_record{
        r[0].as<std::int64_t>(), r[1].as<std::string>(), from_epoch_micros(r[2].as<long long>()),
        r[3].as<std::string>(),  r[4].as<std::size_t>(), r[5].as<std::string>(),
        r[6].as<std::string>()};
}

std::optional<snapshot_record> first_record(const pqxx::result& r) {
    if (r.empty()) {
        return std::nullopt;
    }
    return to_record(r[0]);
}

/// The source's latest snapshot whose observed_at compares with `op` ("<", "<=", "=") to `t`.
std::optional<snapshot_record> latest_where(pqxx::transaction_base& tx,
                                            const std::string& source_id, std::string_view op,
                                            time_point t) {
    return first_record(tx.exec_params(
        fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 AND observed_at {} "
                    "$2::timestamptz ORDER BY observed_at DESC LIMIT 1",
                    snapshot_columns, op),
        source_id, to_timestamp_literal(t)));
}

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

/// PostgreSQL array literal of texts, for `= ANY($1::text[])`: every element double-quoted, `"`
/// and `\` escaped (the only characters special inside quotes), so any key goes through.
std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& item : items) {
        out += out.size() > 1 ? ",\"" : "\"";
        for (char c : item) {
            if (c == '"' || c == '\\') {
                out += '\\';
            }
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

const std::string& display_name_of(const entry& e) {
    return e.facts().display_name.empty() ? e.raw_name : e.facts().display_name;
}

/// Model ids by key; the keys view the entries' model_key strings.
using model_ids = std::unordered_map<std::string_view, std::int64_t>;

/// Inserts the models of `rows` seen for the first time and returns their ids. A new model
/// takes the row's display name and parts; a known one has its provisional flag and parts
/// refreshed (the registry may have vouched for it since), and its display name too when the
/// registry names it. Rows go through a COPY into a temporary table: one round trip whatever
/// the count.
model_ids write_models(pqxx::transaction_base& tx, const std::vector<const entry*>& rows) {
    tx.exec0("CREATE TEMPORARY TABLE incoming_model (canonical_key text, display_name text, "
             "organization text, provisional boolean, family text, version text, size text, "
             "tuning text, mode text, date_tag text) ON COMMIT DROP");
    {
        pqxx::stream_to stream(
            tx, "incoming_model",
            std::vector<std::string>{"canonical_key", "display_name", "organization", "provisional",
                                     "family", "version", "size", "tuning", "mode", "date_tag"});
        for (const auto* e : rows) {
            const auto& m = e->facts();
            stream << std::make_tuple(e->model_key, display_name_of(*e), non_empty(e->organization),
                                      m.provisional, non_empty(m.family), non_empty(m.version),
                                      non_empty(m.size), non_empty(m.tuning), non_empty(m.mode),
                                      non_empty(m.date_tag));
        }
        stream.complete();
    }
    tx.exec0("INSERT INTO model (canonical_key, display_name, organization, provisional, family, "
             "version, size, tuning, mode, date_tag) "
             "SELECT DISTINCT ON (canonical_key) canonical_key, display_name, organization, "
             "provisional, family, version, size, tuning, mode, date_tag "
             "FROM incoming_model ORDER BY canonical_key, provisional "
             "ON CONFLICT (canonical_key) DO UPDATE SET "
             "provisional = excluded.provisional, family = excluded.family, "
             "version = excluded.version, size = excluded.size, tuning = excluded.tuning, "
             "mode = excluded.mode, date_tag = excluded.date_tag, "
             "display_name = CASE WHEN excluded.provisional THEN model.display_name "
             "ELSE excluded.display_name END");
    std::unordered_map<std::string, std::int64_t> by_key;
    for (const auto& row : tx.exec("SELECT m.canonical_key, m.id FROM model m "
                                   "JOIN (SELECT DISTINCT canonical_key FROM incoming_model) i "
                                   "USING (canonical_key)")) {
        by_key.emplace(row[0].as<std::string>(), row[1].as<std::int64_t>());
    }
    tx.exec0("DROP TABLE incoming_model");
    model_ids ids;
    for (const auto* e : rows) {
        ids.emplace(e->model_key, by_key.at(e->model_key));
    }
    return ids;
}

/// Whether the stored model row `r` (as read by upsert_models) already says what write_models
/// would set from `e`.
bool model_row_current(const pqxx::row& r, const entry& e) {
    const auto& m = e.facts();
    const auto text = [&r](int i) {
        const auto f = r[i];
        return f.is_null() ? std::string_view() : std::string_view(f.c_str(), f.size());
    };
    return r[2].as<bool>() == m.provisional && (m.provisional || text(3) == display_name_of(e)) &&
           text(4) == m.family && text(5) == m.version && text(6) == m.size &&
           text(7) == m.tuning && text(8) == m.mode && text(9) == m.date_tag;
}

/// The snapshot's models, key -> id. Most snapshots bring no new model and nothing new about
/// known ones, so the stored rows are read first (one query) and only the models that are new
/// or changed go through write_models' upsert, which writes a new version of every row it
/// touches: upserting them all cost ~25 ms of a 2,700-row snapshot's ~135 ms (bench/
/// replay_vs_copy.sh, docs/benchmarks.md).
model_ids upsert_models(pqxx::transaction_base& tx, const std::vector<entry>& entries) {
    struct key_state {
        std::optional<pqxx::row::size_type> stored; ///< row of the model in `stored`
        bool confirmed = false;                     ///< some row of the key is not provisional
        bool current = false; ///< the stored row already says what the upsert would write
    };
    std::unordered_map<std::string_view, key_state> keys;
    std::vector<std::string> key_list;
    for (const auto& e : entries) {
        const auto [it, inserted] = keys.try_emplace(e.model_key);
        if (inserted) {
            key_list.push_back(e.model_key);
        }
        it->second.confirmed |= !e.facts().provisional;
    }
    const auto stored = tx.exec_params(
        "SELECT canonical_key, id, provisional, display_name, family, version, size, tuning, "
        "mode, date_tag FROM model WHERE canonical_key = ANY($1::text[])",
        text_array(key_list));
    for (pqxx::row::size_type i = 0; i < stored.size(); ++i) {
        if (const auto it = keys.find(stored[i][0].c_str()); it != keys.end()) {
            it->second.stored = i;
        }
    }
    // Of several rows with one key (variants), the upsert takes any confirmed one, else any: a
    // key is current when one of those rows matches what is stored.
    for (const auto& e : entries) {
        auto& k = keys.at(e.model_key);
        if (!k.current && k.stored && e.facts().provisional != k.confirmed &&
            model_row_current(stored[*k.stored], e)) {
            k.current = true;
        }
    }
    std::vector<const entry*> stale;
    for (const auto& e : entries) {
        if (!keys.at(e.model_key).current) {
            stale.push_back(&e);
        }
    }
    model_ids ids = stale.empty() ? model_ids() : write_models(tx, stale);
    for (const auto& [key, k] : keys) {
        if (k.current) {
            ids.emplace(key, stored[*k.stored][1].as<std::int64_t>());
        }
    }
    return ids;
}

} // namespace

std::string to_timestamp_literal(time_point t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
}

void upsert_source(pqxx::transaction_base& tx, const source& src) {
    // Only a changed row is rewritten: every payload of every day calls this, and an
    // unconditional update wrote a new version of the source row (and its WAL) each time.
    tx.exec_params0("INSERT INTO source (id, title, url, format) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url, "
                    "format = excluded.format WHERE (source.title, source.url, source.format) "
                    "IS DISTINCT FROM (excluded.title, excluded.url, excluded.format)",
                    src.id, src.title, src.url, src.format);
}

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

std::int64_t insert_snapshot(pqxx::transaction_base& tx, const std::string& source_id,
                             time_point observed_at, const std::string& payload_sha256,
                             const std::vector<entry>& entries, const identity_stamp& identity,
                             const std::string& board_sha256) {
    const auto snapshot_id =
        tx.exec_params1(
              "INSERT INTO snapshot (source_id, observed_at, upstream_date, "
              "payload_sha256, row_count, rules_version, identity_version, board_sha256) "
              "VALUES ($1, $2::timestamptz, NULL, decode($3, 'hex'), $4, $5, $6, decode($7, "
              "'hex')) RETURNING id",
              source_id, to_timestamp_literal(observed_at), payload_sha256,
              static_cast<long long>(entries.size()), identity.rules_version, identity.version,
              board_sha256.empty() ? board_digest(entries) : board_sha256)[0]
            .as<std::int64_t>();
    write_entries(tx, snapshot_id, entries);
    return snapshot_id;
}

void replace_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                     const std::vector<entry>& entries, const identity_stamp& identity) {
    tx.exec_params0("DELETE FROM entry WHERE snapshot_id = $1", snapshot_id);
    write_entries(tx, snapshot_id, entries);
    tx.exec_params0("UPDATE snapshot SET row_count = $2, rules_version = $3, identity_version = $4 "
                    "WHERE id = $1",
                    snapshot_id, static_cast<long long>(entries.size()), identity.rules_version,
                    identity.version);
}

void record_fetch(pqxx::transaction_base& tx, const fetch_record& f) {
    tx.exec_params0(
        "INSERT INTO fetch_log (source_id, started_at, status, url, http_status, bytes, "
        "payload_sha256, etag, last_modified, error, snapshot_id, collapsed_rows) "
        "VALUES ($1, $2::timestamptz, $3, $4, $5, $6, decode(nullif($7, ''), 'hex'), $8, $9, $10, "
        "$11, $12)",
        f.source_id, to_timestamp_literal(f.started_at), f.status, non_empty(f.url), f.http_status,
        f.bytes, f.payload_sha256, non_empty(f.etag), non_empty(f.last_modified),
        non_empty(f.error), f.snapshot_id, f.collapsed_rows);
}

std::optional<std::int64_t> last_collapsed_rows(pqxx::transaction_base& tx,
                                                const std::string& source_id, time_point t) {
    const auto r =
        tx.exec_params("SELECT collapsed_rows FROM fetch_log WHERE source_id = $1 AND started_at < "
                       "$2::timestamptz ORDER BY started_at DESC, id DESC LIMIT 1",
                       source_id, to_timestamp_literal(t));
    if (r.empty() || r[0][0].is_null()) {
        return std::nullopt;
    }
    return r[0][0].as<std::int64_t>();
}

std::optional<snapshot_record> snapshot_at_or_before(pqxx::transaction_base& tx,
                                                     const std::string& source_id,
                                                     std::optional<time_point> at) {
    if (!at) {
        return first_record(
            tx.exec_params(fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 "
                                       "ORDER BY observed_at DESC LIMIT 1",
                                       snapshot_columns),
                           source_id));
    }
    return latest_where(tx, source_id, "<=", *at);
}

std::optional<snapshot_record> snapshot_before(pqxx::transaction_base& tx,
                                               const std::string& source_id, time_point t) {
    return latest_where(tx, source_id, "<", t);
}

std::optional<snapshot_record> first_snapshot_after(pqxx::transaction_base& tx,
                                                    const std::string& source_id, time_point t) {
    return first_record(
        tx.exec_params(fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 AND observed_at > "
                                   "$2::timestamptz ORDER BY observed_at LIMIT 1",
                                   snapshot_columns),
                       source_id, to_timestamp_literal(t)));
}

std::vector<snapshot_record> snapshots_of_source(pqxx::transaction_base& tx,
                                                 const std::string& source_id) {
    std::vector<snapshot_record> out;
    for (const auto& r : tx.exec_params(
             fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 ORDER BY observed_at",
                         snapshot_columns),
             source_id)) {
        out.push_back(to_record(r));
    }
    return out;
}

std::optional<snapshot_record> snapshot_by_id(pqxx::transaction_base& tx, std::int64_t id) {
    return first_record(
        tx.exec_params(fmt::format("SELECT {} FROM snapshot WHERE id = $1", snapshot_columns), id));
}

std::optional<snapshot_record> snapshot_exactly_at(pqxx::transaction_base& tx,
                                                   const std::string& source_id, time_point t) {
    return latest_where(tx, source_id, "=", t);
}

namespace {

/// The columns entries_of reads, from `entry e JOIN model m`.
const char* const entry_columns =
    "e.row_number, e.raw_name, m.canonical_key, e.variant, e.organization, e.rank, e.score, "
    "e.ci_plus, e.ci_minus, e.votes, e.license, e.knowledge_cutoff, e.metrics, e.metric_units";

std::vector<entry> entries_of(const pqxx::result& result);

} // namespace

std::vector<entry> load_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id) {
    // One query, metrics as their JSON text: expanding them server-side (jsonb_each_text) was a
    // second query as slow as the first, and a 10,000-row board loads in every `board` and
    // twice per board in `movers` (docs/benchmarks.md).
    // No ORDER BY: the rows mostly come in row order already (the hash join keeps the order of
    // the entry index scan), and PostgreSQL's sort of 10,000 rows was ~3 ms of `board`'s ~20 ms
    // on the server (docs/benchmarks.md); they are checked, and sorted when they do not.
    auto entries = entries_of(
        tx.exec_params(fmt::format("SELECT {} FROM entry e JOIN model m ON m.id = e.model_id "
                                   "WHERE e.snapshot_id = $1",
                                   entry_columns),
                       snapshot_id));
    order_entries_by(entries, [](const entry& e) { return e.row; });
    return entries;
}

std::vector<entry> load_top_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                    int max_rank) {
    // The rank filter applies before the join, so only those model rows are looked up.
    return entries_of(tx.exec_params(
        fmt::format("SELECT {} FROM (SELECT * FROM entry WHERE snapshot_id = $1 AND rank <= $2) e "
                    "JOIN model m ON m.id = e.model_id ORDER BY e.rank, e.row_number",
                    entry_columns),
        snapshot_id, max_rank));
}

std::vector<entry> load_entries_of_models(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                          const std::vector<std::string>& model_keys) {
    if (model_keys.empty()) {
        return {};
    }
    std::string keys;
    for (const auto& k : model_keys) {
        keys += (keys.empty() ? "" : ", ") + tx.quote(k);
    }
    auto entries = entries_of(
        tx.exec_params(fmt::format("SELECT {} FROM entry e JOIN model m ON m.id = e.model_id "
                                   "WHERE e.snapshot_id = $1 AND m.canonical_key IN ({})",
                                   entry_columns, keys),
                       snapshot_id));
    order_entries_by(entries, [](const entry& e) { return e.row; });
    return entries;
}

stored_rank_moves rank_moves_between(pqxx::transaction_base& tx, std::int64_t earlier,
                                     std::int64_t later, std::size_t limit) {
    stored_rank_moves moves;
    // count(*) OVER () is taken before the LIMIT: every moved row, not just those returned (one
    // row at least, so the count comes back even for limit 0). COLLATE "C" orders names by
    // bytes, as the caller's std::string comparison does. The model key is looked up for the
    // returned rows only (PostgreSQL evaluates a subquery of the select list after the LIMIT).
    for (const auto& r : tx.exec_params(
             "SELECT a.raw_name, a.variant, b.rank, a.rank, count(*) OVER (), "
             "(SELECT canonical_key FROM model WHERE id = a.model_id) "
             "FROM entry a JOIN entry b ON b.snapshot_id = $1 AND b.model_id = a.model_id "
             "AND b.variant = a.variant "
             "WHERE a.snapshot_id = $2 AND a.rank <> b.rank "
             "ORDER BY abs(b.rank - a.rank) DESC, a.rank, a.raw_name COLLATE \"C\" LIMIT $3",
             earlier, later, static_cast<long long>(std::max<std::size_t>(limit, 1)))) {
        moves.total = r[4].as<std::size_t>();
        if (moves.largest.size() < limit) {
            moves.largest.push_back(
                {r[0].c_str(), r[1].c_str(), r[2].as<int>(), r[3].as<int>(), r[5].c_str()});
        }
    }
    return moves;
}

namespace {

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

std::vector<entry> entries_of(const pqxx::result& result) {
    std::vector<entry> entries;
    entries.reserve(result.size());
    json_object_reader metrics_reader;
    json_object_reader units_reader;
    for (const auto& r : result) {
        field_cursor f(r);
        entry& e = entries.emplace_back();
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
        if (!e.metrics.empty()) {
            std::ranges::sort(e.metrics, {}, &metric::name);
            units_reader.read(f.peek(), [&e](std::string_view name, simdjson::ondemand::value v) {
                const auto it = std::ranges::lower_bound(e.metrics, name, {}, &metric::name);
                if (it != e.metrics.end() && it->name == name) {
                    it->unit = std::string(v.get_string().value());
                }
            });
        }
    }
    return entries;
}

} // namespace

} // namespace lbtrack::store

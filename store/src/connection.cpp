#include "lbtrack/store/connection.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <string_view>

namespace lbtrack::store {

namespace {

/// A conninfo value in single quotes, as libpq reads it.
std::string quoted(std::string_view value) {
    std::string out = "'";
    for (const char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

/// Every session's settings, sent in the startup packet rather than as one SET round trip each
/// after it (three of a query command's ~12 round trips; docs/benchmarks.md, issue 19):
///   - TimeZone UTC: snapshots are stored and compared in UTC whatever the server's setting;
///   - jit off: lbtrack's reads are short and indexed, but a planner estimate can still pass
///     jit_above_cost (100 rows per jsonb function call, say), and compiling then took 10-30 ms
///     of a 25 ms query on a 10,000-row board (docs/benchmarks.md);
///   - synchronous_commit on: what lbtrack reports stored must survive a crash, whatever the
///     server's default; each commit waits for its WAL flush. Replays opt out with a SET and
///     flush before they report (app/pipeline/reported_when_durable.hpp).
/// The conninfo (key=value or URI, or empty for the PG* variables) is rewritten as key=value
/// with these appended to its own options (or PGOPTIONS'); one libpq cannot read is passed on
/// unchanged, so the connection fails with libpq's own reason.
std::string with_session_settings(const std::string& conninfo) {
    constexpr std::string_view settings = "-c TimeZone=UTC -c jit=off -c synchronous_commit=on";
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
    if (parsed == nullptr) {
        PQfreemem(error);
        return conninfo;
    }
    std::string out;
    std::string options;
    for (const auto* o = parsed; o->keyword != nullptr; ++o) {
        if (o->val == nullptr) {
            continue;
        }
        if (std::string_view(o->keyword) == "options") {
            options = o->val;
        } else {
            out += fmt::format("{}={} ", o->keyword, quoted(o->val));
        }
    }
    PQconninfoFree(parsed);
    if (options.empty()) {
        if (const char* env = std::getenv("PGOPTIONS")) {
            options = env;
        }
    }
    // Later -c settings win, so a user's own TimeZone or jit in options is overridden, as the
    // SETs after connecting did.
    options += options.empty() ? std::string(settings) : " " + std::string(settings);
    return out + "options=" + quoted(options);
}

} // namespace

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        return std::make_unique<pqxx::connection>(with_session_settings(conninfo));
    } catch (const pqxx::broken_connection& e) {
        throw database_unavailable(fmt::format("cannot connect to PostgreSQL: {}", e.what()));
    }
}

void wait_for_durable_commits(pqxx::connection_base& conn) {
    pqxx::work tx(conn);
    // A commit waits for the flush only when its transaction wrote WAL: an id alone
    // (txid_current()) commits without waiting. A transactional logical message is the smallest
    // write (one WAL record, no table, allowed to any role); logical decoding, where someone runs
    // it, sees it as an 'lbtrack' message.
    tx.exec0("SET LOCAL synchronous_commit = on");
    tx.exec1("SELECT pg_logical_emit_message(true, 'lbtrack', 'durable')");
    tx.commit();
}

} // namespace lbtrack::store

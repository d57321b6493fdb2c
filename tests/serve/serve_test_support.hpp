#pragma once
// Shared by the serve tests: a fresh database per test with boards written through the store
// (so a test chooses every name, including hostile ones), `lbtrack serve`'s server started
// in-process on a free loopback port, and a small Beast HTTP client.

#include "support/lbtrack_cli.hpp"
#include "support/pg_test_database.hpp"

#include "lbtrack/core/sha256.hpp"
#include "lbtrack/serve/server.hpp"
#include "lbtrack/store/connection.hpp"
#include "lbtrack/store/migrations.hpp"
#include "lbtrack/store/payload_store.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::test {

struct http_answer {
    unsigned status = 0;
    std::map<std::string, std::string> headers; ///< names lowercased
    std::string body;

    std::string header(const std::string& lowercase_name) const {
        const auto it = headers.find(lowercase_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// One request on a new connection to 127.0.0.1:port.
inline http_answer http_request(unsigned short port, const std::string& target,
                                const std::string& method = "GET", const std::string& accept = {}) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace http = beast::http;
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (!accept.empty()) {
        req.set(http::field::accept, accept);
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    parser.skip(method == "HEAD");
    http::read(stream, buffer, parser);
    http_answer out;
    const auto& res = parser.get();
    out.status = res.result_int();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out.headers[name] = std::string(f.value());
    }
    out.body = res.body();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    return out;
}

/// A document as Python's own parsers read it (tests/serve/inspect_output.py): an independent
/// check of our HTML, Atom, JSON and CSV. `ok` false: it did not parse, `error` says why.
struct inspected {
    bool ok = false;
    std::string error;
    std::string json; ///< what the script printed
    simdjson::dom::parser parser;
    simdjson::padded_string padded;
    simdjson::dom::element root;
};

inline std::unique_ptr<inspected> inspect(const std::string& mode, const std::string& document) {
    auto out = std::make_unique<inspected>();
    const temp_dir dir;
    const auto input = dir.path() + "/document";
    const auto errors = dir.path() + "/errors";
    std::ofstream(input, std::ios::binary) << document;
    const auto command = fmt::format("/usr/bin/python3 '{}/tests/serve/inspect_output.py' {} '{}' "
                                     "2>'{}'",
                                     LBTRACK_SOURCE_DIR, mode, input, errors);
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        out->error = "cannot run python3";
        return out;
    }
    char buffer[65536];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out->json.append(buffer, n);
    }
    const int status = pclose(pipe);
    std::ifstream err(errors);
    out->error.assign(std::istreambuf_iterator<char>(err), {});
    out->ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (out->ok) {
        out->padded = simdjson::padded_string(out->json);
        out->root = out->parser.parse(out->padded);
    }
    return out;
}

/// A string member of a JSON object ("" when absent or not a string).
inline std::string str(simdjson::dom::element e, const char* key) {
    std::string_view v;
    return e[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

/// A row for a test board.
struct test_row {
    std::string name;
    std::optional<int> rank;
    std::optional<double> score;
    std::string key{}; ///< default: the name, lowercased
    std::string variant{};
    std::optional<double> ci{};
    std::optional<long long> votes{};
};

inline lbtrack::time_point day(int y, unsigned m, unsigned d) {
    return lbtrack::time_point(std::chrono::sys_days(std::chrono::year(y) / m / d));
}

class serve_test : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        url_ = fresh_database(std::string("serve_") + info->name());
        conn_ = store::connect(url_);
        store::migrate(*conn_);
    }

    void TearDown() override { stop(); }

    /// Stores a snapshot of `source_id` observed at `at` holding `rows`, and its fetch.
    void put_board(const std::string& source_id, lbtrack::time_point at,
                   const std::vector<test_row>& rows, const std::string& title = {}) {
        pqxx::work tx(*conn_);
        source src;
        src.id = source_id;
        src.title = title.empty() ? source_id + " board" : title;
        src.url = "https://example.org/" + source_id + ".csv";
        src.format = "csv";
        store::upsert_source(tx, src);
        std::vector<entry> entries;
        std::string payload = source_id + "@" + format_rfc3339(at);
        for (const auto& r : rows) {
            entry e;
            e.row = entries.size() + 1;
            e.raw_name = r.name;
            e.model_key = r.key.empty() ? lowercase(r.name) : r.key;
            e.variant = r.variant;
            e.rank = r.rank;
            e.score = r.score;
            e.ci_plus = r.ci;
            e.ci_minus = r.ci;
            e.votes = r.votes;
            entries.push_back(e);
            payload += "\n" + r.name;
        }
        const auto sha = sha256_hex(payload);
        store::put_payload(tx, sha, payload);
        const auto id = store::insert_snapshot(tx, source_id, at, sha, entries, {1, "test"});
        store::fetch_record f;
        f.source_id = source_id;
        f.started_at = at;
        f.status = store::fetch_status::stored;
        f.url = src.url;
        f.snapshot_id = id;
        store::record_fetch(tx, f);
        tx.commit();
    }

    /// Records a failed fetch of an existing source.
    void fail_fetch(const std::string& source_id, lbtrack::time_point at,
                    const std::string& error) {
        pqxx::work tx(*conn_);
        store::fetch_record f;
        f.source_id = source_id;
        f.started_at = at;
        f.status = store::fetch_status::failed;
        f.error = error;
        store::record_fetch(tx, f);
        tx.commit();
    }

    /// Options whose "now" is 2025-07-03, the day after the sample histories end, and whose
    /// answers follow every commit at once (tests store and read in turn).
    static serve::server_options test_options() {
        serve::server_options options;
        options.now = [] { return day(2025, 7, 3); };
        options.version_check_interval = std::chrono::milliseconds(0);
        return options;
    }

    /// Starts the server on a free loopback port against this test's database.
    void start(serve::server_options options = test_options()) {
        options.listen = {"127.0.0.1", 0};
        options.conninfo = url_;
        server_ = std::make_unique<serve::server>(std::move(options));
        server_->start();
    }

    void stop() {
        if (server_) {
            server_->stop();
            server_.reset();
        }
    }

    http_answer get(const std::string& target, const std::string& accept = {}) {
        return http_request(server_->port(), target, "GET", accept);
    }

    unsigned short port() const { return server_->port(); }

    static std::string lowercase(std::string s) {
        for (auto& c : s) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return s;
    }

    std::string url_;
    std::unique_ptr<pqxx::connection> conn_;
    std::unique_ptr<serve::server> server_;
};

} // namespace lbtrack::test

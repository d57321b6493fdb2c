// `run` in-process, fetching through the environment's fetcher (issue 22): a fake that serves
// fixture bytes stands in for the network, with no HTTP server and no curl. Before, run called
// the curl multi fetcher directly and only `extract` could be driven this way.

#include "cli_test_support.hpp"
#include "commands.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/deploy/database.hpp"
#include "lbtrack/ingest/fetcher.hpp"

#include <chrono>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace lbtrack::test;
using namespace std::chrono;

/// Serves the bytes it was given per URL; any other URL fails like an unreachable one.
class fake_fetcher final : public lbtrack::ingest::fetcher {
public:
    std::map<std::string, std::string> bodies;
    std::vector<std::pair<std::string, std::string>> asked; ///< (source id, URL) per fetch

    lbtrack::ingest::fetch_result fetch(const lbtrack::ingest::fetch_request& request) override {
        asked.emplace_back(request.source_id, request.url);
        const auto it = bodies.find(request.url);
        if (it == bodies.end()) {
            throw lbtrack::fetch_error(request.source_id, request.url, "not served by the fake");
        }
        lbtrack::ingest::fetch_result result;
        result.url = request.url;
        result.body = it->second;
        result.http_status = 200;
        result.content_type = "text/csv";
        return result;
    }
};

class RunInjectedFetcher : public cli_test {
protected:
    /// run_command in this process, on this test's database, fetching through `fetcher_`.
    int run(const std::string& report) {
        lbtrack::deploy::database database(
            lbtrack::deploy::database_choice{db_url_, "test database", std::nullopt});
        out_.str("");
        lbtrack::app::environment env{fetcher_, [this] { return now_; }, out_, database};
        lbtrack::app::run_options options;
        options.files.config = real_config();
        options.sources = {"lmarena-text"};
        options.report = lbtrack::diff::parse_report_format(report);
        return lbtrack::app::run_command(options, env);
    }

    std::string source_url() const { return std::string(upstream_prefix) + "lmarena_text.csv"; }

    fake_fetcher fetcher_;
    std::ostringstream out_;
    lbtrack::time_point now_ = sys_days{2025y / July / 3} + hours(6);
};

TEST_F(RunInjectedFetcher, StoresWhatTheFetcherServesAndReportsIt) {
    fetcher_.bodies[source_url()] = read_file(fixture("lmarena/2025-07-01.csv"));
    ASSERT_EQ(run("md"), 0);
    ASSERT_EQ(fetcher_.asked.size(), 1u);
    EXPECT_EQ(fetcher_.asked[0].first, "lmarena-text");
    EXPECT_EQ(fetcher_.asked[0].second, source_url());
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 13);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'stored' AND url = '" +
                    source_url() + "' AND http_status = 200"),
              1);
    // The snapshot is dated by the injected clock, not the machine's.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at = "
                    "'2025-07-03 06:00:00+00'"),
              1);
    EXPECT_NE(out_.str().find("## LMArena text leaderboard (`lmarena-text`)"), std::string::npos)
        << out_.str();
    EXPECT_NE(out_.str().find("First snapshot"), std::string::npos) << out_.str();

    fetcher_.bodies[source_url()] = read_file(fixture("lmarena/2025-07-02.csv"));
    now_ += hours(24);
    ASSERT_EQ(run("md"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_NE(out_.str().find("**New leader:** o3-2025-04-16 (was Gemini-2.5-Pro)"),
              std::string::npos)
        << out_.str();
}

TEST_F(RunInjectedFetcher, AFetchTheFetcherFailsStoresNothingAndIsReported) {
    ASSERT_EQ(run("md"), static_cast<int>(lbtrack::exit_code::source_failed));
    ASSERT_EQ(fetcher_.asked.size(), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 1);
    EXPECT_NE(out_.str().find("## Failed sources"), std::string::npos) << out_.str();
    // Markdown escapes the URL's underscores; the message is the fetcher's, whole otherwise.
    EXPECT_NE(out_.str().find("- source 'lmarena-text': fetch of " + std::string(upstream_prefix)),
              std::string::npos)
        << out_.str();
    EXPECT_NE(out_.str().find(" failed: not served by the fake"), std::string::npos) << out_.str();
}

} // namespace

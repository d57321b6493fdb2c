// Values stored from real files of ../shared/data, pinned against the raw files as read by hand:
// per board family, models on two dates (rank, score, CI, votes where the board has them),
// including the catalog (CI from two bounds), the wide table, a computed score (LiveBench's
// mean), published medal ranks and unranked reference rows (SuperCLUE), a lower-is-better
// board (Vectara) and both print formats of arena-hard-auto's README. Each file is replayed
// alone with the shipped config/sources.toml. Derived ranks were counted in the raw file
// (competition ranking: 1 + the rows with a better score).

#include "../app/cli_test_support.hpp"

#include <filesystem>
#include <optional>
#include <set>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

struct pinned {
    const char* board;
    const char* file; ///< the dated file of the board's folder
    const char* name; ///< the model as printed
    std::optional<int> rank;
    std::optional<double> score;
    std::optional<double> ci_plus = std::nullopt;
    std::optional<double> ci_minus = std::nullopt;
    std::optional<long long> votes = std::nullopt;
};

// clang-format off
const pinned cases[] = {
    // LMArena CSV export: rank as published, "+3/-3", votes. The 2024-10-29 file still spells
    // "Llama-3-70b-Instruct"; from 2024-11-05 "Llama-3-70B-Instruct".
    {"lmarena-text", "2024-10-29.csv", "GPT-4o-2024-05-13", 6, 1285, 3, 3, 102960},
    {"lmarena-text", "2024-10-29.csv", "Claude 3.5 Sonnet (20240620)", 11, 1268, 3, 3, 81086},
    {"lmarena-text", "2024-10-29.csv", "Llama-3-70b-Instruct", 42, 1206, 2, 2, 163932},
    {"lmarena-text", "2025-08-04.csv", "GPT-4o-2024-05-13", 79, 1302, 3, 3, 117747},
    {"lmarena-text", "2025-08-04.csv", "Claude 3.5 Sonnet (20240620)", 100, 1283, 3, 3, 86159},
    {"lmarena-text", "2025-08-04.csv", "Llama-3-70B-Instruct", 145, 1224, 3, 3, 163629},
    // The catalog: "full" members, rating with its q025/q975 bounds; rank derived.
    {"lmarena-catalog-text", "2025-01-29.json", "gpt-4o-2024-05-13", 18, 1263.4682733987736,
     1265.8483722696008 - 1263.4682733987736, 1263.4682733987736 - 1260.178637503546},
    {"lmarena-catalog-text", "2025-01-29.json", "claude-3-5-sonnet-20240620", 19,
     1259.582877063515, 1262.4911771979375 - 1259.582877063515,
     1259.582877063515 - 1256.9697550405901},
    {"lmarena-catalog-text", "2025-01-29.json", "llama-3-70b-instruct", 70,
     1195.178909454748, 1197.5892643067602 - 1195.178909454748,
     1195.178909454748 - 1193.0108223062873},
    {"lmarena-catalog-text", "2025-12-11.json", "gpt-4o-2024-05-13", 119, 1301.1368441320633,
     1304.470918025407 - 1301.1368441320633, 1301.1368441320633 - 1297.8027702387196},
    {"lmarena-catalog-text", "2025-12-11.json", "llama-3-70b-instruct", 176, 1221.7492444378413,
     1225.2930195819943 - 1221.7492444378413, 1221.7492444378413 - 1218.2054692936883},
    {"lmarena-catalog-text", "2025-12-11.json", "claude-3-5-sonnet-20240620", 140,
     1281.6114695219708, 1284.9386392534288 - 1281.6114695219708,
     1281.6114695219708 - 1278.2842997905127},
    // The wide table: the newest date's row (20241113, 20250227), 0.0 = absent.
    {"lmarena-elo-wide", "2024-11-15.csv", "gpt-4o-2024-05-13", 11, 1284.913967565682},
    {"lmarena-elo-wide", "2024-11-15.csv", "claude-3-5-sonnet-20240620", 18, 1268.056966676963},
    {"lmarena-elo-wide", "2024-11-15.csv", "llama-3-70b-instruct", 52, 1206.469063648442},
    {"lmarena-elo-wide", "2025-03-02.csv", "gpt-4o-2024-05-13", 32, 1284.717838655607},
    {"lmarena-elo-wide", "2025-03-02.csv", "claude-3-5-sonnet-20240620", 44, 1268.140330174991},
    {"lmarena-elo-wide", "2025-03-02.csv", "llama-3-70b-instruct", 89, 1206.3842849679004},
    // LiveBench: no overall column; the score is the mean of the task columns (24 on
    // 2024-06-04, 23 on 2026-06-30), rounded to one decimal more than the tasks' 3.
    {"livebench", "2024-06-04.csv", "gpt-4-turbo-2024-04-09", 1, 43.2871},
    {"livebench", "2024-06-04.csv", "gpt-4o-2024-05-13", 2, 42.6762},
    {"livebench", "2024-06-04.csv", "claude-3-opus-20240229", 3, 39.6464},
    {"livebench", "2026-06-30.csv", "gpt-5.5-xhigh", 1, 81.2806},
    {"livebench", "2026-06-30.csv", "gpt-5.4-xhigh", 2, 80.9063},
    {"livebench", "2026-06-30.csv", "gemini-3.1-pro-preview-high", 3, 80.707},
    // Open LLM Leaderboard v2 before and after its 2024-12-11 schema switch; ranks derived.
    {"openllm-v2", "2024-07-13.csv", "Qwen/Qwen2-72B-Instruct", 1, 42.49},
    {"openllm-v2", "2024-07-13.csv", "meta-llama/Meta-Llama-3-70B-Instruct", 2, 36.18},
    {"openllm-v2", "2024-07-13.csv", "01-ai/Yi-1.5-34B-Chat", 7, 32.63},
    {"openllm-v2", "2025-03-21.csv", "Qwen/Qwen2-72B-Instruct", 58, 43.594062463678},
    {"openllm-v2", "2025-03-21.csv", "01-ai/Yi-1.5-34B-Chat", 767, 33.3579936707562},
    {"openllm-v2", "2025-03-21.csv", "meta-llama/Meta-Llama-3-70B-Instruct", 534, 36.3722241292701},
    // AlpacaEval 2: the plain win rate before 2024-03-20, the length-controlled one after.
    {"alpacaeval-2", "2024-01-10.csv", "GPT-4 Turbo", 1, 50.0},
    {"alpacaeval-2", "2024-01-10.csv", "Yi 34B Chat", 2, 29.65994671879504},
    {"alpacaeval-2", "2024-01-10.csv", "GPT-4", 3, 23.576789314782605},
    {"alpacaeval-2", "2024-12-27.csv", "GPT-4 Omni (05/13)", 20, 57.45682883335095},
    {"alpacaeval-2", "2024-12-27.csv", "GPT-4 Preview (11/06)", 31, 50.0},
    {"alpacaeval-2", "2024-12-27.csv", "Yi 34B Chat", 78, 27.19054787762733},
    // BFCL: ranks as published (a tie at 84.16% is ranked 2 and 3 upstream), "84.28%".
    {"bfcl", "2024-03-21.csv", "GPT-4-1106-Preview (FC)", 1, 84.28},
    {"bfcl", "2024-03-21.csv", "GPT-4-0125-Preview (FC)", 2, 84.16},
    {"bfcl", "2024-03-21.csv", "Gorilla-OpenFunctions-v2 (FC)", 3, 84.16},
    {"bfcl", "2025-12-17.csv", "Claude-Opus-4-5-20251101 (FC)", 1, 77.47},
    {"bfcl", "2025-12-17.csv", "Claude-Sonnet-4-5-20250929 (FC)", 2, 73.24},
    {"bfcl", "2025-12-17.csv", "Gemini-3-Pro-Preview (Prompt)", 3, 72.51},
    // EvalPlus results.json, before and after pass@1 moved (2024-04-20); HumanEval+.
    {"evalplus-results", "2024-03-23.json", "GPT-4-Turbo (Nov 2023)", 1, 81.7},
    {"evalplus-results", "2024-03-23.json", "GPT-4 (May 2023)", 2, 79.3},
    {"evalplus-results", "2024-03-23.json", "Code-13B", 30, 51.8},
    {"evalplus-results", "2024-12-26.json", "GPT-4-Turbo (Nov 2023)", 10, 81.7},
    {"evalplus-results", "2024-12-26.json", "GPT-4 (May 2023)", 13, 79.3},
    {"evalplus-results", "2024-12-26.json", "Code-13B", 61, 52.4},
    // Arena-Hard-Auto: the CSV's "(-1.81, +2.42)"; the README's console lines and pandas
    // print-out ("(-0.8 / +0.9)").
    {"arena-hard-auto-csv", "2024-07-03.csv", "gpt-4-turbo-2024-04-09", 1, 82.63, 2.42, 1.81},
    {"arena-hard-auto-csv", "2024-07-31.csv", "claude-3-5-sonnet-20240620", 2, 79.35, 1.27, 2.10},
    {"arena-hard-auto", "2024-07-31.md", "claude-3-5-sonnet-20240620", 1, 79.3, 2.0, 2.1},
    {"arena-hard-auto", "2024-07-31.md", "gpt-4o", 2, 79.2, 1.7, 1.9},
    {"arena-hard-auto", "2025-06-21.md", "o3-2025-04-16", 1, 85.9, 0.9, 0.8},
    {"arena-hard-auto", "2025-06-21.md", "gemini-2.5", 3, 79.0, 1.8, 2.1},
    // SuperCLUE 2023-07-24: medals as published (文心一言 1, ChatGLM-130B 2, 讯飞星火 3); the
    // human baseline and "-" reference models (GPT-4) stored without a rank.
    {"superclue", "2023-07-24.md", "文心一言(v2.2.0)", 1, 62.00},
    {"superclue", "2023-07-24.md", "ChatGLM-130B", 2, 59.35},
    {"superclue", "2023-07-24.md", "讯飞星火(v1.5)", 3, 58.02},
    {"superclue", "2023-07-24.md", "人类", std::nullopt, 83.66},
    {"superclue", "2023-07-24.md", "GPT-4", std::nullopt, 70.89},
    // CMMLU's five-shot table, a linked name and bold values.
    {"cmmlu", "2024-07-08.md", "Qwen1.5-110B", 1, 88.32},
    // Vectara: lower hallucination rates rank first ("1.5 %").
    {"vectara-hallucination", "2024-07-26.md", "GPT-4o", 1, 1.5},
    {"vectara-hallucination", "2024-07-26.md", "GPT-4o-mini", 3, 1.7},
};
// clang-format on

class PinnedRealValues : public cli_test {};

TEST_F(PinnedRealValues, StoredRowsEqualTheRawFiles) {
    const fs::path root = shared_data_dir();
    if (!fs::is_directory(root / "lmarena-text")) {
        GTEST_SKIP() << "no real board history under " << root.string()
                     << " (set LBTRACK_SHARED_DATA)";
    }
    std::set<std::string> replayed;
    for (const auto& c : cases) {
        const std::string key = std::string(c.board) + "/" + c.file;
        if (replayed.insert(key).second) {
            temp_dir dir;
            fs::copy_file(root / c.board / c.file, fs::path(dir.path()) / c.file);
            const auto r = lbtrack({"replay", "--source", c.board, dir.path()});
            ASSERT_EQ(r.exit_code, 0) << key << "\n" << r.err;
        }
        SCOPED_TRACE(key + ": " + c.name);
        pqxx::connection conn(db_url_);
        pqxx::nontransaction tx(conn);
        const auto rows = tx.exec_params(
            "SELECT e.rank, e.score, e.ci_plus, e.ci_minus, e.votes FROM entry e "
            "JOIN snapshot s ON s.id = e.snapshot_id WHERE s.source_id = $1 AND "
            "to_char(s.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') = $2 AND e.raw_name = $3 "
            "ORDER BY e.row_number LIMIT 1",
            c.board, std::string(c.file).substr(0, 10), c.name);
        ASSERT_EQ(rows.size(), 1u) << "not stored";
        const auto& row = rows[0];
        if (c.rank) {
            EXPECT_EQ(row[0].is_null() ? -1 : row[0].as<int>(), *c.rank);
        } else if (std::string(c.board) == "superclue") {
            EXPECT_TRUE(row[0].is_null()) << "a reference row has no rank";
        }
        const auto near = [](const pqxx::field& f, std::optional<double> want) {
            if (!want) {
                return;
            }
            ASSERT_FALSE(f.is_null());
            EXPECT_NEAR(f.as<double>(), *want, 1e-6);
        };
        near(row[1], c.score);
        near(row[2], c.ci_plus);
        near(row[3], c.ci_minus);
        if (c.votes) {
            EXPECT_EQ(row[4].as<long long>(), *c.votes);
        }
    }
}

// cmmlu's tables carry one-cell section rows ("| 开放测试的模型 |", "| 未开放测试的模型 |": open
// and closed models); they are captions, never models.
TEST_F(PinnedRealValues, CmmluSectionRowsAreNotModels) {
    const fs::path root = shared_data_dir();
    if (!fs::is_directory(root / "cmmlu")) {
        GTEST_SKIP() << "no cmmlu history under " << root.string();
    }
    temp_dir dir;
    fs::copy_file(root / "cmmlu/2024-07-08.md", fs::path(dir.path()) / "2024-07-08.md");
    const auto r = lbtrack({"replay", "--source", "cmmlu", dir.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM entry WHERE raw_name LIKE '%测试的模型%'"), 0);
    EXPECT_GT(count("SELECT count(*) FROM entry"), 0);
}

} // namespace

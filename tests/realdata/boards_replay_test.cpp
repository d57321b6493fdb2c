// Every board of ../shared/data (LBTRACK_SHARED_DATA) replayed with the shipped
// config/sources.toml: per board, every dated file is stored, recorded unchanged (the same
// board as the snapshot before) or, for a page, recorded as holding no board yet; none fails;
// and each stored snapshot holds as many rows as a count made from its raw file with rules of
// this test's own (its own CSV splitter and simdjson's DOM, and count_page_rows.py for Markdown
// and HTML pages; not lbtrack's parsers):
// - a data row is a CSV record with as many fields as the header and a non-empty model cell
//   (a record of another length is the malformed row a `malformed_rows = "skip"` board leaves
//   out); a JSON row is a member of the chosen object, or an array element, with a model;
// - rows of one model and variant are stored once: names compared case-insensitively with runs
//   of spaces, '_' and '-' as one separator (what the spelling key does to ASCII names).

#include "../app/cli_test_support.hpp"

#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

enum class shape { csv, wide_csv, json_object_at, json_array, page };

struct board {
    std::string id;
    shape kind = shape::csv;
    /// The model column: header names tried in order ("#1": the first column), or, for JSON,
    /// the pointer of the object whose members are the rows ("" = the document) or the field
    /// of an array element.
    std::vector<std::string> model;
    std::vector<std::string> variant; ///< variant column names tried in order; none: no variant
};

const std::vector<board>& boards() {
    static const std::vector<board> all{
        {"lmarena-text", shape::csv, {"model"}, {}},
        {"lmarena-vision", shape::csv, {"model"}, {}},
        {"lmarena-image", shape::csv, {"model"}, {}},
        {"lmarena-openllm-merged", shape::csv, {"key"}, {"precision", "model_precision"}},
        {"openllm-v1", shape::csv, {"fullname"}, {"precision"}},
        {"openllm-v2", shape::csv, {"fullname", "model_name"}, {"precision", "model_precision"}},
        {"openllm-v1-report", shape::csv, {"Model"}, {}},
        {"arena-hard-auto-csv", shape::csv, {"model"}, {}},
        {"alpacaeval-2", shape::csv, {"name"}, {"filter"}},
        {"alpacaeval-1", shape::csv, {"name"}, {"filter"}},
        {"alpacaeval-2-ids", shape::csv, {"#1"}, {}},
        {"livebench", shape::csv, {"model"}, {}},
        {"livebench-lmarena-merged", shape::csv, {"Model Name (LiveBench)", "Model"}, {}},
        {"bfcl", shape::csv, {"Model"}, {}},
        {"evalplus-humaneval", shape::csv, {"Model"}, {"Size"}},
        {"evalplus-mbpp", shape::csv, {"Model"}, {}},
        {"lmarena-elo-wide", shape::wide_csv, {}, {}},
        {"lmarena-catalog-text", shape::json_object_at, {"/full"}, {}},
        {"lmarena-catalog-text-style", shape::json_object_at, {"/full"}, {}},
        {"lmarena-catalog-vision", shape::json_object_at, {"/full"}, {}},
        {"lmarena-catalog-vision-style", shape::json_object_at, {"/full"}, {}},
        {"lmarena-catalog-image", shape::json_object_at, {"/full"}, {}},
        {"evalplus-results", shape::json_object_at, {""}, {}},
        {"livebench-lmarena-mapping", shape::json_array, {"model_livebench"}, {}},
        {"vectara-hallucination", shape::page, {}, {}},
        {"arena-hard-auto", shape::page, {}, {}},
        {"lmarena-blog-md", shape::page, {}, {}},
        {"lmarena-blog-html", shape::page, {}, {}},
        {"modelrank-openllm-readme", shape::page, {}, {}},
        {"modelrank-openllm-html", shape::page, {}, {}},
        {"community-llm-leaderboard", shape::page, {}, {}},
        {"superclue", shape::page, {}, {}},
        {"superclue-open", shape::page, {}, {}},
        {"cmmlu", shape::page, {}, {}},
        {"ceval", shape::page, {}, {}},
    };
    return all;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// RFC 4180 records: quotes, doubled quotes, CRLF, a UTF-8 BOM; blank lines are no record.
std::vector<std::vector<std::string>> csv_records(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    const auto end_record = [&] {
        if (any || !field.empty() || !record.empty()) {
            record.push_back(field);
            records.push_back(record);
        }
        record.clear();
        field.clear();
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            end_record();
        } else {
            field += c;
        }
    }
    end_record();
    return records;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

/// Case-insensitive, runs of ' ', '_' and '-' as one '-'.
std::string spelling(std::string_view name) {
    std::string out;
    bool separator = false;
    for (const char c : trimmed(name)) {
        if (c == ' ' || c == '_' || c == '-') {
            separator = true;
            continue;
        }
        if (separator && !out.empty()) {
            out += '-';
        }
        separator = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::size_t column_of(const std::vector<std::string>& header,
                      const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (name.starts_with("#")) {
            return std::stoul(name.substr(1)) - 1;
        }
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (trimmed(header[i]) == name) {
                return i;
            }
        }
    }
    return std::string::npos;
}

bool missing_word(const std::string& cell) {
    static const std::set<std::string> words{"", "-", "N/A", "NA", "null", "None", "NaN"};
    return words.contains(trimmed(cell));
}

/// The distinct (model, variant) rows of one file under this test's rules.
std::size_t expected_rows(const board& b, const std::string& bytes) {
    std::set<std::pair<std::string, std::string>> rows;
    if (b.kind == shape::csv || b.kind == shape::wide_csv) {
        const auto records = csv_records(bytes);
        if (records.empty()) {
            return 0;
        }
        const auto& header = records.front();
        if (b.kind == shape::wide_csv) {
            // The newest date's row; a model is on that day's board when its cell is not 0.
            const auto* newest = &records[1];
            for (std::size_t r = 1; r < records.size(); ++r) {
                if (records[r][0] > (*newest)[0]) {
                    newest = &records[r];
                }
            }
            for (std::size_t c = 1; c < newest->size() && c < header.size(); ++c) {
                const auto v = trimmed((*newest)[c]);
                if (!v.empty() && std::stod(v) != 0.0) {
                    rows.emplace(spelling(header[c]), "");
                }
            }
            return rows.size();
        }
        const auto model = column_of(header, b.model);
        const auto variant = b.variant.empty() ? std::string::npos : column_of(header, b.variant);
        for (std::size_t r = 1; r < records.size(); ++r) {
            const auto& rec = records[r];
            if (rec.size() != header.size() || model >= rec.size() || trimmed(rec[model]).empty()) {
                continue;
            }
            const auto v = variant < rec.size() && !missing_word(rec[variant])
                               ? trimmed(rec[variant])
                               : std::string();
            rows.emplace(spelling(rec[model]), spelling(v));
        }
        return rows.size();
    }
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(bytes);
    simdjson::dom::element doc = parser.parse(padded);
    if (b.kind == shape::json_object_at) {
        const simdjson::dom::object members = b.model[0].empty()
                                                  ? doc.get_object().value()
                                                  : doc.at_pointer(b.model[0]).get_object().value();
        for (const auto field : members) {
            rows.emplace(spelling(field.key), "");
        }
        return rows.size();
    }
    for (const auto element : doc.get_array()) {
        std::string_view name;
        if (element[b.model[0]].get(name) == simdjson::SUCCESS && !trimmed(name).empty()) {
            rows.emplace(spelling(name), "");
        }
    }
    return rows.size();
}

/// count_page_rows.py's count of each page of a board folder: file name -> rows, or nullopt
/// for a page that holds no board.
std::map<std::string, std::optional<std::size_t>> page_rows(const std::string& board,
                                                            const std::vector<fs::path>& files) {
    std::string command = "python3 '" + std::string(LBTRACK_SOURCE_DIR) +
                          "/tests/realdata/count_page_rows.py' '" + board + "'";
    for (const auto& f : files) {
        command += " '" + f.string() + "'";
    }
    std::map<std::string, std::optional<std::size_t>> out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "cannot run " << command;
        return out;
    }
    char line[4096];
    while (std::fgets(line, sizeof line, pipe) != nullptr) {
        std::string text(line);
        const auto tab = text.find('\t');
        const auto value = trimmed(text.substr(tab + 1));
        out[text.substr(0, tab)] =
            value == "none" ? std::nullopt : std::optional<std::size_t>(std::stoul(value));
    }
    EXPECT_EQ(pclose(pipe), 0) << command;
    return out;
}

class RealBoards : public cli_test {
protected:
    /// A query's (day, number) rows as a map.
    std::map<std::string, long long> rows_by_day(const std::string& sql) {
        std::map<std::string, long long> out;
        pqxx::connection conn(db_url_);
        pqxx::nontransaction tx(conn);
        for (const auto& row : tx.exec(sql)) {
            out[row[0].as<std::string>()] = row[1].as<long long>();
        }
        return out;
    }
};

TEST_F(RealBoards, EveryCsvAndJsonBoardIsStoredWholeWithTheShippedConfig) {
    const fs::path root = shared_data_dir();
    if (!fs::is_directory(root / "lmarena-text")) {
        GTEST_SKIP() << "no real board history under " << root.string()
                     << " (set LBTRACK_SHARED_DATA); nothing to replay";
    }
    // Every CSV/JSON board folder of the data is listed above (a new folder is noticed).
    std::set<std::string> listed;
    for (const auto& b : boards()) {
        listed.insert(b.id);
    }
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory() || dir.path().filename() == "pages") {
            continue;
        }
        bool tabular = false;
        for (const auto& f : fs::directory_iterator(dir.path())) {
            const auto ext = f.path().extension();
            tabular = tabular || ext == ".csv" || ext == ".json";
        }
        if (tabular) {
            EXPECT_TRUE(listed.contains(dir.path().filename().string()))
                << dir.path() << " holds CSV or JSON files but is not replayed here";
        }
    }

    for (const auto& b : boards()) {
        SCOPED_TRACE(b.id);
        std::vector<fs::path> files;
        for (const auto& f : fs::directory_iterator(root / b.id)) {
            files.push_back(f.path());
        }
        std::sort(files.begin(), files.end());
        // Expected rows per file (its date), nullopt for a page without a board.
        std::map<std::string, std::optional<std::size_t>> expected;
        if (b.kind == shape::page) {
            for (auto& [name, rows] : page_rows(b.id, files)) {
                expected[name.substr(0, 10)] = rows;
            }
        } else {
            for (const auto& f : files) {
                expected[f.filename().string().substr(0, 10)] = expected_rows(b, read_bytes(f));
            }
        }
        ASSERT_EQ(expected.size(), files.size());

        const auto started = std::chrono::steady_clock::now();
        const auto r = lbtrack({"replay", "--source", b.id, (root / b.id).string()});
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const auto where = " WHERE source_id = '" + b.id + "'";
        const auto fetches_with = [&](const std::string& status) {
            return count("SELECT count(*) FROM fetch_log" + where + " AND status = '" + status +
                         "'");
        };
        EXPECT_EQ(fetches_with("failed"), 0);
        EXPECT_EQ(count("SELECT count(*) FROM fetch_log" + where),
                  static_cast<long long>(files.size()));

        // Each stored day holds the independent count of its file; a day recorded unchanged
        // holds the board of the day before, so its count is that day's.
        const auto stored = rows_by_day("SELECT to_char(observed_at AT TIME ZONE 'UTC', "
                                        "'YYYY-MM-DD'), row_count FROM snapshot" +
                                        where + " ORDER BY observed_at");
        const auto entries = count("SELECT count(*) FROM entry e JOIN snapshot s ON s.id = "
                                   "e.snapshot_id" +
                                   where);
        long long expected_entries = 0;
        long long no_board = 0;
        std::optional<std::size_t> last_stored;
        for (const auto& [day, rows] : expected) {
            if (!rows) {
                ++no_board;
                EXPECT_FALSE(stored.contains(day)) << day << " holds no board";
                continue;
            }
            if (const auto it = stored.find(day); it != stored.end()) {
                EXPECT_EQ(it->second, static_cast<long long>(*rows)) << day;
                expected_entries += static_cast<long long>(*rows);
                last_stored = rows;
            } else {
                EXPECT_EQ(last_stored, rows) << day << " was recorded unchanged";
            }
        }
        EXPECT_EQ(fetches_with("no_board"), no_board);
        EXPECT_EQ(entries, expected_entries);
        std::cout << b.id << ": " << files.size() << " files, " << stored.size() << " snapshots, "
                  << fetches_with("unchanged") << " unchanged, " << no_board << " no board, "
                  << fetches_with("failed") << " failed, " << entries << " of " << expected_entries
                  << " entries, " << seconds << " s\n";
    }
}

// `lbtrack extract` shows what replay stores: for one file of each new shape, its JSON rows are
// the independent count (the catalog keyed by model, the wide table, a computed score, rows
// skipped under malformed_rows = "skip", a console table in a README).
TEST_F(RealBoards, ExtractShowsTheRowsReplayStoresForEachShape) {
    const fs::path root = shared_data_dir();
    if (!fs::is_directory(root / "lmarena-text")) {
        GTEST_SKIP() << "no real board history under " << root.string();
    }
    const std::vector<std::pair<std::string, std::string>> samples{
        {"lmarena-catalog-text", "2025-12-11.json"},
        {"lmarena-elo-wide", "2025-03-02.csv"},
        {"livebench", "2026-06-30.csv"},
        {"evalplus-mbpp", "2023-12-05.csv"},
        {"evalplus-results", "2024-03-23.json"},
        {"arena-hard-auto", "2025-06-21.md"},
        {"superclue", "2023-07-24.md"}};
    for (const auto& [id, file] : samples) {
        SCOPED_TRACE(id + "/" + file);
        const auto path = root / id / file;
        const auto& b = *std::ranges::find_if(boards(), [&](const board& x) { return x.id == id; });
        const auto expected = b.kind == shape::page
                                  ? page_rows(id, {path}).begin()->second.value_or(0)
                                  : expected_rows(b, read_bytes(path));
        const auto r = lbtrack({"extract", "--source", id, "--json", path.string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        simdjson::dom::parser parser;
        const simdjson::padded_string json(r.out);
        const simdjson::dom::array rows = parser.parse(json).get_array();
        EXPECT_EQ(rows.size(), expected);
    }
}

} // namespace

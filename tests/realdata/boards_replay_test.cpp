// Every CSV and JSON board of ../shared/data (LBTRACK_SHARED_DATA) replayed with the shipped
// config/sources.toml: per board, every dated file is stored (or recorded unchanged), none
// fails, and the entries stored equal a count made here from the raw files with rules of this
// test's own (its own CSV splitter and simdjson's DOM, not lbtrack's parsers):
// - a data row is a CSV record with as many fields as the header and a non-empty model cell
//   (a record of another length is the malformed row a `malformed_rows = "skip"` board leaves
//   out); a JSON row is a member of the chosen object, or an array element, with a model;
// - rows of one model and variant are stored once: names compared case-insensitively with runs
//   of spaces, '_' and '-' as one separator (what the spelling key does to ASCII names).

#include "../app/cli_test_support.hpp"

#include <simdjson.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

enum class shape { csv, wide_csv, json_object_at, json_array };

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

struct board_count {
    long long files = 0;
    long long snapshots = 0;
    long long unchanged = 0;
    long long entries = 0;
};

class RealBoards : public cli_test {};

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
        board_count expected;
        std::string previous;
        for (const auto& f : files) {
            const auto bytes = read_bytes(f);
            ++expected.files;
            if (bytes == previous) {
                ++expected.unchanged;
            } else {
                ++expected.snapshots;
                expected.entries += static_cast<long long>(expected_rows(b, bytes));
            }
            previous = bytes;
        }

        const auto started = std::chrono::steady_clock::now();
        const auto r = lbtrack({"replay", "--source", b.id, (root / b.id).string()});
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const auto q = [&](const std::string& sql) {
            return count(sql + " WHERE source_id = '" + b.id + "'");
        };
        const board_count stored{
            q("SELECT count(*) FROM fetch_log"), q("SELECT count(*) FROM snapshot"),
            count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged' AND source_id = '" +
                  b.id + "'"),
            q("SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id")};
        EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed' AND source_id = '" +
                        b.id + "'"),
                  0);
        EXPECT_EQ(stored.files, expected.files);
        EXPECT_EQ(stored.snapshots, expected.snapshots);
        EXPECT_EQ(stored.unchanged, expected.unchanged);
        EXPECT_EQ(stored.entries, expected.entries);
        std::cout << b.id << ": " << stored.files << " files, " << stored.snapshots
                  << " snapshots, " << stored.unchanged << " unchanged, " << stored.entries
                  << " of " << expected.entries << " entries, " << seconds << " s\n";
    }
}

} // namespace

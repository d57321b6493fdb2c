// write_report_file: creates directories, replaces the old file by rename (a reader holding the
// old file keeps reading the old report whole), leaves no temporary behind, fails by naming
// the path.

#include "notify_test_util.hpp"
#include "support/lbtrack_cli.hpp"

#include "lbtrack/notify/sinks.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using lbtrack::notify::sink_error;
using lbtrack::notify::write_report_file;
using lbtrack::test::contains;
using lbtrack::test::temp_dir;

std::string slurp(std::istream& in) {
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return slurp(in);
}

/// Every entry of `dir`, by name.
std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(dir)) {
        names.push_back(item.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// The sink_error writing `content` to `path` must raise.
std::string write_failure(const fs::path& path) {
    try {
        write_report_file(path, "report");
    } catch (const sink_error& e) {
        EXPECT_EQ(e.sink(), "file");
        EXPECT_EQ(e.destination(), path.string());
        return e.what();
    }
    ADD_FAILURE() << "write_report_file did not throw sink_error";
    return {};
}

TEST(report_file, creates_missing_directories_and_writes_the_bytes) {
    const temp_dir dir;
    const fs::path path = fs::path(dir.path()) / "reports" / "2025" / "06" / "run.md";
    using namespace std::string_literals;
    const std::string content = "# Report\r\n\0binary\xff tail\n"s; // bytes, not text

    write_report_file(path, content);

    EXPECT_EQ(slurp(path), content);
    EXPECT_EQ(entries(path.parent_path()), std::vector<std::string>{"run.md"});
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0644U);
}

TEST(report_file, replaces_the_old_file_without_disturbing_a_reader_of_it) {
    const temp_dir dir;
    const fs::path path = fs::path(dir.path()) / "latest.html";
    const std::string old_report(100'000, 'o');
    write_report_file(path, old_report);
    struct stat before {};
    ASSERT_EQ(::stat(path.c_str(), &before), 0);
    std::ifstream reader(path, std::ios::binary); // opened before the replacement

    write_report_file(path, "new report\n");

    // An in-place rewrite would have truncated what the reader sees; a rename leaves it whole.
    EXPECT_EQ(slurp(reader), old_report);
    EXPECT_EQ(slurp(path), "new report\n");
    struct stat after {};
    ASSERT_EQ(::stat(path.c_str(), &after), 0);
    EXPECT_NE(before.st_ino, after.st_ino);
    EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"latest.html"});
}

TEST(report_file, a_relative_path_is_written_in_the_working_directory) {
    const temp_dir dir;
    const fs::path previous = fs::current_path();
    fs::current_path(dir.path());
    write_report_file("plain.txt", "x");
    fs::current_path(previous);

    EXPECT_EQ(slurp(fs::path(dir.path()) / "plain.txt"), "x");
}

TEST(report_file, a_parent_that_is_a_file_is_a_sink_error_naming_the_path) {
    const temp_dir dir;
    write_report_file(fs::path(dir.path()) / "blocker", "a file, not a directory");
    const fs::path path = fs::path(dir.path()) / "blocker" / "report.md";

    const std::string what = write_failure(path);

    EXPECT_TRUE(contains(what, path.string())) << what;
    EXPECT_TRUE(contains(what, "cannot create directory")) << what;
}

TEST(report_file, a_directory_in_the_way_fails_and_leaves_no_temporary) {
    const temp_dir dir;
    const fs::path path = fs::path(dir.path()) / "report.md";
    fs::create_directory(path);
    fs::create_directory(path / "keep"); // rename() refuses to replace a non-empty directory

    const std::string what = write_failure(path);

    EXPECT_TRUE(contains(what, "cannot replace the file")) << what;
    EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"report.md"});
}

TEST(report_file, a_path_without_a_file_name_is_refused) {
    const temp_dir dir;

    EXPECT_TRUE(contains(write_failure(fs::path(dir.path()) / ""), "names no file"));
}

} // namespace

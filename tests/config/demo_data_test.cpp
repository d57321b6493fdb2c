// demo/ (deploy/quickstart.sh --demo) stays small, every file has its provenance, and every
// folder is a source of the shipped config.

#include "support/lbtrack_cli.hpp"

#include "lbtrack/settings/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

TEST(DemoData, SmallWithProvenanceForEveryFileAndAKnownSourcePerFolder) {
    const fs::path demo = fs::path(LBTRACK_SOURCE_DIR) / "demo";
    std::ifstream in(demo / "PROVENANCE.tsv");
    std::stringstream text;
    text << in.rdbuf();
    const auto provenance = text.str();
    ASSERT_FALSE(provenance.empty());
    const auto cfg =
        lbtrack::settings::load_config(fs::path(LBTRACK_SOURCE_DIR) / "config/sources.toml");
    std::uintmax_t bytes = 0;
    std::size_t files = 0;
    for (const auto& board : fs::directory_iterator(demo)) {
        if (!board.is_directory()) {
            continue;
        }
        EXPECT_NO_THROW(cfg.find(board.path().filename().string())) << board.path();
        for (const auto& f : fs::directory_iterator(board.path())) {
            bytes += f.file_size();
            ++files;
            const auto row =
                board.path().filename().string() + "/" + f.path().filename().string() + "\t";
            EXPECT_NE(provenance.find("\n" + row), std::string::npos) << row;
        }
    }
    EXPECT_GT(files, 0u);
    EXPECT_LT(bytes, 1024u * 1024u);
}

} // namespace

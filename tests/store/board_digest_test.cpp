// board_digest hashes a board's text piece by piece (issue 19: the whole text was as large as
// the payload); what it hashes must stay the whole board, first row to last.

#include "lbtrack/core/sha256.hpp"
#include "lbtrack/store/board_digest.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace lbtrack;

/// A board whose digest text runs to several pieces: rows of long names and a few metrics.
std::vector<entry> long_board(std::size_t rows) {
    std::vector<entry> board;
    for (std::size_t i = 0; i < rows; ++i) {
        entry e;
        e.row = i + 1;
        e.raw_name = fmt::format("organization-{}/model-with-a-long-printed-name-{}", i % 7, i);
        e.rank = static_cast<int>(i + 1);
        e.score = 90.0 - static_cast<double>(i) / 100;
        e.metrics = {{"first", static_cast<double>(i), ""}, {"second", 1.5, "%"}};
        board.push_back(e);
    }
    return board;
}

TEST(Sha256Hasher, PiecesHashAsTheirConcatenation) {
    std::string text;
    for (int i = 0; i < 50'000; ++i) {
        text += fmt::format("{},", i);
    }
    for (const std::size_t piece : {1U, 63U, 64U, 4096U, 100'000U}) {
        sha256_hasher hasher;
        for (std::size_t at = 0; at < text.size(); at += piece) {
            hasher.update(std::string_view(text).substr(at, piece));
        }
        EXPECT_EQ(hasher.hex_digest(), sha256_hex(text)) << "pieces of " << piece;
    }
    sha256_hasher nothing;
    EXPECT_EQ(nothing.hex_digest(), sha256_hex(""));
}

TEST(BoardDigest, EveryRowOfALongBoardCounts) {
    const auto board = long_board(5'000); // ~0.5 MB of digest text: many pieces
    const auto digest = store::board_digest(board);
    EXPECT_EQ(store::board_digest(long_board(5'000)), digest);
    for (const std::size_t row : {std::size_t{0}, std::size_t{2'500}, board.size() - 1}) {
        auto changed = board;
        changed[row].score = *changed[row].score + 0.01;
        EXPECT_NE(store::board_digest(changed), digest) << "row " << row;
        changed = board;
        changed[row].metrics[1].unit = "pt";
        EXPECT_NE(store::board_digest(changed), digest) << "row " << row;
    }
    auto shorter = board;
    shorter.pop_back();
    EXPECT_NE(store::board_digest(shorter), digest);
}

} // namespace

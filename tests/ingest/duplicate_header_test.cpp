// A header that names a mapped column twice ("score,score") is refused, naming both positions;
// before issue 16 the first one was read silently. A repeated column nothing maps stays allowed.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/extract.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace lbtrack;

source scored() {
    source src;
    src.id = "dup";
    src.format = "csv";
    src.columns.model = "model";
    src.columns.score = "score";
    return src;
}

std::vector<entry> extract(const std::string& csv, const source& src = scored()) {
    return ingest::extract_entries(ingest::read_csv(csv, src.id, "day.csv"), src, "day.csv");
}

TEST(DuplicateHeader, AMappedNameTwiceIsAnErrorNamingBothColumns) {
    try {
        extract("model,score,votes, score\na,1,5,2\n");
        FAIL() << "no parse_error";
    } catch (const parse_error& e) {
        EXPECT_EQ(e.column(), 4u);
        EXPECT_STREQ(e.what(), "source 'dup': day.csv: the header has the mapped column 'score' "
                               "twice, as columns 2 and 4: which one to read is unclear (map one "
                               "by position, \"#2\", to choose)");
    }
}

TEST(DuplicateHeader, AnAliasFoundTwiceIsAnErrorToo) {
    auto src = scored();
    src.columns.score = "arena_score";
    src.column_aliases["arena_score"] = {"score"};
    EXPECT_THROW(extract("score,model,score\n1,a,2\n", src), parse_error);
}

TEST(DuplicateHeader, AnUnmappedNameTwiceIsAllowed) {
    const auto entries = extract("model,score,note,note\na,1,x,y\n");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].score, 1.0);
}

TEST(DuplicateHeader, APositionReferenceChoosesOneOfTheTwo) {
    auto src = scored();
    src.columns.score = "#3";
    const auto entries = extract("model,score,score\na,1,2\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].score, 2.0);
}

} // namespace

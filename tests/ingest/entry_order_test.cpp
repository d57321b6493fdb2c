// order_entries_by puts entries in order in place, following the permutation's cycles (issue
// 19): every entry must arrive once, ties in their earlier order.

#include "lbtrack/core/entry_order.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace {

using namespace lbtrack;

TEST(EntryOrder, SortsStablyInPlaceForEveryShuffle) {
    std::mt19937 random(19);
    for (const std::size_t n : {0U, 1U, 2U, 3U, 10U, 257U, 4'574U}) {
        std::vector<entry> entries(n);
        for (std::size_t i = 0; i < n; ++i) {
            entries[i].row = i;
            entries[i].raw_name =
                "a name long enough to live on the heap, row " + std::to_string(i);
            entries[i].rank = static_cast<int>(random() % (n / 3 + 1)); // many ties
        }
        std::shuffle(entries.begin(), entries.end(), random);
        auto expected = entries;
        std::stable_sort(expected.begin(), expected.end(),
                         [](const entry& a, const entry& b) { return *a.rank < *b.rank; });
        order_entries_by(entries, [](const entry& e) { return *e.rank; });
        ASSERT_EQ(entries.size(), expected.size());
        for (std::size_t i = 0; i < n; ++i) {
            EXPECT_EQ(entries[i].row, expected[i].row) << "n " << n << ", position " << i;
            EXPECT_EQ(entries[i].raw_name, expected[i].raw_name);
        }
    }
}

} // namespace

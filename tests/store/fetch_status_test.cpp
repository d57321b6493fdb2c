#include "lbtrack/core/errors.hpp"
#include "lbtrack/store/fetch_status.hpp"

#include <gtest/gtest.h>

namespace {

using lbtrack::store::fetch_status;

TEST(FetchStatus, EveryStatusReadsBackAsItselfAndAnUnknownOneIsRefused) {
    for (const auto status : {fetch_status::stored, fetch_status::unchanged, fetch_status::failed,
                              fetch_status::no_board}) {
        EXPECT_EQ(lbtrack::store::fetch_status_of(lbtrack::store::to_string(status)), status);
    }
    EXPECT_STREQ(lbtrack::store::to_string(fetch_status::no_board), "no_board");
    EXPECT_THROW(lbtrack::store::fetch_status_of("not_modified"), lbtrack::error);
    EXPECT_THROW(lbtrack::store::fetch_status_of(""), lbtrack::error);
}

} // namespace

#pragma once
// Golden report files (tests/data/golden): compared byte for byte, rewritten with
// LBTRACK_UPDATE_GOLDEN=1 after an intended change.

#include "cli_test_support.hpp"

#include "lbtrack/core/environment.hpp"

#include <fstream>
#include <string>

namespace lbtrack::test {

inline void expect_golden(const std::string& actual, const std::string& name) {
    const auto path = fixture("golden/" + name);
    if (lbtrack::getenv_nonempty("LBTRACK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << actual;
        GTEST_SKIP() << "rewrote " << path;
    }
    const auto expected = read_file(path);
    ASSERT_FALSE(expected.empty()) << path << " is missing; run with LBTRACK_UPDATE_GOLDEN=1";
    EXPECT_EQ(actual, expected) << "differs from " << path;
}

} // namespace lbtrack::test

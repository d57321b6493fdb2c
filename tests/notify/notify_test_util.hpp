#pragma once
// Helpers shared by the notify tests: parsing what a sink produced with simdjson (which also
// rejects invalid UTF-8, so "never cut inside a character" is checked for free) and counting
// characters the way chat services do.

// libsimdjson is built with threads (pkg-config --cflags simdjson); its classes must look the
// same here, and this test is not compiled with -pthread, which would define it.
#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace lbtrack::test {

/// Unicode code points in valid UTF-8.
inline std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 1;
    }
    return count;
}

inline std::size_t count_of(std::string_view haystack, std::string_view needle) {
    std::size_t count = 0;
    for (auto at = haystack.find(needle); at != std::string_view::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

inline testing::AssertionResult contains(std::string_view haystack, std::string_view needle) {
    if (haystack.find(needle) != std::string_view::npos) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure()
           << "'" << haystack << "' does not contain '" << needle << "'";
}

/// Parses `json` into `parser`; a parse error (bad JSON, bad UTF-8) is a test failure.
inline simdjson::dom::element parse_json(simdjson::dom::parser& parser, const std::string& json) {
    simdjson::dom::element root;
    const auto error = parser.parse(json).get(root);
    if (error) {
        ADD_FAILURE() << "not valid JSON (" << simdjson::error_message(error) << "): " << json;
        throw std::runtime_error("invalid JSON");
    }
    return root;
}

inline std::string string_at(simdjson::dom::element element) {
    return std::string(std::string_view(element));
}

} // namespace lbtrack::test

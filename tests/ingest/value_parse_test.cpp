#include "lbtrack/ingest/value_parse.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace {

using namespace lbtrack::ingest;

TEST(ValueParse, TrimWhitespace) {
    EXPECT_EQ(trim_whitespace("  a b\t\r\n"), "a b");
    EXPECT_EQ(trim_whitespace(" \t "), "");
    EXPECT_EQ(trim_whitespace(""), "");
}

TEST(ValueParse, MissingValueWords) {
    for (const char* word : {"", "   ", "N/A", "n/a", "NA", "-", "\u2014",
                             "\u6682\u65e0\u6570\u636e", "null", "None", " N/A ", "NULL", "NaN"}) {
        EXPECT_TRUE(is_missing_value(word)) << "'" << word << "'";
    }
    for (const char* value : {"0", "abc", "--", "n/a/b", "Nonesuch", "1"}) {
        EXPECT_FALSE(is_missing_value(value)) << "'" << value << "'";
    }
}

TEST(ValueParse, NumbersPlainSignedFractionalAndExponent) {
    EXPECT_EQ(parse_number("1472"), 1472.0);
    EXPECT_EQ(parse_number("-3.5"), -3.5);
    EXPECT_EQ(parse_number("+2"), 2.0);
    EXPECT_EQ(parse_number(" 7 "), 7.0);
    EXPECT_EQ(parse_number(".5"), 0.5);
    EXPECT_EQ(parse_number("1e3"), 1000.0);
    EXPECT_EQ(parse_number("2.5E-1"), 0.25);
    EXPECT_EQ(parse_number("1472.0"), 1472.0);
}

TEST(ValueParse, NumbersWithThousandsSeparators) {
    EXPECT_EQ(parse_number("12,327"), 12327.0);
    EXPECT_EQ(parse_number("1,234,567.5"), 1234567.5);
    EXPECT_EQ(parse_number("-1,000"), -1000.0);
}

TEST(ValueParse, RejectsWhatIsNotANumber) {
    for (const char* bad : {"",    "abc", "N/A",   "1,5",   "12,34", "1,2345", ",123", "1234,567",
                            "5.",  ".",   "-",     "+",     "inf",   "nan",    "0x10", "1e",
                            "1e+", "1 2", "12abc", "1e999", "--1",   "1.2.3"}) {
        EXPECT_FALSE(parse_number(bad).has_value()) << "'" << bad << "'";
    }
}

TEST(ValueParse, Integers) {
    EXPECT_EQ(parse_integer("12,327"), 12327);
    EXPECT_EQ(parse_integer("1"), 1);
    EXPECT_EQ(parse_integer("1.0"), 1);
    EXPECT_EQ(parse_integer("1.000"), 1);
    EXPECT_EQ(parse_integer("-4"), -4);
    EXPECT_EQ(parse_integer("+4"), 4);
    EXPECT_EQ(parse_integer("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(parse_integer("-9,223,372,036,854,775,808"),
              std::numeric_limits<std::int64_t>::min());
}

TEST(ValueParse, RejectsWhatIsNotAWholeNumber) {
    for (const char* bad : {"", "1.5", "1e3", ".0", "abc", "9223372036854775808", "12,34", "N/A"}) {
        EXPECT_FALSE(parse_integer(bad).has_value()) << "'" << bad << "'";
    }
}

void expect_ci(std::string_view text, double plus, double minus) {
    const auto ci = parse_ci(text);
    ASSERT_TRUE(ci.has_value()) << "'" << text << "'";
    EXPECT_EQ(ci->plus, plus) << "'" << text << "'";
    EXPECT_EQ(ci->minus, minus) << "'" << text << "'";
}

TEST(ValueParse, ConfidenceIntervals) {
    expect_ci("+5/-5", 5, 5);
    expect_ci("+5.2/-4.1", 5.2, 4.1);
    expect_ci("5/-5", 5, 5);
    expect_ci(" +5 / -6 ", 5, 6);
    expect_ci("\u00b13", 3, 3);
    expect_ci("\u00b1 2.5", 2.5, 2.5);
    expect_ci("+/-3", 3, 3);
    expect_ci("+0/-0", 0, 0);
}

TEST(ValueParse, RejectsMalformedConfidenceIntervals) {
    for (const char* bad : {"", "-", "N/A", "5", "5/5", "-5/+5", "+5/-", "/-5", "\u00b1",
                            "\u00b1-3", "+5/-5/-5", "+-5/-5", "+5/--5", "abc/-1", "+5/-abc"}) {
        EXPECT_FALSE(parse_ci(bad).has_value()) << "'" << bad << "'";
    }
}

} // namespace

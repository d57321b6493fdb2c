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

// arena-hard-auto: its CSVs (2024-07) print "(-1.81, +2.42)", its README's console table
// "(-2.1, 2.0)" (2024) and its pandas print-out "(-1.1 / +1.1)" (2025-04 on): lower bound first.
TEST(ValueParse, ConfidenceIntervalsInParenthesesLowerFirst) {
    expect_ci("(-1.81, +2.42)", 2.42, 1.81);
    expect_ci("(-2.1, 2.0)", 2.0, 2.1);
    expect_ci("(-1.1 / +1.1)", 1.1, 1.1);
    expect_ci("  ( -0.5 ,+0.7 )  ", 0.7, 0.5);
    expect_ci("(-0.0, 0.0)", 0, 0);
    expect_ci("(0.0, 0.0)", 0, 0); // arena-hard-auto's baseline row, 2024-06 on
}

TEST(ValueParse, RejectsMalformedBracketedConfidenceIntervals) {
    for (const char* bad : {"()", "(-1.8)", "(1.8, 2.4)", "(+2.4, -1.8)", "(-1.8, -2.4)",
                            "(-1.8, +2.4", "-1.8, +2.4)", "(-1.8; +2.4)", "(-1.8, +2.4, 3)",
                            "(-1.8 / +2.4 / 3)", "(-x, +2)", "(-1, +y)"}) {
        EXPECT_FALSE(parse_ci(bad).has_value()) << "'" << bad << "'";
    }
}

// SuperCLUE's rank column (2023-2026): "🏅️" (with U+FE0F) and "🏅" for first, "🥈",
// "🥉", padded with spaces or a tab.
TEST(ValueParse, MedalsAreThePlacesTheyStandFor) {
    EXPECT_EQ(parse_medal("\U0001F3C5"), 1);
    EXPECT_EQ(parse_medal("\U0001F3C5\uFE0F"), 1);
    EXPECT_EQ(parse_medal(" \U0001F3C5\uFE0F  "), 1);
    EXPECT_EQ(parse_medal("\U0001F947"), 1);
    EXPECT_EQ(parse_medal("\U0001F947\uFE0F"), 1);
    EXPECT_EQ(parse_medal("\U0001F948"), 2);
    EXPECT_EQ(parse_medal("\t\U0001F948 "), 2);
    EXPECT_EQ(parse_medal("\U0001F949\t"), 3);
    EXPECT_EQ(parse_medal("\U0001F949\uFE0F"), 3);
}

TEST(ValueParse, OtherCellsAreNoMedal) {
    for (const char* bad : {"", "-", "1", "\uFE0F", "\U0001F3C5\U0001F3C5", "\U0001F948 2",
                            "1 \U0001F947", "\U0001F3C6" /* trophy */, "\U0001F94A"}) {
        EXPECT_FALSE(parse_medal(bad).has_value()) << "'" << bad << "'";
    }
}

void expect_quantity(std::string_view text, double value, const std::string& unit) {
    const auto q = parse_quantity(text);
    ASSERT_TRUE(q.has_value()) << "'" << text << "'";
    EXPECT_EQ(q->value, value) << "'" << text << "'";
    EXPECT_EQ(q->unit, unit) << "'" << text << "'";
}

TEST(ValueParse, QuantitiesWithoutUnit) {
    expect_quantity("1472", 1472, "");
    expect_quantity(" 12,327 ", 12327, "");
    expect_quantity("-3.5", -3.5, "");
    expect_quantity("1e3", 1000, "");
    expect_quantity(".5", 0.5, "");
}

TEST(ValueParse, QuantitiesWithUnitAfter) {
    expect_quantity("0.7元", 0.7, "元");
    expect_quantity("76.2%", 76.2, "%");
    expect_quantity("3.0 元/M", 3.0, "元/M");
    expect_quantity("0.35元/M tokens", 0.35, "元/M tokens");
    expect_quantity("12,327 votes", 12327, "votes");
    expect_quantity("$0.5/1M tokens", 0.5, "$/1M tokens"); // a denominator may hold digits
    expect_quantity("1.2k", 1.2, "k");                     // nothing is scaled
    expect_quantity("5B", 5, "B");
}

TEST(ValueParse, QuantitiesWithUnitBeforeOrAround) {
    expect_quantity("$0.06/百萬代幣", 0.06, "$/百萬代幣");
    expect_quantity("¥3", 3, "¥");
    expect_quantity("$ 1,234.5", 1234.5, "$");
    expect_quantity("US$-2", -2, "US$");
    expect_quantity("Rs.3", 3, "Rs.");
}

TEST(ValueParse, QuantitiesInFullWidthFormsReadAsNfkc) {
    expect_quantity("\uFF17\uFF16\uFF0E\uFF12\uFF05", 76.2, "%"); // ７６．２％
    expect_quantity("\uFFE5\uFF13", 3, "\u00A5");                 // ￥３ -> ¥
    expect_quantity("\u3000"
                    "0.7\u00A0元\u3000",
                    0.7, "元");             // U+3000 / U+00A0 padding
    expect_quantity("\u22123.5", -3.5, ""); // U+2212 MINUS SIGN
}

TEST(ValueParse, QuantityMissingWordsAndRefusals) {
    for (const char* missing : {"", " ", "N/A", "-", "\u2014", "\u6682\u65e0\u6570\u636e", "null",
                                "None", "NaN", "\uFF2E/\uFF21"}) { // last: Ｎ/Ａ
        EXPECT_FALSE(parse_quantity(missing).has_value()) << "'" << missing << "'";
    }
    for (const char* bad :
         {"abc", "元", "inf", "1,5", "12,34", "5.元", "5.", "1472 (+5/-5)", "+5/-5", "1/2",
          "76.2 \u00b1 1.3", "-$3", "1/$3", "1e999", "1\t2元", "0.7\x01元", "0.7\xff元"}) {
        EXPECT_FALSE(parse_quantity(bad).has_value()) << "'" << bad << "'";
    }
}

} // namespace

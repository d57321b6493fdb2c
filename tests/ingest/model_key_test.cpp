#include "lbtrack/ingest/model_key.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using lbtrack::ingest::model_key;

TEST(ModelKey, CaseDoesNotMatterButTheOrgPrefixIsKept) {
    EXPECT_EQ(model_key("Qwen2.5-72B-Instruct"), model_key("qwen2.5-72b-instruct"));
    // Two orgs' uploads under one name are two rows of one snapshot (Open LLM Leaderboard); the
    // resolver decides later whether the org is identity.
    EXPECT_EQ(model_key("Qwen/Qwen2.5-72B-Instruct"), "qwen/qwen2.5-72b-instruct");
    EXPECT_NE(model_key("Qwen/Qwen2.5-7B-Instruct"), model_key("someone/Qwen2.5-7B-Instruct"));
}

TEST(ModelKey, DistinctModelsStayDistinct) {
    EXPECT_NE(model_key("o3-mini"), model_key("o3-mini-high"));
    // Precision variants are one model; telling them apart is a later layer's job.
    EXPECT_NE(model_key("Meta-Llama-3.1-405B-Instruct-bf16"),
              model_key("Meta-Llama-3.1-405B-Instruct-fp8"));
}

TEST(ModelKey, SeparatorRunsBecomeOneHyphenAndAreTrimmed) {
    EXPECT_EQ(model_key("  Llama_3 -- 70B\t"), "llama-3-70b");
    EXPECT_EQ(model_key("__gpt-4o__"), "gpt-4o");
    EXPECT_EQ(model_key("gpt 4o"), model_key("GPT_4o"));
    EXPECT_EQ(model_key("---"), "");
}

TEST(ModelKey, FullWidthCharactersAreNfkcNormalized) {
    EXPECT_EQ(model_key("\uff27\uff30\uff34\uff0d\uff14"), "gpt-4"); // ＧＰＴ－４
    EXPECT_EQ(model_key("\uff31\uff57\uff45\uff4e\uff0f\uff31\uff57\uff45\uff4e\uff12"),
              "qwen/qwen2"); // Ｑｗｅｎ／Ｑｗｅｎ２: the full-width slash is a slash too
    EXPECT_EQ(model_key("GPT\u00a04o"), "gpt-4o");        // no-break space
    EXPECT_EQ(model_key("GPT\u30004o"), "gpt-4o");        // ideographic space
    EXPECT_EQ(model_key("\ufb01ne-tuned"), "fine-tuned"); // the "fi" ligature
}

TEST(ModelKey, AsciiNamesAreLowercased) {
    EXPECT_EQ(model_key("GPT-4o (2024-08-06) [Preview]!"), "gpt-4o-(2024-08-06)-[preview]!");
}

TEST(ModelKey, CaseFoldingGoesBeyondAscii) {
    EXPECT_EQ(model_key("STRASSE"), model_key("Stra\u00dfe"));
    EXPECT_EQ(model_key("\u00c9TOILE"), "\u00e9toile");
}

TEST(ModelKey, ComposedAndDecomposedFormsAgree) {
    EXPECT_EQ(model_key("Caf\u00e9"), model_key("Cafe\u0301"));
}

TEST(ModelKey, DatedNameGivesAStableKey) {
    const std::string key = model_key("Claude 3.5 Sonnet (20241022)");
    EXPECT_EQ(key, "claude-3.5-sonnet-(20241022)");
    EXPECT_EQ(model_key("Claude 3.5 Sonnet (20241022)"), key);
    EXPECT_EQ(model_key("claude_3.5  sonnet (20241022) "), key);
    EXPECT_NE(model_key("Claude 3.5 Sonnet (20240620)"), key);
}

TEST(ModelKey, InvalidUtf8FallsBackToAsciiLowercasing) {
    EXPECT_EQ(model_key("GPT\xff 4O"), "gpt\xff-4o");
    EXPECT_EQ(model_key("Org/\xc3(Bad"), "org/\xc3(bad");
}

TEST(ModelKey, EmbeddedNulDoesNotCutTheName) {
    EXPECT_EQ(model_key(std::string_view("AB\0CD", 5)), std::string("ab\0cd", 5));
    // The same through utf8proc, which the non-ASCII "É" requires.
    EXPECT_EQ(model_key(std::string_view("AB\0\u00c9", 5)), std::string("ab\0\u00e9", 5));
}

TEST(ModelKey, SlashWithNothingAfterItIsKept) {
    EXPECT_EQ(model_key("weird/"), "weird/");
}

TEST(ModelKey, EmptyName) {
    EXPECT_EQ(model_key(""), "");
}

} // namespace

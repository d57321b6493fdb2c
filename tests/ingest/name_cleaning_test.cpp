#include "lbtrack/ingest/name_cleaning.hpp"

#include <gtest/gtest.h>

namespace {

using lbtrack::ingest::clean_board_name;

TEST(NameCleaning, PlainNamesAreUnchanged) {
    for (const char* name :
         {"Gemini-2.5-Pro", "Qwen/Qwen3-235B-A22B", "ChatGPT-4o-latest (2024-09-03)",
          "o3-2025-04-16 (high)", "深度求索-R1", "new-model", "Renew", "GPT☛4"}) {
        EXPECT_EQ(clean_board_name(name), name) << name;
    }
}

TEST(NameCleaning, SurroundingWhitespaceOfEveryKind) {
    EXPECT_EQ(clean_board_name("  Qwen3-14B\t"), "Qwen3-14B");
    EXPECT_EQ(clean_board_name("\u3000glm-4-9b-chat\u3000"), "glm-4-9b-chat");
    EXPECT_EQ(clean_board_name("\u00A0phi-4\u00A0"), "phi-4");
}

TEST(NameCleaning, PointingMarksAtEitherEnd) {
    // What to_table's text-without-links reading leaves of "Qwen3-14B☛[去体验](url)".
    EXPECT_EQ(clean_board_name("Qwen3-14B\u261B"), "Qwen3-14B");               // ☛
    EXPECT_EQ(clean_board_name("Qwen3-14B \u261E"), "Qwen3-14B");              // ☞
    EXPECT_EQ(clean_board_name("\u261E Qwen3-14B"), "Qwen3-14B");              // leading ☞
    EXPECT_EQ(clean_board_name("Qwen3-14B\u261A"), "Qwen3-14B");               // ☚
    EXPECT_EQ(clean_board_name("Qwen3-14B\u261C"), "Qwen3-14B");               // ☜
    EXPECT_EQ(clean_board_name("Qwen3-14B\U0001F449"), "Qwen3-14B");           // 👉
    EXPECT_EQ(clean_board_name("\U0001F448Qwen3-14B"), "Qwen3-14B");           // 👈
    EXPECT_EQ(clean_board_name("Qwen3-14B \u2192"), "Qwen3-14B");              // →
    EXPECT_EQ(clean_board_name("Qwen3-14B \u27A1\uFE0F"), "Qwen3-14B");        // ➡️ (with VS16)
    EXPECT_EQ(clean_board_name("Qwen3-14B\U0001F449\U0001F3FD"), "Qwen3-14B"); // 👉🏽
    EXPECT_EQ(clean_board_name("\u25B6 Qwen3-14B \u261B\u261B"), "Qwen3-14B");
}

// Arrows and emoji-plane pictographs at either end point at a link or decorate the row.
TEST(NameCleaning, ArrowsAndPictographsAtEitherEnd) {
    EXPECT_EQ(clean_board_name("GPT-4 \u2197"), "GPT-4"); // ↗ (SuperCLUE, 2023-08)
    EXPECT_EQ(clean_board_name("allenai/Llama-3.1-Tulu-3-70B \U0001F4D1"),
              "allenai/Llama-3.1-Tulu-3-70B");                   // 📑 (modelrank, 2025-04)
    EXPECT_EQ(clean_board_name("\U0001F947 GPT-4"), "GPT-4");    // 🥇 (lmarena blog, 2023)
    EXPECT_EQ(clean_board_name("a\U0001F4D1b"), "a\U0001F4D1b"); // inside a name: kept
}

TEST(NameCleaning, NewMarkers) {
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct(new)"), "qwen2.5-7b-instruct");
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct (NEW)"), "qwen2.5-7b-instruct");
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct(New)"), "qwen2.5-7b-instruct");
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct\uFF08new\uFF09"),
              "qwen2.5-7b-instruct"); // （new）
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct(new\uFF09"), "qwen2.5-7b-instruct");
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct \U0001F195"), "qwen2.5-7b-instruct"); // 🆕
    EXPECT_EQ(clean_board_name("\U0001F195 qwen2.5-7b-instruct"), "qwen2.5-7b-instruct");
    // Only a trailing marker, and only the whole word: these are names.
    EXPECT_EQ(clean_board_name("(new) qwen"), "(new) qwen");
    EXPECT_EQ(clean_board_name("model (renew)"), "model (renew)");
    EXPECT_EQ(clean_board_name("model (news)"), "model (news)");
}

TEST(NameCleaning, NestedDecorationsArePeeledTogether) {
    // superclue_sections.md writes "qwen2.5-7b-instruct(new)☛[去体验](url)".
    EXPECT_EQ(clean_board_name("qwen2.5-7b-instruct(new)\u261B"), "qwen2.5-7b-instruct");
    EXPECT_EQ(clean_board_name(" \u261E Qwen3-14B (new) \U0001F195 \u261B "), "Qwen3-14B");
}

TEST(NameCleaning, AllDecorationGivesEmptyAndBrokenUtf8IsLeftAlone) {
    EXPECT_EQ(clean_board_name("\u261B"), "");
    EXPECT_EQ(clean_board_name(" (new) "), "");
    EXPECT_EQ(clean_board_name(""), "");
    EXPECT_EQ(clean_board_name("abc\xE2\x98"), "abc\xE2\x98"); // a cut-off ☛
    EXPECT_EQ(clean_board_name("\x98\x9B"
                               "abc"),
              "\x98\x9B"
              "abc");
}

} // namespace

// The normalize stage (ingest/normalize.hpp): entries as the extract stage leaves them (spelling
// key, variant column if any) -> canonical model, facts and one spelling of the variant.

#include "lbtrack/ingest/model_key.hpp"
#include "lbtrack/ingest/normalize.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace lbtrack;
using namespace lbtrack::ingest;
using namespace std::chrono;

entry row(std::size_t n, std::string name, std::string variant = "") {
    entry e;
    e.row = n;
    e.model_key = model_key(name);
    e.raw_name = std::move(name);
    e.variant = std::move(variant);
    return e;
}

model_resolver test_resolver() {
    model_registry r;
    r.organizations = {{"Alibaba (Qwen)", {"qwen"}, {}, {"qwen"}, 0}};
    r.models = {{"Gemini-2.5-Pro",
                 "Google",
                 {{"goldmane", std::nullopt, sys_days(2025y / June / 17), 0}},
                 0}};
    return model_resolver(std::move(r));
}

TEST(ResolveEntries, CanonicalKeyAndFacts) {
    std::vector<entry> entries{row(1, "Qwen/Qwen3-235B-A22B-Instruct-2507"), row(2, "Zorblax-7B")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    EXPECT_TRUE(warnings.empty());
    EXPECT_EQ(entries[0].model_key, "qwen3-235b-a22b-instruct-2507");
    EXPECT_EQ(entries[0].raw_name, "Qwen/Qwen3-235B-A22B-Instruct-2507"); // as printed
    const auto& f = entries[0].facts();
    ASSERT_NE(entries[0].model, nullptr);
    EXPECT_EQ(f.display_name, "Qwen/Qwen3-235B-A22B-Instruct-2507");
    EXPECT_FALSE(f.provisional);
    EXPECT_EQ(f.family, "qwen");
    EXPECT_EQ(f.version, "3");
    EXPECT_EQ(f.size, "235b,a22b");
    EXPECT_EQ(f.tuning, "instruct");
    EXPECT_EQ(f.mode, "");
    EXPECT_EQ(f.date_tag, "2507");
    EXPECT_EQ(entries[1].model_key, "zorblax-7b");
    EXPECT_TRUE(entries[1].facts().provisional);
}

TEST(ResolveEntries, VariantColumnNormalized) {
    std::vector<entry> entries{row(1, "Qwen2.5-7B-Instruct", "bfloat16"),
                               row(2, "Qwen2.5-14B-Instruct", "float16"),
                               row(3, "Qwen2.5-32B-Instruct", " FP8 ")};
    EXPECT_TRUE(resolve_entries(entries, test_resolver(), std::nullopt).empty());
    EXPECT_EQ(entries[0].variant, "bf16");
    EXPECT_EQ(entries[1].variant, "fp16");
    EXPECT_EQ(entries[2].variant, "fp8");
}

TEST(ResolveEntries, PrecisionInTheNameIsTheVariantWithoutAColumn) {
    std::vector<entry> entries{row(1, "Qwen2.5-7B-Instruct-bf16"),
                               row(2, "Qwen2.5-7B-Instruct (FP8)"), row(3, "Qwen2.5-7B-Instruct")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
    EXPECT_EQ(entries[0].variant, "bf16");
    EXPECT_EQ(entries[1].variant, "fp8");
    EXPECT_EQ(entries[2].variant, "");
    // One model, three variants.
    EXPECT_EQ(entries[0].model_key, entries[2].model_key);
    EXPECT_EQ(entries[1].model_key, entries[2].model_key);
}

TEST(ResolveEntries, VariantColumnWinsOverTheName) {
    std::vector<entry> entries{row(1, "Qwen2.5-7B-Instruct-bf16", "float16")};
    resolve_entries(entries, test_resolver(), std::nullopt);
    EXPECT_EQ(entries[0].variant, "fp16");
}

TEST(ResolveEntries, TwoRowsOfOneModelAreKeptApartWithAWarning) {
    std::vector<entry> entries{row(4, "Claude Opus 4"), row(7, "claude-4-opus")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    EXPECT_EQ(entries[0].model_key, "claude4-opus");
    // The second keeps its spelling key, which no canonical key equals.
    EXPECT_EQ(entries[1].model_key, "claude-4-opus");
    EXPECT_EQ(entries[1].model_key, model_key("claude-4-opus"));
    EXPECT_TRUE(entries[1].facts().provisional);
    ASSERT_EQ(warnings.size(), 1u);
    const auto& w = warnings[0];
    EXPECT_NE(w.find("rows 4 ('Claude Opus 4') and 7 ('claude-4-opus')"), std::string::npos) << w;
    EXPECT_NE(w.find("resolve to one model 'claude4-opus'"), std::string::npos) << w;
    EXPECT_NE(w.find("kept apart under 'claude-4-opus'"), std::string::npos) << w;
}

TEST(ResolveEntries, SpellingEqualToTheCanonicalKeyStillKeptApart) {
    // The second row's spelling key is the canonical key itself: it must still differ.
    std::vector<entry> entries{row(1, "o3-mini (high)"), row(2, "o3-mini-high")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(entries[0].model_key, "o3-mini-high");
    EXPECT_NE(entries[1].model_key, entries[0].model_key);
    EXPECT_EQ(entries[1].model_key, "o3-mini-high~2");
    // The warning names the key the row is kept under, not the first row's.
    EXPECT_NE(warnings[0].find("kept apart under 'o3-mini-high~2'"), std::string::npos)
        << warnings[0];
}

TEST(ResolveEntries, SameModelOtherVariantIsNoClash) {
    std::vector<entry> entries{row(1, "Qwen2.5-7B-Instruct", "bf16"),
                               row(2, "Qwen/Qwen2.5-7B-Instruct", "fp8")};
    EXPECT_TRUE(resolve_entries(entries, test_resolver(), std::nullopt).empty());
    EXPECT_EQ(entries[0].model_key, entries[1].model_key);

    std::vector<entry> same{row(1, "Qwen2.5-7B-Instruct", "bfloat16"),
                            row(2, "Qwen/Qwen2.5-7B-Instruct-bf16")};
    const auto warnings = resolve_entries(same, test_resolver(), std::nullopt);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("(bf16)"), std::string::npos) << warnings[0];
    EXPECT_NE(same[0].model_key, same[1].model_key);
}

TEST(ResolveEntries, ObservationDateChoosesTheAlias) {
    std::vector<entry> before{row(1, "goldmane")};
    resolve_entries(before, test_resolver(), sys_days(2025y / May / 1));
    EXPECT_EQ(before[0].model_key, "gemini2.5-pro");
    EXPECT_EQ(before[0].facts().display_name, "Gemini-2.5-Pro");
    EXPECT_FALSE(before[0].facts().provisional);

    std::vector<entry> after{row(1, "goldmane")};
    resolve_entries(after, test_resolver(), sys_days(2025y / July / 1));
    EXPECT_EQ(after[0].model_key, "goldmane");
    EXPECT_TRUE(after[0].facts().provisional);
}

} // namespace

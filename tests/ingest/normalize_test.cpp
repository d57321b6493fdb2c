// The normalize stage (ingest/normalize.hpp): entries as the extract stage leaves them (spelling
// key, variant column if any) -> canonical model, facts and one spelling of the variant.

#include "lbtrack/ingest/model_key.hpp"
#include "lbtrack/ingest/normalize.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>
#include <random>
#include <set>
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
    // Hugging Face repo ids are case-insensitive: both rows spell one repo, whose spelling key
    // is the canonical key itself; the other row must still get a key of its own.
    std::vector<entry> entries{row(1, "eric111/Yarn-Mistral-7b"),
                               row(2, "Eric111/Yarn-Mistral-7b")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    ASSERT_EQ(warnings.size(), 1u);
    // The smaller printed name ("E" < "e") keeps the key, wherever it stands.
    EXPECT_EQ(entries[1].model_key, "eric111/yarn-mistral-7b");
    EXPECT_EQ(entries[0].model_key, "eric111/yarn-mistral-7b~2");
    // The warning names the key the row is kept under, not the other row's.
    EXPECT_NE(warnings[0].find("kept apart under 'eric111/yarn-mistral-7b~2'"), std::string::npos)
        << warnings[0];
}

TEST(ResolveEntries, TheCanonicalSpellingKeepsTheKeyWhereverItStands) {
    std::vector<entry> entries{row(1, "o3-mini (high)"), row(2, "o3-mini-high")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(entries[1].model_key, "o3-mini-high");
    EXPECT_EQ(entries[0].model_key, model_key("o3-mini (high)"));
    EXPECT_NE(warnings[0].find("rows 2 ('o3-mini-high') and 1 ('o3-mini (high)')"),
              std::string::npos)
        << warnings[0];
}

TEST(ResolveEntries, KeysDoNotDependOnRowOrder) {
    // openllm-v2 re-sorted its rows on 2024-12-11; these names swapped keys between the days.
    const std::vector<std::string> names{
        "ehristoforu/mllama-3.1-8b-it", "ehristoforu/mllama-3.1-8b-instruct",
        "THUDM/glm-4-9b-chat",          "THUDM/glm-4-9b-chat-hf",
        "prithivMLmods/Phi-4-Super",    "prithivMLmods/Phi4-Super",
        "Eric111/Yarn-Mistral-7b",      "eric111/Yarn-Mistral-7b",
        "Qwen/Qwen2.5-7B-Instruct",     "Zorblax-7B"};
    auto keys_of = [&](std::vector<std::size_t> order) {
        std::vector<entry> entries;
        for (std::size_t i = 0; i < order.size(); ++i) {
            entries.push_back(row(i + 1, names[order[i]]));
        }
        resolve_entries(entries, test_resolver(), std::nullopt);
        std::map<std::string, std::string> by_name;
        std::set<std::string> distinct;
        for (const auto& e : entries) {
            by_name[e.raw_name] = e.model_key;
            distinct.insert(e.model_key);
        }
        EXPECT_EQ(distinct.size(), entries.size()) << "two rows share a key";
        return by_name;
    };
    std::vector<std::size_t> order(names.size());
    std::iota(order.begin(), order.end(), 0);
    const auto first = keys_of(order);
    std::mt19937 rng(20241211);
    for (int round = 0; round < 50; ++round) {
        std::shuffle(order.begin(), order.end(), rng);
        EXPECT_EQ(keys_of(order), first) << "round " << round;
    }
    std::ranges::reverse(order);
    EXPECT_EQ(keys_of(order), first);
    // Neither spelling is the canonical key: the smaller name ("…-instruct") keeps it and the
    // other keeps its spelling key, every day.
    EXPECT_EQ(first.at("ehristoforu/mllama-3.1-8b-instruct"), "ehristoforu/mllama3.1-8b-instruct");
    EXPECT_EQ(first.at("ehristoforu/mllama-3.1-8b-it"), model_key("ehristoforu/mllama-3.1-8b-it"));
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

namespace {

TEST(ResolveEntries, EvaluationSettingsAreVariantsOfOneModel) {
    // BFCL lists one model once per evaluation mode (2024-2025).
    std::vector<entry> entries{row(1, "Qwen2.5-7B-Instruct (FC)"),
                               row(2, "Qwen2.5-7B-Instruct (Prompt)"),
                               row(3, "QwQ-32B (FC) (Novita)")};
    const auto warnings = resolve_entries(entries, test_resolver(), std::nullopt);
    EXPECT_TRUE(warnings.empty());
    EXPECT_EQ(entries[0].model_key, "qwen2.5-7b-instruct");
    EXPECT_EQ(entries[1].model_key, "qwen2.5-7b-instruct");
    EXPECT_EQ(entries[0].variant, "fc");
    EXPECT_EQ(entries[1].variant, "prompt");
    EXPECT_EQ(entries[2].model_key, "qwq-32b");
    EXPECT_EQ(entries[2].variant, "fc-novita");
}

} // namespace

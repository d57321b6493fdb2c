// Layer 3 of model identity (ingest/model_resolver.hpp): a registry built in code, so each test
// shows the one organization, alias or pair it is about. config/models.toml itself is loaded by
// tests/config/model_registry_file_test.cpp and measured by identity_pairs_test.cpp.

#include "lbtrack/ingest/model_resolver.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using namespace lbtrack::ingest;
using namespace std::chrono;

registry_organization org(std::string name, std::vector<std::string> hf,
                          std::vector<std::string> vendor_words,
                          std::vector<std::string> families) {
    return {std::move(name), std::move(hf), std::move(vendor_words), std::move(families), 0};
}

registry_alias alias(std::string name, std::optional<sys_days> from = std::nullopt,
                     std::optional<sys_days> until = std::nullopt, std::size_t line = 0) {
    return {std::move(name), from, until, line};
}

/// A small registry in the shape of config/models.toml.
model_registry test_registry() {
    model_registry r;
    r.file = "models.toml";
    r.digest = "0123456789abcdef";
    r.organizations = {
        org("Alibaba (Qwen)", {"qwen"}, {"alibaba"}, {"qwen", "qwq"}),
        org("Meta", {"meta-llama"}, {"meta"}, {"llama"}),
        org("AI21 Labs", {"ai21labs"}, {"ai21"}, {"jamba"}),
        org("Cohere", {"cohereforai"}, {"cohere"}, {"command", "aya"}),
        org("OpenAI", {"openai"}, {"openai"}, {"gpt", "o"}),
        org("Anthropic", {"anthropic"}, {"anthropic"}, {"claude"}),
        org("Google", {"google"}, {"google"}, {"gemini", "gemma"}),
        org("DeepSeek", {"deepseek-ai"}, {}, {"deepseek"}),
    };
    r.models = {
        {"DeepSeek-V3",
         "DeepSeek",
         {alias("deepseek-chat-v3", std::nullopt, std::nullopt, 21)},
         20},
        {"o1-2024-12-17", "OpenAI", {alias("o1", sys_days(2024y / December / 17))}, 30},
        {"Gemini-2.5-Pro",
         "Google",
         {alias("goldmane", std::nullopt, sys_days(2025y / June / 17))},
         40},
        // No organization lists the "yi" family: the registry entry alone vouches for it.
        {"Yi-34B-Chat", "01.AI", {}, 50},
    };
    r.distinct = {
        {"Claude Opus 4", "claude-4-opus", "a test pair: the API name split off", 60},
        {"o3-mini (high)", "o3-mini-high", "", 70},
    };
    return r;
}

class ModelResolver : public ::testing::Test {
protected:
    const model_resolver resolver{test_registry()};
    const model_resolver rules_only;

    std::string key(std::string_view printed) const { return resolver.resolve(printed).key; }
};

TEST_F(ModelResolver, PublisherOrgPrefixDropped) {
    const auto r = resolver.resolve("Qwen/Qwen2.5-72B-Instruct");
    EXPECT_EQ(r.key, "qwen2.5-72b-instruct");
    EXPECT_EQ(r.key, key("Qwen2.5-72B-Instruct"));
    EXPECT_FALSE(r.org_is_identity);
    EXPECT_EQ(r.parts.org, "qwen");
    EXPECT_NE(r.decided_by.find("org prefix 'qwen/' dropped"), std::string::npos) << r.decided_by;
    // The publisher's org in front of a family it does not publish is not dropped.
    EXPECT_TRUE(resolver.resolve("Qwen/Llama-3-8B").org_is_identity);
}

TEST_F(ModelResolver, ForeignOrgPrefixKept) {
    const auto r = resolver.resolve("someone/aya-expanse-8b");
    EXPECT_TRUE(r.key.starts_with("someone/")) << r.key;
    EXPECT_EQ(r.key, "someone/aya-expanse-8b");
    EXPECT_TRUE(r.org_is_identity);
    EXPECT_NE(r.decided_by.find("org prefix 'someone/' kept"), std::string::npos) << r.decided_by;
    EXPECT_NE(r.decided_by.find("Cohere"), std::string::npos) << r.decided_by;
    // Cohere's own upload is Cohere's model; the fine-tune is not.
    EXPECT_EQ(key("CohereForAI/aya-expanse-8b"), "aya-expanse-8b");
    EXPECT_NE(key("someone/aya-expanse-8b"), key("aya-expanse-8b"));
    // An unknown publisher of an unknown family is kept too.
    EXPECT_EQ(key("someone/zorblax-7b"), "someone/zorblax-7b");
}

TEST_F(ModelResolver, OrgNamedAfterTheFamilyDroppedWithoutRegistry) {
    const auto r = rules_only.resolve("internlm/internlm2_5-7b-chat");
    EXPECT_EQ(r.key, "internlm2.5-7b-chat");
    EXPECT_FALSE(r.org_is_identity);
    EXPECT_NE(r.decided_by.find("named after the family"), std::string::npos) << r.decided_by;
    EXPECT_EQ(rules_only.resolve("deepseek-ai/deepseek-llm-7b-chat").key, "deepseek-7b-chat");
    // Without a registry, any other org is identity.
    EXPECT_EQ(rules_only.resolve("Qwen/Qwen2.5-72B-Instruct").key, "qwen2.5-72b-instruct");
    EXPECT_EQ(rules_only.resolve("someone/qwen2.5-7b").key, "someone/qwen2.5-7b");
}

// A family the registry knows has its publishers listed: an org merely named like the family is
// someone else ("llamafan/" is not Meta).
TEST_F(ModelResolver, OrgNamedLikeAKnownFamilyIsNotItsPublisher) {
    const auto r = resolver.resolve("llamafan/llama-3-8b");
    EXPECT_TRUE(r.org_is_identity);
    EXPECT_EQ(r.key, "llamafan/llama3-8b");
}

TEST_F(ModelResolver, VendorWordDropped) {
    const auto meta = resolver.resolve("Meta-Llama-3.1-8B-Instruct");
    EXPECT_EQ(meta.key, key("Llama-3.1-8B-Instruct"));
    EXPECT_EQ(meta.key, "llama3.1-8b-instruct");
    EXPECT_EQ(meta.parts.vendor_word, "meta");
    EXPECT_NE(meta.decided_by.find("vendor word 'meta' dropped"), std::string::npos)
        << meta.decided_by;

    const auto ai21 = resolver.resolve("AI21-Jamba-1.5-Large");
    EXPECT_EQ(ai21.key, key("Jamba-1.5-Large"));
    EXPECT_EQ(ai21.key, "jamba1.5-large");
    EXPECT_EQ(ai21.parts.vendor_word, "ai21");

    // With the hf org as well.
    EXPECT_EQ(key("meta-llama/Meta-Llama-3.1-8B-Instruct"), key("Llama-3.1-8B-Instruct"));
    // A vendor word is only dropped in front of its own family, and only by the registry.
    EXPECT_EQ(resolver.resolve("Meta-Zorblax-7B").parts.vendor_word, "");
    EXPECT_NE(rules_only.resolve("Meta-Llama-3.1-8B-Instruct").key,
              rules_only.resolve("Llama-3.1-8B-Instruct").key);
}

TEST_F(ModelResolver, AliasFromAnySpelling) {
    const std::string v3 = key("DeepSeek-V3");
    for (const char* spelling : {"deepseek-chat-v3", "DeepSeek Chat V3", "DEEPSEEK_CHAT_V3",
                                 "[deepseek-chat-v3](https://x)"}) {
        const auto r = resolver.resolve(spelling);
        EXPECT_EQ(r.key, v3) << spelling;
        EXPECT_EQ(r.display_name, "DeepSeek-V3") << spelling;
        EXPECT_FALSE(r.provisional) << spelling;
        EXPECT_NE(r.decided_by.find("alias 'deepseek-chat-v3' of DeepSeek-V3"), std::string::npos)
            << r.decided_by;
        EXPECT_NE(r.decided_by.find("models.toml:21"), std::string::npos) << r.decided_by;
    }
    // Without the alias the rules alone keep them apart.
    EXPECT_NE(rules_only.resolve("deepseek-chat-v3").key, rules_only.resolve("DeepSeek-V3").key);
}

TEST_F(ModelResolver, AliasWithAPeriodAppliesOnlyWithinIt) {
    const std::string gemini = key("Gemini-2.5-Pro");
    const auto inside = resolver.resolve("goldmane", sys_days(2025y / May / 20));
    EXPECT_EQ(inside.key, gemini);
    EXPECT_FALSE(inside.provisional);
    EXPECT_NE(inside.decided_by.find("valid … to 2025-06-17"), std::string::npos)
        << inside.decided_by;
    EXPECT_EQ(resolver.resolve("goldmane", sys_days(2025y / June / 17)).key, gemini); // inclusive

    const auto after = resolver.resolve("goldmane", sys_days(2025y / June / 18));
    EXPECT_EQ(after.key, "goldmane");
    EXPECT_TRUE(after.provisional);

    // A start bound: "o1" is the December snapshot from its release on, o1 before.
    const std::string o1_snapshot = key("o1-2024-12-17");
    EXPECT_EQ(o1_snapshot, "o1-1217");
    EXPECT_EQ(resolver.resolve("o1", sys_days(2024y / December / 17)).key, o1_snapshot);
    EXPECT_EQ(resolver.resolve("o1", sys_days(2025y / March / 1)).key, o1_snapshot);
    EXPECT_EQ(resolver.resolve("o1", sys_days(2024y / December / 16)).key, "o1");

    // Without a date every alias applies.
    EXPECT_EQ(resolver.resolve("goldmane").key, gemini);
    EXPECT_EQ(resolver.resolve("o1").key, o1_snapshot);
}

TEST_F(ModelResolver, ModeOfAnAliasedNameFollowsItsSnapshot) {
    model_registry r = test_registry();
    r.models.push_back({"o3-mini-2025-01-31", "OpenAI", {alias("o3-mini")}, 80});
    const model_resolver with_o3{std::move(r)};
    EXPECT_EQ(with_o3.resolve("o3-mini").key, "o3-mini-0131");
    const auto high = with_o3.resolve("o3-mini-high");
    EXPECT_EQ(high.key, "o3-mini-high-0131");
    EXPECT_EQ(high.key, with_o3.resolve("o3-mini-2025-01-31-high").key);
    EXPECT_NE(high.decided_by.find("mode high of 'o3-mini'"), std::string::npos) << high.decided_by;
    // The mode still tells the models apart.
    EXPECT_NE(high.key, with_o3.resolve("o3-mini").key);
    EXPECT_NE(high.key, with_o3.resolve("o3-mini-low").key);
    // A word that is no mode does not follow the alias.
    EXPECT_EQ(with_o3.resolve("o3-mini-turbo").key, "o3-mini-turbo");
    // A period still applies: "o1" before 2024-12-17 is not the December snapshot, in any mode.
    EXPECT_EQ(resolver.resolve("o1-high", sys_days(2024y / December / 1)).key, "o1-high");
    EXPECT_EQ(resolver.resolve("o1-high", sys_days(2024y / December / 20)).key, "o1-high-1217");
}

TEST_F(ModelResolver, MonthDatedNameFindsAYearMonthSnapshot) {
    model_registry r = test_registry();
    r.organizations.push_back(org("Mistral AI", {"mistralai"}, {"mistral"}, {"mistral"}));
    r.models.push_back({"mistral-large-2402", "Mistral AI", {}, 90});
    r.models.push_back({"mistral-large-2407", "Mistral AI", {}, 91});
    const model_resolver mistral{std::move(r)};
    // 2402 is February 2024, the snapshot current in March; July's came out in July.
    EXPECT_EQ(mistral.resolve("Mistral Large (Mar 2024)").key, "mistral-large-2402");
    EXPECT_EQ(mistral.resolve("Mistral Large (Jul 2024)").key, "mistral-large-2407");
    // Before the first one, the month stays in the key.
    EXPECT_EQ(mistral.resolve("Mistral Large (Jan 2024)").key, "mistral-large-2401");
}

TEST_F(ModelResolver, DistinctPairSplitsTheSecondName) {
    // The rules merge them.
    ASSERT_EQ(rules_only.resolve("Claude Opus 4").key, rules_only.resolve("claude-4-opus").key);

    const auto first = resolver.resolve("Claude Opus 4");
    EXPECT_EQ(first.key, "claude4-opus");
    const auto second = resolver.resolve("claude-4-opus");
    EXPECT_EQ(second.key, spelling_key("claude-4-opus"));
    EXPECT_EQ(second.key, "claude-4-opus");
    EXPECT_NE(second.key, first.key);
    EXPECT_FALSE(second.provisional);
    EXPECT_NE(second.decided_by.find("not the same as 'Claude Opus 4'"), std::string::npos)
        << second.decided_by;
    EXPECT_NE(second.decided_by.find("a test pair"), std::string::npos) << second.decided_by;
    // Other spellings of the second name are split off with it.
    EXPECT_EQ(key("Claude-4-Opus"), second.key);
    // A third spelling that is neither keeps the rules key, with the first.
    EXPECT_EQ(key("Claude Opus 4.0"), first.key);

    // When the second name's spelling is already the rules key, it still gets a key of its own.
    EXPECT_EQ(key("o3-mini (high)"), "o3-mini-high");
    EXPECT_EQ(key("o3-mini-high"), "o3-mini-high~distinct");
}

TEST_F(ModelResolver, Provisional) {
    const auto unknown = resolver.resolve("Zorblax-7B-Instruct");
    EXPECT_TRUE(unknown.provisional);
    EXPECT_NE(unknown.decided_by.find("provisional: family 'zorblax' is not in the registry"),
              std::string::npos)
        << unknown.decided_by;

    const auto known = resolver.resolve("Qwen2.5-7B-Instruct");
    EXPECT_FALSE(known.provisional);
    EXPECT_NE(known.decided_by.find("rules: known family qwen"), std::string::npos)
        << known.decided_by;

    const auto model = resolver.resolve("yi-34b-chat");
    EXPECT_FALSE(model.provisional);
    EXPECT_EQ(model.display_name, "Yi-34B-Chat");
    EXPECT_NE(model.decided_by.find("registry model Yi-34B-Chat (models.toml:50)"),
              std::string::npos)
        << model.decided_by;
    // Another Yi is not vouched for: the family is not listed.
    EXPECT_TRUE(resolver.resolve("Yi-6B-Chat").provisional);

    EXPECT_FALSE(resolver.resolve("deepseek-chat-v3").provisional);
    // Without a registry, everything is provisional.
    EXPECT_TRUE(rules_only.resolve("Qwen2.5-7B-Instruct").provisional);
}

TEST_F(ModelResolver, DecidedByExplainsTheParts) {
    const auto r = resolver.resolve("claude-3-5-sonnet-20241022");
    EXPECT_NE(r.decided_by.find("family=claude"), std::string::npos) << r.decided_by;
    EXPECT_NE(r.decided_by.find("version=3.5"), std::string::npos) << r.decided_by;
    EXPECT_NE(r.decided_by.find("date=2024/1022"), std::string::npos) << r.decided_by;
    const auto hf = resolver.resolve("Llama-2-7b-chat-hf");
    EXPECT_NE(hf.decided_by.find("packaging word 'hf' dropped"), std::string::npos)
        << hf.decided_by;
}

TEST_F(ModelResolver, VariantFromThePrecisionInTheName) {
    const auto bare = resolver.resolve("Qwen2.5-7B-Instruct");
    EXPECT_EQ(bare.variant, "");
    const auto bf16 = resolver.resolve("Qwen/Qwen2.5-7B-Instruct-bf16");
    EXPECT_EQ(bf16.variant, "bf16");
    EXPECT_EQ(bf16.key, bare.key);
    EXPECT_NE(bf16.decided_by.find("precision=bf16"), std::string::npos) << bf16.decided_by;
    EXPECT_EQ(resolver.resolve("Qwen2.5-7B-Instruct (FP8)").variant, "fp8");
    EXPECT_EQ(resolver.resolve("Qwen2.5-7B-Instruct-bfloat16").variant, "bf16");
    // An alias keeps the variant its spelling wrote.
    const auto aliased = resolver.resolve("deepseek-chat-v3-fp8");
    EXPECT_EQ(aliased.key, key("DeepSeek-V3"));
    EXPECT_EQ(aliased.variant, "fp8");
}

TEST_F(ModelResolver, DisplayName) {
    EXPECT_EQ(resolver.resolve("[Qwen2.5-7B-Instruct](https://x)(new)").display_name,
              "Qwen2.5-7B-Instruct");
    EXPECT_EQ(resolver.resolve("YI-34B-CHAT").display_name, "Yi-34B-Chat");
}

TEST_F(ModelResolver, VersionTagAndKeys) {
    EXPECT_EQ(rules_only.version_tag(),
              "rules " + std::to_string(identity_rules_version) + ", registry none");
    EXPECT_EQ(resolver.version_tag(),
              "rules " + std::to_string(identity_rules_version) + ", registry 0123456789abcdef");
    EXPECT_EQ(resolver.registry_keys(),
              (std::vector<std::string>{"deepseek3", "gemini2.5-pro", "o1-1217", "yi-34b-chat"}));
    EXPECT_TRUE(rules_only.registry_keys().empty());
}

TEST(SpellingKey, SeparatorsOnly) {
    EXPECT_EQ(spelling_key("Claude Opus 4"), "claude-opus-4");
    EXPECT_EQ(spelling_key("  Qwen2.5_7B--Instruct "), "qwen2.5-7b-instruct");
    EXPECT_EQ(spelling_key("[GPT-4o](https://x)"), "gpt-4o");
}

} // namespace

namespace {

bool same_resolution(const lbtrack::ingest::model_resolution& a,
                     const lbtrack::ingest::model_resolution& b) {
    return a.key == b.key && a.display_name == b.display_name && a.variant == b.variant &&
           a.provisional == b.provisional && a.decided_by == b.decided_by &&
           a.org_is_identity == b.org_is_identity && a.parts.family == b.parts.family &&
           a.parts.version == b.parts.version && a.parts.sizes == b.parts.sizes &&
           a.parts.date == b.parts.date && a.parts.precision == b.parts.precision;
}

} // namespace

TEST(ModelResolverMemo, RememberedNamesResolveExactlyAsWithoutTheMemoOnEveryDate) {
    // The memo keeps what the rules made of a printed name; aliases with a period are still
    // decided per date (goldmane is Gemini-2.5-Pro only until 2025-06-17; o1 is o1-2024-12-17
    // only from 2024-12-17).
    const model_resolver plain{test_registry()};
    const model_resolver remembering{test_registry(), lbtrack::ingest::name_memo::on};
    const std::vector<std::string> names{"goldmane",
                                         "o1",
                                         "Qwen/Qwen2.5-72B-Instruct",
                                         "qwen2.5-72b-instruct",
                                         "deepseek-chat-v3",
                                         "claude-4-opus",
                                         "Claude Opus 4",
                                         "Meta-Llama-3.1-8B-Instruct-bf16",
                                         "someone/aya-8b"};
    const std::vector<std::optional<sys_days>> days{std::nullopt, sys_days(2024y / December / 1),
                                                    sys_days(2025y / June / 1),
                                                    sys_days(2025y / July / 1)};
    for (int pass = 0; pass < 2; ++pass) { // the second pass is answered from the memo
        for (const auto& day : days) {
            for (const auto& name : names) {
                EXPECT_TRUE(
                    same_resolution(remembering.resolve(name, day), plain.resolve(name, day)))
                    << name << " pass " << pass;
            }
        }
    }
    EXPECT_EQ(remembering.resolve("goldmane", sys_days(2025y / June / 1)).display_name,
              "Gemini-2.5-Pro");
    EXPECT_NE(remembering.resolve("goldmane", sys_days(2025y / July / 1)).display_name,
              "Gemini-2.5-Pro");
}

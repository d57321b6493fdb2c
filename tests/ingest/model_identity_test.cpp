// Layers 1 and 2 of model identity (ingest/model_identity.hpp): cleaning a printed name, and the
// parts the parser finds in the hard names real boards print. Every expectation here is the part
// a rule of docs/model-identity.md is about; the keys are asserted so a rule change that moves a
// key shows up here before it splits a stored history.

#include "lbtrack/ingest/model_identity.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using lbtrack::ingest::clean_model_name;
using lbtrack::ingest::display_model_name;
using lbtrack::ingest::name_parts;
using lbtrack::ingest::normalize_precision;
using lbtrack::ingest::parse_model_name;

using words = std::vector<std::string>;

std::string key_of(std::string_view printed) {
    return parse_model_name(printed).key_without_org();
}

// ---- layer 1: cleaning ---------------------------------------------------------------------

TEST(ModelIdentityClean, MarkdownLinkResidueIsItsText) {
    EXPECT_EQ(clean_model_name("[GPT-4o](https://openai.com/gpt-4o)"), "gpt-4o");
    EXPECT_EQ(clean_model_name("**Qwen2.5-72B**"), "qwen2.5-72b");
    EXPECT_EQ(clean_model_name("`o3-mini`"), "o3-mini");
    // An image is nothing; the text beside it stays.
    EXPECT_EQ(clean_model_name("![logo](https://x/logo.png) Claude 3 Opus"), "claude 3 opus");
    // Brackets that are not a link are part of the name.
    EXPECT_EQ(clean_model_name("Model [beta]"), "model [beta]");
}

TEST(ModelIdentityClean, HtmlTagsAndEntities) {
    EXPECT_EQ(clean_model_name("<b>Claude</b> 3&nbsp;Opus"), "claude 3 opus");
    EXPECT_EQ(clean_model_name("<a href=\"https://x\">Yi-34B-Chat</a>"), "yi-34b-chat");
    EXPECT_EQ(clean_model_name("Tom &amp; Jerry&#39;s &#x41;I"), "tom & jerry's ai");
    // A '<' that starts no tag is text; an unknown entity is kept as written.
    EXPECT_EQ(clean_model_name("a < b"), "a < b");
    EXPECT_EQ(clean_model_name("x &bogus; y"), "x &bogus; y");
}

TEST(ModelIdentityClean, TryItDecorations) {
    // The Markdown cell, and what a text-only reading of it leaves.
    EXPECT_EQ(clean_model_name("Qwen3-14B\u261B[去体验](https://example.com/try)"), "qwen3-14b");
    EXPECT_EQ(clean_model_name("Qwen3-14B\u261B去体验"), "qwen3-14b");
    EXPECT_EQ(clean_model_name("qwen2.5-7b-instruct \u261B 去体验"), "qwen2.5-7b-instruct");
}

TEST(ModelIdentityClean, NewMarkers) {
    EXPECT_EQ(clean_model_name("GLM-4-Plus(new)"), "glm-4-plus");
    EXPECT_EQ(clean_model_name("GLM-4-Plus (NEW)"), "glm-4-plus");
    EXPECT_EQ(clean_model_name("GLM-4-Plus\uFF08new\uFF09"), "glm-4-plus"); // （new）
    // Only visible once the link around the name is gone.
    EXPECT_EQ(clean_model_name("[Qwen3-32B](https://x)(new)"), "qwen3-32b");
}

TEST(ModelIdentityClean, FullWidthAndCjkBrackets) {
    EXPECT_EQ(clean_model_name("\uFF31\uFF57\uFF45\uFF4E\uFF12\uFF0E\uFF15"),
              "qwen2.5"); // Ｑｗｅｎ２．５
    EXPECT_EQ(clean_model_name("Ｑｗｅｎ（0528）"), "qwen(0528)");
    EXPECT_EQ(clean_model_name("\u3010DeepSeek\u3011R1"), "(deepseek)r1");   // 【DeepSeek】R1
    EXPECT_EQ(clean_model_name("文心一言\u300C4.0\u300D"), "文心一言(4.0)"); // 「」
    // Full-width and half-width spellings are one name.
    EXPECT_EQ(parse_model_name("\uFF31\uFF57\uFF45\uFF4E\uFF12\uFF0E\uFF15-7B").key_without_org(),
              parse_model_name("Qwen2.5-7B").key_without_org());
}

TEST(ModelIdentityClean, WhitespaceAndCase) {
    EXPECT_EQ(clean_model_name("  Claude\t 3 \n Opus  "), "claude 3 opus");
    EXPECT_EQ(clean_model_name("Claude\u00A0\u00A03"), "claude 3");
    EXPECT_EQ(clean_model_name("GPT\u20144o"), "gpt-4o"); // em dash
    EXPECT_EQ(clean_model_name(""), "");
    EXPECT_EQ(clean_model_name("\u261B"), ""); // all decoration
}

TEST(ModelIdentityClean, DisplayNameKeepsCaseAndForm) {
    EXPECT_EQ(display_model_name("[GPT-4o](https://x)(new)"), "GPT-4o");
    EXPECT_EQ(display_model_name("<b>Claude 3 Opus</b>"), "Claude 3 Opus");
    EXPECT_EQ(display_model_name("Qwen3-14B\u261B[去体验](https://x)"), "Qwen3-14B");
    EXPECT_EQ(display_model_name("Qwen3-14B \u261B去体验"), "Qwen3-14B");
    EXPECT_EQ(display_model_name("  GLM-4-Plus\uFF08new\uFF09 "), "GLM-4-Plus");
}

// ---- layer 2: parts ------------------------------------------------------------------------

TEST(ModelIdentityParts, HuggingFaceOrgIsAPartOfItsOwn) {
    const auto p = parse_model_name("Qwen/Qwen2.5-72B-Instruct");
    EXPECT_EQ(p.cleaned, "qwen/qwen2.5-72b-instruct");
    EXPECT_EQ(p.org, "qwen");
    EXPECT_EQ(p.first_token, "qwen2.5");
    EXPECT_EQ(p.family, "qwen");
    EXPECT_EQ(p.version, "2.5");
    EXPECT_EQ(p.sizes, words{"72b"});
    EXPECT_EQ(p.tuning, "instruct");
    EXPECT_EQ(p.mode, "");
    EXPECT_EQ(p.date, "");
    EXPECT_EQ(p.precision, "");
    EXPECT_TRUE(p.words.empty());
    // The org is judged by the resolver, never written into key_without_org().
    EXPECT_EQ(p.key_without_org(), "qwen2.5-72b-instruct");
    EXPECT_EQ(p.key_without_org(), key_of("Qwen2.5-72B-Instruct"));
}

TEST(ModelIdentityParts, UnderscoreVersion) {
    const auto p = parse_model_name("internlm2_5-7b-chat");
    EXPECT_EQ(p.org, "");
    EXPECT_EQ(p.family, "internlm");
    EXPECT_EQ(p.version, "2.5");
    EXPECT_EQ(p.sizes, words{"7b"});
    EXPECT_EQ(p.tuning, "chat");
    EXPECT_EQ(p.key_without_org(), "internlm2.5-7b-chat");
    EXPECT_EQ(p.key_without_org(), key_of("InternLM2.5-7B-Chat"));
    // An underscore before a size is a separator, not a decimal point.
    const auto q = parse_model_name("qwen2_5_7b");
    EXPECT_EQ(q.version, "2.5");
    EXPECT_EQ(q.sizes, words{"7b"});
}

TEST(ModelIdentityParts, TuningWrittenBeforeTheSize) {
    const auto p = parse_model_name("InternLM2-Chat-7B");
    EXPECT_EQ(p.family, "internlm");
    EXPECT_EQ(p.version, "2");
    EXPECT_EQ(p.sizes, words{"7b"});
    EXPECT_EQ(p.tuning, "chat");
    EXPECT_TRUE(p.words.empty());
    EXPECT_EQ(p.key_without_org(), "internlm2-7b-chat");
    EXPECT_EQ(p.key_without_org(), key_of("internlm2-7b-chat"));
}

TEST(ModelIdentityParts, VersionAfterTheSize) {
    const auto p = parse_model_name("Mistral-7B-Instruct-v0.3");
    EXPECT_EQ(p.family, "mistral");
    EXPECT_EQ(p.version, "0.3");
    EXPECT_EQ(p.sizes, words{"7b"});
    EXPECT_EQ(p.tuning, "instruct");
    EXPECT_EQ(p.key_without_org(), "mistral0.3-7b-instruct");
    EXPECT_EQ(p.key_without_org(), key_of("mistral-7b-instruct-0.3"));
    EXPECT_NE(p.key_without_org(), key_of("Mistral-7B-Instruct-v0.2"));
}

TEST(ModelIdentityParts, HyphenatedMinorVersion) {
    // "claude-3-5" is 3.5: a one-digit number right after a plain major version continues it,
    // with or without a "v" in front of the major.
    EXPECT_EQ(parse_model_name("phi-3-5-mini-instruct").version, "3.5");
    EXPECT_EQ(key_of("phi-3-5-mini-instruct"), key_of("Phi-3.5-mini-instruct"));
    const auto v = parse_model_name("deepseek-v2-5");
    EXPECT_EQ(v.version, "2.5");
    EXPECT_TRUE(v.words.empty());
    EXPECT_EQ(v.key_without_org(), "deepseek2.5");
    EXPECT_EQ(v.key_without_org(), key_of("DeepSeek-V2.5"));
    EXPECT_EQ(v.key_without_org(), key_of("deepseek-v2_5"));
    // Only side by side: a number after another word is a word of its own.
    EXPECT_NE(key_of("claude-3-opus-5"), key_of("claude-3.5-opus"));
}

TEST(ModelIdentityParts, MixtureOfExpertsSizes) {
    const auto mixtral = parse_model_name("Mixtral-8x7B");
    EXPECT_EQ(mixtral.family, "mixtral");
    EXPECT_EQ(mixtral.version, "");
    EXPECT_EQ(mixtral.sizes, words{"8x7b"});
    EXPECT_EQ(mixtral.key_without_org(), "mixtral-8x7b");
    EXPECT_NE(mixtral.key_without_org(), key_of("Mixtral-8x22B"));

    const auto qwen = parse_model_name("Qwen3-235B-A22B");
    EXPECT_EQ(qwen.family, "qwen");
    EXPECT_EQ(qwen.version, "3");
    EXPECT_EQ(qwen.sizes, (words{"235b", "a22b"}));
    EXPECT_EQ(qwen.key_without_org(), "qwen3-235b-a22b");
    EXPECT_NE(qwen.key_without_org(), key_of("Qwen3-235B"));
}

TEST(ModelIdentityParts, GemmaItIsInstruct) {
    const auto p = parse_model_name("gemma-2-9b-it");
    EXPECT_EQ(p.family, "gemma");
    EXPECT_EQ(p.version, "2");
    EXPECT_EQ(p.sizes, words{"9b"});
    EXPECT_EQ(p.tuning, "instruct");
    EXPECT_EQ(p.key_without_org(), "gemma2-9b-instruct");
    EXPECT_EQ(p.key_without_org(), key_of("Gemma-2-9B-Instruct"));
    EXPECT_NE(p.key_without_org(), key_of("gemma-2-9b"));
}

TEST(ModelIdentityParts, DateTagMonthDay) {
    const auto p = parse_model_name("DeepSeek-R1-0528");
    EXPECT_EQ(p.family, "deepseek");
    EXPECT_EQ(p.words, words{"r1"});
    EXPECT_EQ(p.date, "0528");
    EXPECT_EQ(p.date_year, "");
    EXPECT_EQ(p.key_without_org(), "deepseek-r1-0528");
    EXPECT_NE(p.key_without_org(), key_of("DeepSeek-R1"));
}

TEST(ModelIdentityParts, FullDateAndShortTagAgree) {
    const auto full = parse_model_name("GPT-4o-2024-05-13");
    EXPECT_EQ(full.family, "gpt");
    EXPECT_EQ(full.version, "4o");
    EXPECT_EQ(full.date, "0513");
    EXPECT_EQ(full.date_year, "2024");
    const auto tag = parse_model_name("gpt-4o-0513");
    EXPECT_EQ(tag.date, "0513");
    EXPECT_EQ(tag.date_year, "");
    EXPECT_EQ(full.key_without_org(), "gpt4o-0513");
    EXPECT_EQ(full.key_without_org(), tag.key_without_org());
    EXPECT_EQ(full.key_without_org(), key_of("gpt-4o-20240513"));
    EXPECT_EQ(full.key_without_org(), key_of("GPT-4o (240513)"));
    EXPECT_NE(full.key_without_org(), key_of("gpt-4o-2024-08-06"));
}

TEST(ModelIdentityParts, EightDigitDateAndHyphenatedVersion) {
    const auto p = parse_model_name("claude-3-5-sonnet-20241022");
    EXPECT_EQ(p.family, "claude");
    EXPECT_EQ(p.version, "3.5");
    EXPECT_EQ(p.words, words{"sonnet"});
    EXPECT_EQ(p.date, "1022");
    EXPECT_EQ(p.date_year, "2024");
    EXPECT_EQ(p.key_without_org(), "claude3.5-sonnet-1022");
    EXPECT_EQ(p.key_without_org(), key_of("Claude 3.5 Sonnet (20241022)"));
    EXPECT_EQ(p.key_without_org(), key_of("Claude-3.5-Sonnet-2024-10-22"));
}

TEST(ModelIdentityParts, DateInParentheses) {
    const auto p = parse_model_name("ChatGPT-4o-latest (2025-03-26)");
    EXPECT_EQ(p.family, "chatgpt");
    EXPECT_EQ(p.version, "4o");
    EXPECT_EQ(p.words, words{"latest"});
    EXPECT_EQ(p.date, "0326");
    EXPECT_EQ(p.date_year, "2025");
    EXPECT_EQ(p.key_without_org(), "chatgpt4o-latest-0326");
    EXPECT_EQ(p.key_without_org(), key_of("chatgpt-4o-latest-20250326"));
    EXPECT_NE(p.key_without_org(), key_of("ChatGPT-4o-latest (2024-11-20)"));
}

TEST(ModelIdentityParts, MonthYearDate) {
    const auto printed = parse_model_name("Command R+ (08-2024)");
    EXPECT_EQ(printed.family, "command");
    EXPECT_EQ(printed.words, (words{"r", "plus"}));
    EXPECT_EQ(printed.date, "2408");
    EXPECT_EQ(printed.date_year, "2024");
    const auto api = parse_model_name("command-r-plus-08-2024");
    EXPECT_EQ(api.date, "2408");
    EXPECT_EQ(printed.key_without_org(), "command-r-plus-2408");
    EXPECT_EQ(printed.key_without_org(), api.key_without_org());
    // Mistral's year-month tags read the same way.
    EXPECT_EQ(parse_model_name("Mistral-Large-2407").date, "2407");
    EXPECT_NE(printed.key_without_org(), key_of("Command R+"));
    EXPECT_NE(printed.key_without_org(), key_of("Command R (08-2024)"));
}

// Mistral's year.month release names are its API's date tags, not versions.
TEST(ModelIdentityParts, YearDotMonthDate) {
    const auto p = parse_model_name("Mistral Large (24.11)");
    EXPECT_EQ(p.date, "2411");
    EXPECT_EQ(p.version, "");
    EXPECT_EQ(p.key_without_org(), parse_model_name("mistral-large-2411").key_without_org());
    EXPECT_EQ(parse_model_name("GLM-4.5").version, "4.5");
}

TEST(ModelIdentityParts, MonthNameDate) {
    const auto p = parse_model_name("Gemini 1.5 Pro (Aug 27)");
    EXPECT_EQ(p.family, "gemini");
    EXPECT_EQ(p.version, "1.5");
    EXPECT_EQ(p.words, words{"pro"});
    EXPECT_EQ(p.date, "0827");
    EXPECT_EQ(p.key_without_org(), "gemini1.5-pro-0827");
    EXPECT_EQ(p.key_without_org(), key_of("gemini-1.5-pro-0827"));
    EXPECT_EQ(p.key_without_org(), key_of("Gemini-1.5-Pro (August 27)"));
}

TEST(ModelIdentityParts, PrecisionIsAVariantNotTheKey) {
    const std::string base = key_of("Qwen2.5-7B-Instruct");
    struct precision_case {
        const char* printed;
        const char* precision;
    };
    for (const auto& c : {precision_case{"Qwen2.5-7B-Instruct-bf16", "bf16"},
                          precision_case{"Qwen2.5-7B-Instruct-fp8", "fp8"},
                          precision_case{"Qwen2.5-7B-Instruct (FP8)", "fp8"},
                          precision_case{"Qwen2.5-7B-Instruct-4bits", "4bits"},
                          precision_case{"Qwen2.5-7B-Instruct-AWQ", "awq"},
                          precision_case{"Qwen2.5-7B-Instruct-bfloat16", "bf16"}}) {
        const auto p = parse_model_name(c.printed);
        EXPECT_EQ(p.precision, c.precision) << c.printed;
        EXPECT_EQ(p.key_without_org(), base) << c.printed;
        EXPECT_EQ(p.sizes, words{"7b"}) << c.printed;
    }
    EXPECT_EQ(parse_model_name("Qwen2.5-7B-Instruct").precision, "");
}

TEST(ModelIdentityParts, EffortAndThinkingModes) {
    const auto o3 = parse_model_name("o3-mini-high");
    EXPECT_EQ(o3.family, "o");
    EXPECT_EQ(o3.version, "3");
    EXPECT_EQ(o3.words, words{"mini"});
    EXPECT_EQ(o3.mode, "high");
    EXPECT_EQ(o3.key_without_org(), "o3-mini-high");
    EXPECT_NE(o3.key_without_org(), key_of("o3-mini"));
    EXPECT_EQ(o3.key_without_org(), key_of("o3-mini (high)"));

    const auto no_thinking = parse_model_name("Qwen3-235B-A22B-no-thinking");
    EXPECT_EQ(no_thinking.mode, "no-thinking");
    EXPECT_EQ(no_thinking.sizes, (words{"235b", "a22b"}));
    EXPECT_EQ(no_thinking.key_without_org(), "qwen3-235b-a22b-no-thinking");
    EXPECT_EQ(no_thinking.key_without_org(), key_of("Qwen3-235B-A22B-nothinking"));
    EXPECT_EQ(no_thinking.key_without_org(), key_of("Qwen3-235B-A22B (non-thinking)"));
    EXPECT_NE(no_thinking.key_without_org(), key_of("Qwen3-235B-A22B-thinking"));
    EXPECT_NE(no_thinking.key_without_org(), key_of("Qwen3-235B-A22B"));
}

TEST(ModelIdentityParts, ThinkingBudget) {
    const auto p = parse_model_name("Claude 3.7 Sonnet (thinking-32k)");
    EXPECT_EQ(p.family, "claude");
    EXPECT_EQ(p.version, "3.7");
    EXPECT_EQ(p.words, words{"sonnet"});
    EXPECT_EQ(p.mode, "thinking-32k");
    EXPECT_EQ(p.context, ""); // the budget is not a context length
    EXPECT_EQ(p.key_without_org(), "claude3.7-sonnet-thinking-32k");
    EXPECT_EQ(p.key_without_org(), key_of("claude-3-7-sonnet-32k-thinking"));
    EXPECT_NE(p.key_without_org(), key_of("Claude 3.7 Sonnet (thinking-16k)"));
    EXPECT_NE(p.key_without_org(), key_of("Claude 3.7 Sonnet (thinking)"));
    EXPECT_NE(p.key_without_org(), key_of("Claude 3.7 Sonnet"));
}

TEST(ModelIdentityParts, ContextLength) {
    const auto p = parse_model_name("ChatGLM3-6B-32K");
    EXPECT_EQ(p.family, "chatglm");
    EXPECT_EQ(p.version, "3");
    EXPECT_EQ(p.sizes, words{"6b"});
    EXPECT_EQ(p.context, "32k");
    EXPECT_EQ(p.mode, "");
    EXPECT_EQ(p.key_without_org(), "chatglm3-6b-32k");
    EXPECT_NE(p.key_without_org(), key_of("ChatGLM3-6B"));
}

TEST(ModelIdentityParts, VersionHoistedOverWordOrder) {
    const auto printed = parse_model_name("Claude Opus 4");
    const auto api = parse_model_name("claude-4-opus");
    EXPECT_EQ(printed.family, "claude");
    EXPECT_EQ(printed.version, "4");
    EXPECT_EQ(printed.words, words{"opus"});
    EXPECT_EQ(printed.key_without_org(), "claude4-opus");
    EXPECT_EQ(printed.key_without_org(), api.key_without_org());
    EXPECT_NE(printed.key_without_org(), key_of("Claude Sonnet 4"));
    EXPECT_NE(printed.key_without_org(), key_of("Claude Opus 4.1"));
}

TEST(ModelIdentityParts, TrailingZeroVersions) {
    EXPECT_EQ(parse_model_name("Amazon Nova Pro 1.0").version, "1");
    EXPECT_EQ(key_of("Nova Pro 1.0"), key_of("Nova Pro 1"));
    EXPECT_EQ(key_of("GLM-4.0"), key_of("GLM-4"));
    EXPECT_EQ(parse_model_name("foo-2.0.0").version, "2");
    // Only trailing zeros: 1.05 and 3.10 are versions of their own.
    EXPECT_NE(key_of("Nova Pro 1.05"), key_of("Nova Pro 1"));
    EXPECT_EQ(parse_model_name("foo-1.10").version, "1.10");
}

TEST(ModelIdentityParts, PackagingAndFillerWordsDropped) {
    const auto hf = parse_model_name("Llama-2-7b-chat-hf");
    EXPECT_TRUE(hf.dropped_packaging);
    EXPECT_EQ(hf.family, "llama");
    EXPECT_EQ(hf.version, "2");
    EXPECT_EQ(hf.key_without_org(), "llama2-7b-chat");
    EXPECT_EQ(hf.key_without_org(), key_of("Llama-2-7b-chat"));
    EXPECT_FALSE(parse_model_name("Llama-2-7b-chat").dropped_packaging);

    const auto llm = parse_model_name("DeepSeek-LLM-67B-Chat");
    EXPECT_EQ(llm.family, "deepseek");
    EXPECT_TRUE(llm.words.empty());
    EXPECT_EQ(llm.key_without_org(), "deepseek-67b-chat");
    EXPECT_EQ(llm.key_without_org(), key_of("deepseek-67b-chat"));
}

TEST(ModelIdentityParts, CommandRPlusSpellings) {
    EXPECT_EQ(key_of("Command R+"), key_of("command-r-plus"));
    EXPECT_NE(key_of("Command R+"), key_of("Command R"));
}

TEST(ModelIdentityParts, NamesWithoutRecognisableParts) {
    const auto empty = parse_model_name("");
    EXPECT_EQ(empty.family, "");
    EXPECT_EQ(empty.key_without_org(), "");
    const auto punct = parse_model_name("--- / ---");
    EXPECT_EQ(punct.key_without_org(), "");
    // A CJK name is a family like any other.
    const auto cjk = parse_model_name("文心一言4.0");
    EXPECT_EQ(cjk.family, "文心一言");
    EXPECT_EQ(cjk.version, "4");
}

TEST(ModelIdentityParts, VendorWordOnlyWhenTheTestSaysSo) {
    const auto plain = parse_model_name("Meta-Llama-3.1-8B-Instruct");
    EXPECT_EQ(plain.vendor_word, "");
    EXPECT_EQ(plain.family, "meta");

    const auto judged = parse_model_name("Meta-Llama-3.1-8B-Instruct",
                                         [](std::string_view word, std::string_view next) {
                                             return word == "meta" && next.starts_with("llama");
                                         });
    EXPECT_EQ(judged.vendor_word, "meta");
    EXPECT_EQ(judged.family, "llama");
    EXPECT_EQ(judged.version, "3.1");
    EXPECT_EQ(judged.key_without_org(), key_of("Llama-3.1-8B-Instruct"));
}

TEST(ModelIdentityParts, MethodInFrontOfTheModelIsItsLastWord) {
    // AlpacaEval's display name and its result id of one ExPO model.
    EXPECT_EQ(key_of("ExPO + Starling LM 7B beta"), key_of("Starling-LM-7B-beta-ExPO"));
    EXPECT_EQ(key_of("ExPO + Tulu-2-DPO-70B"), key_of("tulu-2-dpo-70b-ExPO"));
    // A model in front of the '+' (no spaces, a size) is not a method: left in its place.
    EXPECT_EQ(key_of("Aligner 2B+Claude 3 Opus"), "aligner3-claude-opus-2b");
    EXPECT_NE(key_of("ExPO + Starling LM 7B beta"), key_of("Starling-LM-7B-beta"));
}

TEST(ModelIdentityParts, DotAiIsPartOfTheCompanyName) {
    EXPECT_EQ(key_of("Blendax.AI-gm-l6-vo31"), key_of("blendaxai-gm-l6-vo31"));
    EXPECT_EQ(parse_model_name("Blendax.AI-gm-l6-vo31").family, "blendaxai");
    // Bedrock's provider dot still separates, also before a word starting with "ai".
    EXPECT_EQ(parse_model_name("amazon.nova-pro-v1:0").family, "amazon");
    EXPECT_EQ(parse_model_name("acme.aide-7b").family, "acme");
}

TEST(ModelIdentityParts, BestOfNIsASetting) {
    const auto display = parse_model_name("UltraLM 13B (best-of-16)");
    const auto id = parse_model_name("ultralm-13b-best-of-16");
    EXPECT_EQ(display.setting, "best-of-16");
    EXPECT_EQ(id.setting, "best-of-16");
    EXPECT_EQ(display.key_without_org(), "ultralm-13b");
    EXPECT_EQ(id.key_without_org(), "ultralm-13b");
    // Only digits after it: "best-of-breed" stays a word of the name.
    EXPECT_EQ(parse_model_name("model-best-of-breed").setting, "");
}

TEST(ModelIdentityParts, EffortSpelledWithReasoning) {
    EXPECT_EQ(key_of("OpenAI-o3-mini-high-reasoning"), key_of("OpenAI-o3-mini-high"));
    EXPECT_EQ(parse_model_name("Cohere Command R 8bitq").precision, "8bitq");
}

TEST(ModelIdentityPrecision, Normalized) {
    EXPECT_EQ(normalize_precision("bfloat16"), "bf16");
    EXPECT_EQ(normalize_precision("BFloat16"), "bf16");
    EXPECT_EQ(normalize_precision("float16"), "fp16");
    EXPECT_EQ(normalize_precision("float32"), "fp32");
    EXPECT_EQ(normalize_precision("FP8"), "fp8");
    EXPECT_EQ(normalize_precision("  GPTQ "), "gptq");
    EXPECT_EQ(normalize_precision(""), "");
}

} // namespace

// A name printed as a link to its Hugging Face repo (ingest/src/linked_model.hpp): the link names
// the model when it is the printed name in full, and only then.

#include "lbtrack/ingest/linked_model.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"
#include "lbtrack/ingest/model_key.hpp"
#include "lbtrack/ingest/normalize.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace lbtrack;
using namespace lbtrack::ingest;

model_registry publishers() {
    model_registry r;
    r.organizations = {{"Alibaba (Qwen)", {"qwen"}, {}, {"qwen"}, 0},
                       {"Meta", {"meta-llama"}, {"meta"}, {"llama"}, 0},
                       {"LMSYS", {"lmsys"}, {}, {"vicuna"}, 0}};
    return r;
}

model_resolver resolver_with_alias() {
    auto r = publishers();
    // A person said a board's plain "Qwen2-72B" is the base model.
    r.models = {
        {"Qwen2-72B-Base", "Alibaba (Qwen)", {{"Qwen2-72B", std::nullopt, std::nullopt, 0}}, 0}};
    return model_resolver(std::move(r));
}

/// The key `printed` resolves to when the board links it to `url`.
std::string key_of(const std::string& printed, const std::string& url,
                   const model_resolver& resolver = model_resolver(publishers())) {
    entry e;
    e.row = 1;
    e.raw_name = printed;
    e.model_key = model_key(printed);
    e.link_target = url;
    std::vector<entry> entries{e};
    resolve_entries(entries, resolver, std::nullopt);
    EXPECT_EQ(entries[0].raw_name, printed); // the board's name is kept as printed
    return entries[0].model_key;
}

TEST(LinkedModel, HuggingFaceModelRepoOfAUrl) {
    EXPECT_EQ(hugging_face_model_repo("https://huggingface.co/Qwen/Qwen2-72B-Instruct"),
              "Qwen/Qwen2-72B-Instruct");
    EXPECT_EQ(hugging_face_model_repo("http://www.huggingface.co/Qwen/Qwen2-72B-Instruct#x"),
              "Qwen/Qwen2-72B-Instruct");
    EXPECT_EQ(hugging_face_model_repo("https://huggingface.co/lmsys/vicuna-13b-v1.5/tree/main"),
              "lmsys/vicuna-13b-v1.5");
    EXPECT_EQ(hugging_face_model_repo("https://huggingface.co/datasets/haonan-li/cmmlu"),
              std::nullopt);
    EXPECT_EQ(hugging_face_model_repo("https://huggingface.co/spaces/lmsys/mt-bench"),
              std::nullopt);
    EXPECT_EQ(hugging_face_model_repo("https://huggingface.co/Qwen"), std::nullopt);
    EXPECT_EQ(hugging_face_model_repo("https://github.com/Qwen/Qwen2"), std::nullopt);
    EXPECT_EQ(hugging_face_model_repo("https://huggingface.co/a b/c"), std::nullopt);
}

TEST(LinkedModel, TheRepoNamesTheTuningTheTextLeftOut) {
    // CMMLU, 2024-07-25 on.
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/Qwen/Qwen2-72B-Instruct"),
              "qwen2-72b-instruct");
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/Qwen/Qwen2-72B-Instruct/tree/main"),
              "qwen2-72b-instruct");
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/Qwen/Qwen2-72B"), "qwen2-72b");
    EXPECT_EQ(key_of("Qwen2-72B", ""), "qwen2-72b");
}

TEST(LinkedModel, ALinkThatContradictsOrExtendsTheTextIsNotFollowed) {
    // ceval's "[Llama-2-13B-chat ↗](…/meta-llama/Llama-2-13b-hf)": the text names the chat model.
    EXPECT_EQ(key_of("Llama-2-13B-chat", "https://huggingface.co/meta-llama/Llama-2-13b-hf"),
              key_of("Llama-2-13B-chat", ""));
    // A version the text does not name is a guess about which release the board ran.
    EXPECT_EQ(key_of("Vicuna-13B", "https://huggingface.co/lmsys/vicuna-13b-v1.5"),
              key_of("Vicuna-13B", ""));
    // A fine-tune published under another organization is another model.
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/someone/Qwen2-72B-Instruct"),
              "qwen2-72b");
    // Another size.
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/Qwen/Qwen2-7B-Instruct"), "qwen2-72b");
}

TEST(LinkedModel, OnlyModelReposCount) {
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/datasets/Qwen/Qwen2-72B-Instruct"),
              "qwen2-72b");
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/spaces/Qwen/Qwen2-72B-Instruct"),
              "qwen2-72b");
    EXPECT_EQ(key_of("Qwen2-72B", "https://example.com/Qwen/Qwen2-72B-Instruct"), "qwen2-72b");
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/Qwen"), "qwen2-72b");
}

TEST(LinkedModel, TheRegistryOutranksALink) {
    EXPECT_EQ(key_of("Qwen2-72B", "https://huggingface.co/Qwen/Qwen2-72B-Instruct",
                     resolver_with_alias()),
              "qwen2-72b-base");
}

TEST(LinkedModel, MarkdownTablesKeepTheTargetOfLinkTextCells) {
    const std::string page =
        "| 模型 |  | 平均分 |\n"
        "|---|---|---|\n"
        "| [Qwen2-72B](https://huggingface.co/Qwen/Qwen2-72B-Instruct) | | 83.7 |\n"
        "| Plain-7B | | 50.1 |\n";
    markdown_table_choice choice;
    choice.link_text_columns = {"模型"};
    const auto t = read_markdown_table(page, choice, "cmmlu", "README.md");
    ASSERT_EQ(t.header, (std::vector<std::string>{"模型", "平均分"})); // empty column dropped
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][0], "Qwen2-72B");
    ASSERT_EQ(t.link_targets.size(), 1u);
    EXPECT_EQ(t.link_targets.at({0, 0}), "https://huggingface.co/Qwen/Qwen2-72B-Instruct");
}

} // namespace

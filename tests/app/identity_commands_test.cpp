// The identity commands on a real database: a board renames a model (an arena codename that
// later gets its public name), the rules cannot know the two names are one model, the histories
// stay apart and the codename is listed as unreviewed; an alias in the registry and a reprocess
// merge them, and `lbtrack history` shows the whole history.

#include "registry_cli_test.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

const char* const header = lmarena_csv_header;

/// Google publishes gemini; OpenAI the o-series. "goldfish" is no family anyone publishes.
const char* const organizations = "[[organization]]\nname = \"Google\"\nhf = [\"google\"]\n"
                                  "families = [\"gemini\"]\n"
                                  "[[organization]]\nname = \"OpenAI\"\nfamilies = [\"o\"]\n";

class IdentityCommands : public registry_cli_test {
protected:
    const char* organizations_toml() const override { return organizations; }

    void SetUp() override {
        cli_test::SetUp();
        std::ofstream(dir_.path() + "/2025-06-01.csv")
            << header << "1,1,goldfish-exp,1460,+6/-6,9000,Google,Proprietary,,\n"
            << "2,2,o3-mini,1320,+4/-4,30000,OpenAI,Proprietary,,\n";
        std::ofstream(dir_.path() + "/2025-06-20.csv")
            << header << "1,1,Gemini-2.5-Pro,1470,+5/-5,12000,Google,Proprietary,,\n"
            << "2,2,o3-mini,1318,+4/-4,31000,OpenAI,Proprietary,,\n";
        write_registry("");
    }
};

TEST_F(IdentityCommands, AnAliasAndReprocessMergeTwoHistories) {
    ASSERT_EQ(with_registry({"replay", "--source", "lmarena-text", dir_.path()}).exit_code, 0);

    // Before: two models. The codename is unreviewed: no rule can tie it to the public name,
    // which is why it needs a reviewer.
    auto before = with_registry({"history", "Gemini-2.5-Pro"});
    ASSERT_EQ(before.exit_code, 0) << before.err;
    EXPECT_NE(before.out.find("Gemini-2.5-Pro (gemini2.5-pro): 1 entry"), std::string::npos)
        << before.out;
    EXPECT_EQ(before.out.find("goldfish-exp"), std::string::npos) << before.out;
    auto unreviewed = with_registry({"models", "--unreviewed"});
    ASSERT_EQ(unreviewed.exit_code, 0) << unreviewed.err;
    EXPECT_NE(unreviewed.out.find("1 unreviewed (provisional) model(s); per board: lmarena-text 1"),
              std::string::npos)
        << unreviewed.out;
    EXPECT_NE(unreviewed.out.find("goldfish-exp"), std::string::npos) << unreviewed.out;
    // The rename shows as a drop plus an add.
    auto diff = with_registry({"diff", "--source", "lmarena-text", "--format", "json"});
    EXPECT_NE(diff.out.find("\"added\":[{\"model_key\":\"gemini2.5-pro\""), std::string::npos)
        << diff.out;

    // The reviewer adds the codename as an alias, valid until the public release.
    write_registry("[[model]]\nname = \"Gemini-2.5-Pro\"\norganization = \"Google\"\n"
                   "aliases = [{ name = \"goldfish-exp\", until = \"2025-06-17\" }]\n");
    // A diff compares both sides under today's registry, even before the stored snapshots are
    // reprocessed: the rename is no longer a drop plus an add.
    diff = with_registry({"diff", "--source", "lmarena-text", "--format", "json"});
    EXPECT_NE(diff.out.find("\"added\":[]"), std::string::npos) << diff.out;
    EXPECT_NE(diff.out.find("\"dropped\":[]"), std::string::npos) << diff.out;
    auto reprocess = with_registry({"reprocess"});
    ASSERT_EQ(reprocess.exit_code, 0) << reprocess.err;
    EXPECT_NE(reprocess.out.find("reprocessed 2 snapshot(s), 4 entries"), std::string::npos)
        << reprocess.out;
    EXPECT_NE(reprocess.out.find("models: 3 before, 2 after (1 no longer referenced, removed)"),
              std::string::npos)
        << reprocess.out;

    auto after = with_registry({"history", "Gemini-2.5-Pro", "--format", "csv"});
    ASSERT_EQ(after.exit_code, 0) << after.err;
    EXPECT_EQ(after.out,
              "model,source,observed_at,variant,rank,score,printed_name\n"
              "gemini2.5-pro,lmarena-text,2025-06-01T00:00:00Z,,1,1460,goldfish-exp\n"
              "gemini2.5-pro,lmarena-text,2025-06-20T00:00:00Z,,1,1470,Gemini-2.5-Pro\n");
    // Asking by the codename finds the same model.
    auto by_codename = with_registry({"history", "goldfish-exp", "--format", "csv"});
    EXPECT_EQ(by_codename.out, after.out);

    unreviewed = with_registry({"models", "--unreviewed"});
    EXPECT_NE(unreviewed.out.find("0 unreviewed (provisional) model(s)"), std::string::npos)
        << unreviewed.out;
    diff = with_registry({"diff", "--source", "lmarena-text", "--format", "json"});
    EXPECT_NE(diff.out.find("\"added\":[]"), std::string::npos) << diff.out;
    EXPECT_NE(diff.out.find("\"dropped\":[]"), std::string::npos) << diff.out;

    // Nothing left to do: the snapshots carry the registry's digest.
    reprocess = with_registry({"reprocess"});
    EXPECT_NE(reprocess.out.find("reprocessed 0 snapshot(s), 0 entries"), std::string::npos)
        << reprocess.out;
    EXPECT_NE(reprocess.out.find("2 already up to date"), std::string::npos) << reprocess.out;
}

// A dated alias only holds within its period: a board that used the codename for another model
// after the release date keeps that row apart.
TEST_F(IdentityCommands, ResolveExplainsRulesAliasesAndPeriods) {
    write_registry("[[model]]\nname = \"Gemini-2.5-Pro\"\n"
                   "aliases = [{ name = \"goldfish-exp\", until = \"2025-06-17\" }]\n");
    auto r = with_registry({"resolve", "goldfish-exp", "--on", "2025-06-01"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("goldfish-exp -> gemini2.5-pro"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("decided by: alias 'goldfish-exp' of Gemini-2.5-Pro"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("valid … to 2025-06-17"), std::string::npos) << r.out;

    r = with_registry({"resolve", "goldfish-exp", "--on", "2025-07-01"});
    EXPECT_NE(r.out.find("goldfish-exp -> goldfish-exp"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("provisional"), std::string::npos) << r.out;

    r = with_registry({"resolve", "--format", "tsv", "Meta-Llama-3.1-405B-Instruct-fp8",
                       "google/gemini-2.5-pro", "someone/gemini-2.5-pro"});
    EXPECT_EQ(r.out, "Meta-Llama-3.1-405B-Instruct-fp8\tmeta3.1-llama-405b-instruct\tfp8\t"
                     "provisional\n"
                     "google/gemini-2.5-pro\tgemini2.5-pro\t\tresolved\n"
                     "someone/gemini-2.5-pro\tsomeone/gemini2.5-pro\t\tresolved\n");
}

TEST_F(IdentityCommands, HistoryOfAnUnknownModelIsAClearError) {
    ASSERT_EQ(with_registry({"replay", "--source", "lmarena-text", dir_.path()}).exit_code, 0);
    const auto r = with_registry({"history", "GPT-9"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no stored model is 'GPT-9' (it resolves to 'gpt9'"), std::string::npos)
        << r.err;
}

} // namespace

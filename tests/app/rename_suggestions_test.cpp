// `lbtrack models --unreviewed` on a real database: a board renames a model between two days
// (same score, votes growing), which shows as a drop plus a new model; the command suggests the
// alias, and once the alias is in the registry and the snapshots are reprocessed the history is
// one and the suggestion is gone. A case-only change, which identity already unifies, and a
// model retired while another arrives are not suggested.

#include "registry_cli_test.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

const char* const header = lmarena_csv_header;

const char* const organizations = "[[organization]]\nname = \"Google\"\nhf = [\"google\"]\n"
                                  "families = [\"gemini\"]\n"
                                  "[[organization]]\nname = \"Meta\"\nfamilies = [\"llama\"]\n";

class RenameSuggestions : public registry_cli_test {
protected:
    const char* organizations_toml() const override { return organizations; }

    void SetUp() override {
        cli_test::SetUp();
        // Day 2: "Gemini-1.5-Pro-API-0514" is printed "Gemini-1.5-Pro-001" (same score, votes
        // growing); "Llama-3-70b-Instruct" changes case only; "Oldie-13B" is retired while
        // "Newbie-9B" arrives (no values in common).
        std::ofstream(dir_.path() + "/2024-08-06.csv")
            << header << "1,1,Gemini-1.5-Pro-API-0514,1260,+3/-2,63758,Google,Proprietary,,\n"
            << "2,2,Llama-3-70b-Instruct,1206,+2/-2,160000,Meta,Llama 3,,\n"
            << "3,3,Oldie-13B,1100,+4/-4,20000,Someone,Open,,\n";
        std::ofstream(dir_.path() + "/2024-08-07.csv")
            << header << "1,1,Gemini-1.5-Pro-001,1260,+3/-3,64638,Google,Proprietary,,\n"
            << "2,2,Llama-3-70B-Instruct,1206,+2/-2,161000,Meta,Llama 3,,\n"
            << "3,3,Newbie-9B,1180,+9/-9,3000,Someone,Open,,\n";
        write_registry("");
    }
};

TEST_F(RenameSuggestions, ARenameIsSuggestedAndGoneOnceTheAliasIsIn) {
    ASSERT_EQ(with_registry({"replay", "--source", "lmarena-text", dir_.path()}).exit_code, 0);

    auto text = with_registry({"models", "--unreviewed"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("1 likely rename(s)"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("lmarena-text 2024-08-07: \"Gemini-1.5-Pro-API-0514\" -> "
                            "\"Gemini-1.5-Pro-001\""),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("2024-08-06: rank 1, score 1260 (+3/-2), 63758 votes"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("suggest: alias \"Gemini-1.5-Pro-API-0514\" -> \"Gemini-1.5-Pro-001\" "
                            "until 2024-08-06 (renamed on lmarena-text on 2024-08-07)"),
              std::string::npos)
        << text.out;
    EXPECT_EQ(text.out.find("Llama-3-70b-Instruct\" ->"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("Oldie-13B\" ->"), std::string::npos) << text.out;

    auto json = with_registry({"models", "--unreviewed", "--format", "json"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    // The existing fields stay; the renames come after them.
    EXPECT_NE(json.out.find("{\"unreviewed_only\":true,\"count\":"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find(
                  ",\"renames\":[\n{\"source\":\"lmarena-text\",\"date\":\"2024-08-07\","
                  "\"kind\":\"rename\",\"before\":{\"date\":\"2024-08-06\",\"name\":\"Gemini-1.5-"
                  "Pro-API-0514\",\"model\":\"gemini1.5-pro-0514\",\"variant\":\"\",\"rank\":1,"
                  "\"score\":1260,\"ci_plus\":3,\"ci_minus\":2,\"votes\":63758},"),
              std::string::npos)
        << json.out;
    EXPECT_NE(json.out.find("\"alias\":\"{ name = \\\"Gemini-1.5-Pro-API-0514\\\", until = "
                            "\\\"2024-08-06\\\" }\""),
              std::string::npos)
        << json.out;
    // Another board's filter sees none.
    json = with_registry({"models", "--unreviewed", "--format", "json", "--source", "livebench"});
    EXPECT_NE(json.out.find("\"renames\":[\n]"), std::string::npos) << json.out;

    // The reviewer takes the suggestion; the two histories become one.
    write_registry("[[model]]\nname = \"Gemini-1.5-Pro-001\"\norganization = \"Google\"\n"
                   "aliases = [{ name = \"Gemini-1.5-Pro-API-0514\", until = \"2024-08-06\" }]\n");
    // Before the reprocess the pair is already unified by today's registry: not suggested again.
    text = with_registry({"models", "--unreviewed"});
    EXPECT_NE(text.out.find("0 likely rename(s)"), std::string::npos) << text.out;
    ASSERT_EQ(with_registry({"reprocess"}).exit_code, 0);
    text = with_registry({"models", "--unreviewed"});
    EXPECT_NE(text.out.find("0 likely rename(s)"), std::string::npos) << text.out;
    const auto history = with_registry({"history", "Gemini-1.5-Pro-001", "--format", "csv"});
    EXPECT_NE(history.out.find(",2024-08-06T00:00:00Z,,1,1260,Gemini-1.5-Pro-API-0514\n"),
              std::string::npos)
        << history.out;
    EXPECT_NE(history.out.find(",2024-08-07T00:00:00Z,,1,1260,Gemini-1.5-Pro-001\n"),
              std::string::npos)
        << history.out;
}

} // namespace

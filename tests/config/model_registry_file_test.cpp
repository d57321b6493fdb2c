// config/models.toml -> ingest::model_registry
// (settings/include/lbtrack/settings/model_registry_file.hpp): the real file loads, and every
// mistake in a registry file is a config_error naming file, line and key.

#include "support/lbtrack_cli.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/settings/model_registry_file.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using namespace lbtrack;
using namespace std::chrono;

class ModelRegistryFile : public ::testing::Test {
protected:
    test::temp_dir dir;

    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const auto path = std::filesystem::path(dir.path()) / name;
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
        return path;
    }

    /// The config_error loading `text` throws; fails the test when it loads.
    config_error error_of(const std::string& text) const {
        const auto path = write("models.toml", text);
        try {
            settings::load_model_registry(path);
        } catch (const config_error& e) {
            EXPECT_EQ(e.file(), path.string()) << e.what();
            return e;
        }
        ADD_FAILURE() << "expected a config_error for:\n" << text;
        return config_error("", 0, "", "");
    }
};

const ingest::registry_model* find_model(const ingest::model_registry& r, std::string_view name) {
    const auto it = std::ranges::find(r.models, name, &ingest::registry_model::name);
    return it == r.models.end() ? nullptr : &*it;
}

TEST_F(ModelRegistryFile, RealRegistryLoads) {
    const auto path = std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml";
    const auto r = settings::load_model_registry(path);
    EXPECT_EQ(r.file, path);
    EXPECT_EQ(r.digest.size(), 16u);
    EXPECT_GE(r.organizations.size(), 10u);
    EXPECT_GE(r.models.size(), 1u);

    const auto meta =
        std::ranges::find(r.organizations, "Meta", &ingest::registry_organization::name);
    ASSERT_NE(meta, r.organizations.end());
    EXPECT_NE(std::ranges::find(meta->hf_orgs, "meta-llama"), meta->hf_orgs.end());
    EXPECT_NE(std::ranges::find(meta->vendor_words, "meta"), meta->vendor_words.end());
    EXPECT_NE(std::ranges::find(meta->families, "llama"), meta->families.end());
    EXPECT_GT(meta->line, 0u);

    // Dated aliases keep their period.
    const auto* o1 = find_model(r, "o1-2024-12-17");
    ASSERT_NE(o1, nullptr);
    ASSERT_EQ(o1->aliases.size(), 1u);
    EXPECT_EQ(o1->aliases[0].name, "o1");
    EXPECT_EQ(o1->aliases[0].valid_from, sys_days(2024y / December / 17));
    EXPECT_EQ(o1->aliases[0].valid_to, std::nullopt);
    const auto* gemini = find_model(r, "Gemini-2.5-Pro");
    ASSERT_NE(gemini, nullptr);
    ASSERT_EQ(gemini->aliases.size(), 1u);
    EXPECT_EQ(gemini->aliases[0].valid_from, std::nullopt);
    EXPECT_EQ(gemini->aliases[0].valid_to, sys_days(2025y / June / 17));

    // And a resolver over it resolves through them.
    const ingest::model_resolver resolver(r);
    EXPECT_FALSE(resolver.resolve("Qwen/Qwen2.5-72B-Instruct").provisional);
    EXPECT_EQ(resolver.resolve("deepseek-chat-v3").key, resolver.resolve("DeepSeek-V3").key);
}

TEST_F(ModelRegistryFile, ReadsEveryTable) {
    const auto path = write("models.toml", R"([[organization]]
name = "Meta"
hf = ["Meta-Llama"]
vendor_words = ["META"]
families = ["Llama"]

[[model]]
name = "Gemini-2.5-Pro"
organization = "Google"
aliases = ["gemini-2.5-pro-latest", { name = "goldmane", from = "2025-03-01", until = "2025-06-17" }]

[[distinct]]
names = ["Claude Opus 4", "claude-4-opus"]
why = "test"
)");
    const auto r = settings::load_model_registry(path);
    ASSERT_EQ(r.organizations.size(), 1u);
    // Folded, since names are matched folded.
    EXPECT_EQ(r.organizations[0].hf_orgs, std::vector<std::string>{"meta-llama"});
    EXPECT_EQ(r.organizations[0].vendor_words, std::vector<std::string>{"meta"});
    EXPECT_EQ(r.organizations[0].families, std::vector<std::string>{"llama"});
    EXPECT_EQ(r.organizations[0].line, 1u);
    ASSERT_EQ(r.models.size(), 1u);
    const auto& m = r.models[0];
    EXPECT_EQ(m.name, "Gemini-2.5-Pro");
    EXPECT_EQ(m.organization, "Google");
    EXPECT_EQ(m.line, 7u);
    ASSERT_EQ(m.aliases.size(), 2u);
    EXPECT_EQ(m.aliases[0].name, "gemini-2.5-pro-latest");
    EXPECT_EQ(m.aliases[0].valid_from, std::nullopt);
    EXPECT_EQ(m.aliases[1].name, "goldmane");
    EXPECT_EQ(m.aliases[1].valid_from, sys_days(2025y / March / 1));
    EXPECT_EQ(m.aliases[1].valid_to, sys_days(2025y / June / 17));
    EXPECT_EQ(m.aliases[1].line, 10u);
    ASSERT_EQ(r.distinct.size(), 1u);
    EXPECT_EQ(r.distinct[0].first, "Claude Opus 4");
    EXPECT_EQ(r.distinct[0].second, "claude-4-opus");
    EXPECT_EQ(r.distinct[0].why, "test");
    EXPECT_EQ(r.distinct[0].line, 12u);
}

TEST_F(ModelRegistryFile, EmptyFileIsAnEmptyRegistry) {
    const auto r = settings::load_model_registry(write("models.toml", "# nothing yet\n"));
    EXPECT_TRUE(r.organizations.empty());
    EXPECT_TRUE(r.models.empty());
    EXPECT_TRUE(r.distinct.empty());
    EXPECT_FALSE(r.digest.empty());
}

TEST_F(ModelRegistryFile, UnknownKeyNamesFileLineAndKey) {
    const auto e = error_of("[[model]]\nname = \"Yi-34B-Chat\"\nalises = [\"yi-34b\"]\n");
    EXPECT_EQ(e.line(), 3u) << e.what();
    EXPECT_EQ(e.key(), "model.alises") << e.what();
    EXPECT_NE(std::string(e.what()).find("is not a known key"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("models.toml:3"), std::string::npos) << e.what();

    const auto top = error_of("\n[[organisation]]\nname = \"Meta\"\n");
    EXPECT_EQ(top.key(), "organisation") << top.what();
    EXPECT_EQ(top.line(), 2u) << top.what();

    const auto in_alias =
        error_of("[[model]]\nname = \"X\"\naliases = [{ name = \"y\", since = \"2025-01-01\" }]\n");
    EXPECT_EQ(in_alias.key(), "model.aliases.since") << in_alias.what();
    EXPECT_EQ(in_alias.line(), 3u) << in_alias.what();
}

TEST_F(ModelRegistryFile, BadDateInAnAlias) {
    for (const char* date : {"2025-13-01", "2025-02-30", "2025/06/17", "June 17", "2025-06-17x"}) {
        const auto e = error_of(std::string("[[model]]\nname = \"Gemini-2.5-Pro\"\n\naliases = [{ "
                                            "name = \"goldmane\", until = \"") +
                                date + "\" }]\n");
        EXPECT_EQ(e.key(), "model.aliases.until") << date << ": " << e.what();
        EXPECT_EQ(e.line(), 4u) << date << ": " << e.what();
        EXPECT_NE(std::string(e.what()).find(date), std::string::npos) << e.what();
    }
    const auto backwards = error_of("[[model]]\nname = \"X\"\naliases = [{ name = \"y\", from = "
                                    "\"2025-06-17\", until = \"2025-06-16\" }]\n");
    EXPECT_EQ(backwards.key(), "model.aliases") << backwards.what();
    EXPECT_NE(std::string(backwards.what()).find("ends before it starts"), std::string::npos)
        << backwards.what();
    // A date must be a string, not a TOML date.
    const auto native = error_of("[[model]]\nname = \"X\"\naliases = [{ name = \"y\", from = "
                                 "2025-06-17 }]\n");
    EXPECT_EQ(native.key(), "model.aliases.from") << native.what();
}

TEST_F(ModelRegistryFile, DistinctNeedsTwoNames) {
    for (const char* names : {"names = [\"Claude Opus 4\"]\n", "names = [\"A\", \"B\", \"C\"]\n",
                              "names = \"A, B\"\n", "why = \"no names\"\n"}) {
        const auto e = error_of(std::string("# pairs\n[[distinct]]\n") + names);
        EXPECT_EQ(e.key(), "distinct.names") << names << e.what();
        EXPECT_EQ(e.line(), 2u) << names << e.what();
        EXPECT_NE(std::string(e.what()).find("must be two names"), std::string::npos) << e.what();
    }
    const auto numbers = error_of("[[distinct]]\nnames = [\"A\", 4]\n");
    EXPECT_EQ(numbers.key(), "distinct.names") << numbers.what();
    EXPECT_NE(std::string(numbers.what()).find("must be a string"), std::string::npos)
        << numbers.what();
}

TEST_F(ModelRegistryFile, ModelListedTwice) {
    // Twice in another spelling is still twice: the names are compared cleaned.
    const auto e = error_of("[[model]]\nname = \"Yi-34B-Chat\"\n\n[[model]]\nname = "
                            "\"yi-34b-chat\"\n");
    EXPECT_EQ(e.key(), "model.name") << e.what();
    EXPECT_EQ(e.line(), 4u) << e.what();
    EXPECT_NE(std::string(e.what()).find("'yi-34b-chat' is listed twice"), std::string::npos)
        << e.what();
}

TEST_F(ModelRegistryFile, OtherMistakes) {
    EXPECT_EQ(error_of("[[model]]\norganization = \"01.AI\"\n").key(), "model.name");
    EXPECT_EQ(error_of("[[model]]\nname = 7\n").key(), "model.name");
    EXPECT_EQ(error_of("[[organization]]\nname = \"Meta\"\nhf = \"meta-llama\"\n").key(),
              "organization.hf");
    EXPECT_EQ(error_of("[model]\nname = \"X\"\n").key(), "model");
    const auto syntax = error_of("[[model]]\nname = \n");
    EXPECT_EQ(syntax.line(), 2u) << syntax.what();

    const auto missing = std::filesystem::path(dir.path()) / "absent.toml";
    try {
        settings::load_model_registry(missing);
        FAIL() << "expected config_error";
    } catch (const config_error& e) {
        EXPECT_EQ(e.file(), missing.string());
        EXPECT_NE(std::string(e.what()).find("cannot be read"), std::string::npos) << e.what();
    }
}

TEST_F(ModelRegistryFile, DigestFollowsTheFile) {
    const std::string text = "[[model]]\nname = \"Yi-34B-Chat\"\n";
    const auto path = write("models.toml", text);
    const auto first = settings::load_model_registry(path).digest;
    EXPECT_EQ(settings::load_model_registry(path).digest, first);
    // The same bytes elsewhere are the same registry.
    EXPECT_EQ(settings::load_model_registry(write("copy.toml", text)).digest, first);

    write("models.toml", text + "aliases = [\"yi-34b\"]\n");
    const auto changed = settings::load_model_registry(path).digest;
    EXPECT_NE(changed, first);
    // Even a comment is a change: the digest is of the bytes.
    write("models.toml", text + "# reviewed\n");
    EXPECT_NE(settings::load_model_registry(path).digest, first);
    write("models.toml", text);
    EXPECT_EQ(settings::load_model_registry(path).digest, first);
}

TEST_F(ModelRegistryFile, RegistryForPrefersTheExplicitFileThenTheOneBeside) {
    const auto sources = write("sources.toml", "");
    const auto beside = write("models.toml", "[[model]]\nname = \"Beside\"\n");
    const auto other = write("other.toml", "[[model]]\nname = \"Explicit\"\n");

    const auto explicit_registry = settings::registry_for(sources, other);
    ASSERT_EQ(explicit_registry.models.size(), 1u);
    EXPECT_EQ(explicit_registry.models[0].name, "Explicit");
    EXPECT_EQ(explicit_registry.file, other.string());

    const auto found = settings::registry_for(sources, {});
    ASSERT_EQ(found.models.size(), 1u);
    EXPECT_EQ(found.models[0].name, "Beside");
    EXPECT_EQ(found.file, beside.string());

    EXPECT_THROW(settings::registry_for(sources, std::filesystem::path(dir.path()) / "absent.toml"),
                 config_error);
}

} // namespace

// Where the sources file is found without --config: the order of the places and the error that
// lists them all (README, "Where the config is").

#include "support/lbtrack_cli.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/settings/config_lookup.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace {

namespace fs = std::filesystem;
using lbtrack::settings::config_candidates;
using lbtrack::settings::locate_config;
using lbtrack::test::temp_dir;

/// An environment holding only `vars`.
lbtrack::settings::env_reader fake_env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

void touch(const fs::path& file) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << "\n";
}

/// Runs the test body from an empty directory, so ./config/sources.toml of a checkout does not
/// count.
class ConfigLookup : public ::testing::Test {
protected:
    void SetUp() override {
        saved_ = fs::current_path();
        fs::current_path(cwd_.path());
    }
    void TearDown() override { fs::current_path(saved_); }
    temp_dir cwd_;
    temp_dir home_;
    fs::path saved_;
};

TEST_F(ConfigLookup, PlacesInOrderEnvironmentCheckoutUserSystem) {
    const auto places =
        config_candidates(fake_env({{"LBTRACK_CONFIG", "/a/b.toml"}, {"XDG_CONFIG_HOME", "/x"}}));
    ASSERT_EQ(places.size(), 4u);
    EXPECT_EQ(places[0], fs::path("/a/b.toml"));
    EXPECT_EQ(places[1], fs::path("config/sources.toml"));
    EXPECT_EQ(places[2], fs::path("/x/lbtrack/sources.toml"));
    EXPECT_EQ(places[3], fs::path("/etc/lbtrack/sources.toml"));
    // Without XDG_CONFIG_HOME the XDG default under HOME.
    const auto home_places = config_candidates(fake_env({{"HOME", "/h"}}));
    EXPECT_EQ(home_places.at(1), fs::path("/h/.config/lbtrack/sources.toml"));
}

TEST_F(ConfigLookup, FirstExistingPlaceWins) {
    const auto user = fs::path(home_.path()) / "lbtrack/sources.toml";
    touch(user);
    EXPECT_EQ(locate_config(fake_env({{"XDG_CONFIG_HOME", home_.path()}})), user);
    touch(fs::path(cwd_.path()) / "config/sources.toml");
    EXPECT_EQ(locate_config(fake_env({{"XDG_CONFIG_HOME", home_.path()}})),
              fs::path("config/sources.toml"));
    const auto chosen = fs::path(home_.path()) / "chosen.toml";
    touch(chosen);
    EXPECT_EQ(
        locate_config(fake_env({{"XDG_CONFIG_HOME", home_.path()}, {"LBTRACK_CONFIG", chosen}})),
        chosen);
}

TEST_F(ConfigLookup, MissingLbtrackConfigIsAnErrorNotAFallback) {
    touch(fs::path(cwd_.path()) / "config/sources.toml");
    const auto missing = (fs::path(home_.path()) / "nope.toml").string();
    try {
        locate_config(fake_env({{"LBTRACK_CONFIG", missing}}));
        FAIL() << "expected a config_error";
    } catch (const lbtrack::config_error& e) {
        EXPECT_NE(std::string(e.what()).find(missing), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("LBTRACK_CONFIG"), std::string::npos) << e.what();
    }
}

TEST_F(ConfigLookup, ErrorListsEveryPlaceLooked) {
    if (fs::exists("/etc/lbtrack/sources.toml")) {
        GTEST_SKIP() << "/etc/lbtrack/sources.toml exists here (lbtrack installed)";
    }
    const auto env = fake_env({{"XDG_CONFIG_HOME", home_.path()}});
    try {
        locate_config(env);
        FAIL() << "expected a config_error";
    } catch (const lbtrack::config_error& e) {
        for (const auto& place : config_candidates(env)) {
            EXPECT_NE(std::string(e.what()).find(place.string()), std::string::npos) << e.what();
        }
        EXPECT_NE(std::string(e.what()).find("--config"), std::string::npos) << e.what();
    }
}

TEST_F(ConfigLookup, CommandOutsideTheCheckoutReadsTheUserConfig) {
    const auto user = fs::path(home_.path()) / "lbtrack/sources.toml";
    fs::create_directories(user.parent_path());
    fs::copy_file(fs::path(LBTRACK_SOURCE_DIR) / "config/sources.toml", user);
    lbtrack::test::cli_env env;
    env.cwd = cwd_.path();
    env.extra = {{"XDG_CONFIG_HOME", home_.path()}};
    const std::vector<std::string> args{"extract", "--source", "lmarena-text",
                                        lbtrack::test::fixture("lmarena/2025-07-01.csv")};
    const auto r = lbtrack::test::run_lbtrack(args, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // The same rows as with that file given explicitly.
    auto explicit_args = args;
    explicit_args.insert(explicit_args.begin(), {"--config", user.string()});
    const auto expected = lbtrack::test::run_lbtrack(explicit_args, {});
    ASSERT_EQ(expected.exit_code, 0) << expected.err;
    EXPECT_FALSE(r.out.empty());
    EXPECT_EQ(r.out, expected.out);
}

TEST_F(ConfigLookup, CommandWithoutAnyConfigNamesThePlaces) {
    if (fs::exists("/etc/lbtrack/sources.toml")) {
        GTEST_SKIP() << "/etc/lbtrack/sources.toml exists here (lbtrack installed)";
    }
    lbtrack::test::cli_env env;
    env.cwd = cwd_.path();
    env.extra = {{"XDG_CONFIG_HOME", home_.path()}};
    const auto r = lbtrack::test::run_lbtrack({"sources"}, env);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("/etc/lbtrack/sources.toml"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(home_.path()), std::string::npos) << r.err;
}

} // namespace

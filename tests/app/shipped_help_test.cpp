// The man page and the shell completions of the package (deploy/package/) are written in the
// tree, not generated: these tests hold them to the CLI itself, so a new subcommand or option
// that is not documented and completed fails here instead of going unnoticed (serve and the
// report flags did, for a stop).

#include "support/file_bytes.hpp"
#include "support/lbtrack_cli.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace lbtrack::test;

std::string package_file(const std::string& name) {
    return file_bytes(std::string(LBTRACK_SOURCE_DIR) + "/deploy/package/" + name);
}

/// The subcommands `lbtrack --help` lists (CLI11: a "SUBCOMMANDS:" section, one per line).
std::vector<std::string> subcommands() {
    const auto r = run_lbtrack({"--help"}, {});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    bool in_section = false;
    const std::regex entry(R"(^  ([a-z]+)\s)");
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("Subcommands:", 0) == 0 || line.rfind("SUBCOMMANDS:", 0) == 0) {
            in_section = true;
            continue;
        }
        std::smatch m;
        if (in_section && std::regex_search(line, m, entry)) {
            out.push_back(m[1]);
        }
    }
    return out;
}

/// The long options of `lbtrack COMMAND --help`, --help aside.
std::set<std::string> long_options(const std::string& command) {
    const auto r = run_lbtrack({command, "--help"}, {});
    EXPECT_EQ(r.exit_code, 0) << command << ": " << r.err;
    std::set<std::string> out;
    const std::regex option(R"(^\s+(?:-\w,)?(--[a-z][a-z-]*))");
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, option) && m[1] != "--help") {
            out.insert(m[1]);
        }
    }
    return out;
}

TEST(ShippedHelp, TheCliListsItsSubcommands) {
    const auto commands = subcommands();
    // A parse that found nothing would make every test below pass vacuously.
    ASSERT_GE(commands.size(), 10u);
    EXPECT_NE(std::find(commands.begin(), commands.end(), "run"), commands.end());
}

TEST(ShippedHelp, TheManPageDescribesEverySubcommand) {
    const auto man = package_file("lbtrack.1");
    for (const auto& command : subcommands()) {
        EXPECT_NE(man.find("\n.B " + command), std::string::npos)
            << "deploy/package/lbtrack.1 has no entry for '" << command << "'";
    }
}

TEST(ShippedHelp, BashCompletesEverySubcommandAndItsOptions) {
    const auto bash = package_file("lbtrack.bash-completion");
    std::smatch list;
    ASSERT_TRUE(std::regex_search(bash, list, std::regex(R"re(local commands="([^"]*)")re")));
    const std::string listed = " " + list[1].str() + " ";
    for (const auto& command : subcommands()) {
        EXPECT_NE(listed.find(" " + command + " "), std::string::npos)
            << "bash completion does not list '" << command << "'";
        std::smatch opts;
        const bool has_case = std::regex_search(
            bash, opts, std::regex("\\n\\s+" + command + R"re(\) opts="([^"]*)")re"));
        const auto options = long_options(command);
        if (options.empty()) {
            continue;
        }
        ASSERT_TRUE(has_case) << "bash completion has no options for '" << command << "'";
        const std::string completed = " " + opts[1].str() + " ";
        for (const auto& option : options) {
            EXPECT_NE(completed.find(" " + option + " "), std::string::npos)
                << "bash completion of '" << command << "' lacks " << option;
        }
    }
}

TEST(ShippedHelp, ZshCompletesEverySubcommand) {
    const auto zsh = package_file("_lbtrack");
    for (const auto& command : subcommands()) {
        EXPECT_NE(zsh.find("'" + command + ":"), std::string::npos)
            << "zsh completion does not list '" << command << "'";
    }
}

} // namespace

#pragma once
// CLI tests with a model registry of their own: a temp dir holding models.toml (an
// organizations block of the test's, then the models a test adds) and the board files the test
// replays.

#include "cli_test_support.hpp"

#include <fstream>
#include <string>
#include <vector>

namespace lbtrack::test {

class registry_cli_test : public cli_test {
protected:
    /// The [[organization]] tables every registry of the test starts with.
    virtual const char* organizations_toml() const = 0;

    void write_registry(const std::string& models) {
        std::ofstream(registry()) << organizations_toml() << models;
    }

    std::string registry() const { return dir_.path() + "/models.toml"; }

    cli_result with_registry(std::vector<std::string> args) {
        args.insert(args.begin(), {"--models", registry()});
        return lbtrack(args);
    }

    temp_dir dir_;
};

} // namespace lbtrack::test

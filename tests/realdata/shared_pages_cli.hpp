#pragma once
// The CLI tests over ../shared/data's pages: lbtrack with tests/data/config/shared_pages.toml's
// sources and the repository's model registry.

#include "../app/cli_test_support.hpp"

#include <string>
#include <vector>

namespace lbtrack::test {

class shared_pages_test : public cli_test {
protected:
    cli_result shared(std::vector<std::string> args) {
        args.insert(args.begin(), {"--config", fixture("config/shared_pages.toml"), "--models",
                                   std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml"});
        return run_lbtrack(args, env_);
    }
};

} // namespace lbtrack::test

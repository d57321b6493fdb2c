#pragma once
// Runs the real lbtrack binary as a child process, the way cron or a user would, with stdout
// (reports) and stderr (logs) captured apart.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace lbtrack::test {

struct cli_result {
    int exit_code = -1; ///< -signal when killed by a signal
    std::string out;
    std::string err;
};

struct cli_env {
    /// Connection string given as DATABASE_URL; empty: unset (with PG* unset too).
    std::string database_url;
    std::vector<std::pair<std::string, std::string>> extra; ///< further variables
    std::string cwd; ///< working directory of the child; empty: the test's own
};

/// Runs `lbtrack args...` and waits (bounded by `timeout`; the child is killed past it).
cli_result run_lbtrack(const std::vector<std::string>& args, const cli_env& env,
                       std::chrono::seconds timeout = std::chrono::seconds(120));

/// Starts `lbtrack args...` without waiting; stdout/stderr go to files under `log_prefix`.
pid_t spawn_lbtrack(const std::vector<std::string>& args, const cli_env& env,
                    const std::string& log_prefix);

/// Path of a fixture under tests/data.
std::string fixture(const std::string& relative);

/// The real upstream data: $LBTRACK_SHARED_DATA, else ../shared/data beside the checkout.
std::string shared_data_dir();

/// A fresh empty directory under the system temp dir, removed by the destructor.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace lbtrack::test

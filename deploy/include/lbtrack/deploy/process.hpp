#pragma once
// Runs a helper program (initdb, pg_ctl, useradd) and captures what it printed, so failures can
// be reported with the program's own explanation. fork + execvp, never a shell: paths and user
// names are passed as argv elements and cannot be misread as shell syntax.

#include <string>
#include <utility>
#include <vector>

namespace lbtrack::deploy {

struct process_result {
    /// The exit status; 128 + signal number when the program was killed by a signal; 127 when
    /// it could not be started at all (unknown program, user switch refused), like a shell.
    int exit_code;
    /// stdout and stderr interleaved as the program wrote them (one pipe for both).
    std::string output;
};

/// Runs argv[0] (looked up in PATH unless it contains a '/') with argv, stdin from /dev/null,
/// and waits for it. `as_user` non-empty: the child switches to that user (supplementary
/// groups, gid, uid; HOME/USER/LOGNAME set from the passwd entry; working directory "/" so a
/// root-only cwd does not break it); this needs root unless it names the current user.
/// `extra_env` entries are added to (or replace in) the inherited environment.
/// Throws std::invalid_argument for an empty argv or unknown user, std::system_error when the
/// pipe or fork fails. A program that runs and fails is not an exception: see exit_code.
process_result run_process(const std::vector<std::string>& argv, const std::string& as_user = "",
                           const std::vector<std::pair<std::string, std::string>>& extra_env = {});

/// True when the effective uid is 0.
bool running_as_root();

} // namespace lbtrack::deploy

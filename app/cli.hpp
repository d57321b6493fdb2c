#pragma once

namespace lbtrack::app {

/// Parses the command line, runs the command and maps every failure to an exit code; the
/// single place where errors are caught (README, "Exit codes").
int main_entry(int argc, char** argv);

} // namespace lbtrack::app

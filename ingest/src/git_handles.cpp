#include "lbtrack/ingest/git_handles.hpp"

namespace lbtrack::ingest::git {

session::session() {
    // Fails only when libgit2 cannot set up its own threading or allocator state; then every
    // later call fails too and reports it through git_error_last().
    (void)git_libgit2_init();
}

session::~session() {
    (void)git_libgit2_shutdown();
}

std::string last_error_message(const char* fallback) {
    const git_error* e = git_error_last();
    return e != nullptr && e->message != nullptr ? std::string(e->message) : std::string(fallback);
}

std::string to_hex(const git_oid& id) {
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &id);
    return hex;
}

} // namespace lbtrack::ingest::git

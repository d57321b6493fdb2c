#pragma once
// RAII over libgit2: one unique_ptr type per handle, and the library's global state owned by one
// object. Only code that talks to libgit2 includes this (and git2.h with it); the rest of lbtrack
// sees git_history.hpp.

#include <git2.h>

#include <memory>
#include <string>

namespace lbtrack::ingest::git {

/// Deleter calling libgit2's free function for the handle type.
template <auto Free>
struct freer {
    template <class T>
    void operator()(T* handle) const noexcept {
        Free(handle);
    }
};

using repository_ptr = std::unique_ptr<git_repository, freer<&git_repository_free>>;
using revwalk_ptr = std::unique_ptr<git_revwalk, freer<&git_revwalk_free>>;
using object_ptr = std::unique_ptr<git_object, freer<&git_object_free>>;
using commit_ptr = std::unique_ptr<git_commit, freer<&git_commit_free>>;
using tree_ptr = std::unique_ptr<git_tree, freer<&git_tree_free>>;
using tree_entry_ptr = std::unique_ptr<git_tree_entry, freer<&git_tree_entry_free>>;
using blob_ptr = std::unique_ptr<git_blob, freer<&git_blob_free>>;
using index_ptr = std::unique_ptr<git_index, freer<&git_index_free>>;
using signature_ptr = std::unique_ptr<git_signature, freer<&git_signature_free>>;

/// libgit2's global state (threads, allocators, TLS): git_libgit2_init on construction,
/// git_libgit2_shutdown on destruction. libgit2 counts the calls, so each object holding handles
/// holds a session as well, declared before its handles so it outlives them.
class session {
public:
    session();
    ~session();
    session(const session&) = delete;
    session& operator=(const session&) = delete;
};

/// The message of libgit2's last error on this thread, or `fallback` when it recorded none.
std::string last_error_message(const char* fallback = "unknown libgit2 error");

/// Hex form of an object id.
std::string to_hex(const git_oid& id);

} // namespace lbtrack::ingest::git

#pragma once
// A scraper's git repository built in a temp dir with libgit2: each commit writes the index
// directly (no work tree files) with an exact committer time. Header-only: the test executables
// that use it link lbtrack_app, which brings libgit2 and ingest's git_handles.

#include "support/lbtrack_cli.hpp"

#include "lbtrack/ingest/git_handles.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lbtrack::test {

namespace git = lbtrack::ingest::git;

inline void check_git(int rc, const char* what) {
    if (rc < 0) {
        throw std::runtime_error(std::string(what) + ": " + git::last_error_message());
    }
}

/// A non-bare repository in a temp dir, committed to the way a scraper commits a board: the
/// index is written directly (no work tree files), each commit with an exact committer time.
class scraped_repo {
public:
    scraped_repo() {
        git_repository* repo = nullptr;
        check_git(git_repository_init(&repo, dir_.path().c_str(), 0), "git init");
        repo_.reset(repo);
    }

    const std::string& path() const { return dir_.path(); }

    /// Applies `changes` (path → new content; nullopt deletes the file) and commits them on
    /// HEAD at `when`. Returns the commit id.
    std::string
    commit(const std::vector<std::pair<std::string, std::optional<std::string>>>& changes,
           std::int64_t when, const std::string& message) {
        git_index* index_handle = nullptr;
        check_git(git_repository_index(&index_handle, repo_.get()), "index");
        const git::index_ptr index(index_handle);
        for (const auto& [file, content] : changes) {
            if (content) {
                git_index_entry entry{};
                entry.mode = GIT_FILEMODE_BLOB;
                entry.path = file.c_str();
                check_git(git_index_add_from_buffer(index.get(), &entry, content->data(),
                                                    content->size()),
                          "add");
            } else {
                check_git(git_index_remove_bypath(index.get(), file.c_str()), "remove");
            }
        }
        check_git(git_index_write(index.get()), "write index");
        git_oid tree_id;
        check_git(git_index_write_tree(&tree_id, index.get()), "write tree");
        git_tree* tree_handle = nullptr;
        check_git(git_tree_lookup(&tree_handle, repo_.get(), &tree_id), "tree");
        const git::tree_ptr tree(tree_handle);
        git_signature* sig_handle = nullptr;
        check_git(git_signature_new(&sig_handle, "Scraper", "scraper@example.org", when, 0), "sig");
        const git::signature_ptr sig(sig_handle);

        git::commit_ptr parent;
        git_oid parent_id;
        if (git_reference_name_to_id(&parent_id, repo_.get(), "HEAD") == 0) {
            git_commit* parent_handle = nullptr;
            check_git(git_commit_lookup(&parent_handle, repo_.get(), &parent_id), "parent");
            parent.reset(parent_handle);
        }
        const git_commit* parents[] = {parent.get()};
        git_oid id;
        check_git(git_commit_create(&id, repo_.get(), "HEAD", sig.get(), sig.get(), nullptr,
                                    message.c_str(), tree.get(), parent ? 1 : 0, parents),
                  "commit");
        return git::to_hex(id);
    }

private:
    git::session session_; ///< first: outlives the handles
    temp_dir dir_;
    git::repository_ptr repo_;
};

} // namespace lbtrack::test

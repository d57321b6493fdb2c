#pragma once
// Versions of one file along the first-parent history of a git repository, read with libgit2:
// what `lbtrack replay --git REPO:PATH` stores. Many boards exist only as a scraper's daily commits
// of one CSV; each commit that changed the file is one observation of the board.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/time.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

struct lfs_pointer; // git_lfs.hpp

/// REPO:PATH[@REF] as given to `replay --git`.
struct git_file_spec {
    std::string repo; ///< the repository's folder (work tree, .git folder or bare repository)
    std::string path; ///< the file, relative to the repository's root, '/'-separated
    std::string ref;  ///< where the first-parent walk starts
};

/// Splits REPO:PATH[@REF]. REPO is everything before the last ':' (so PATH may hold no ':');
/// REF is what follows the last '@' of the rest, "HEAD" without one (a PATH holding '@' needs an
/// explicit "@HEAD"). Throws lbtrack::usage_error naming what is wrong.
git_file_spec parse_git_file_spec(std::string_view text);

/// Something libgit2 could not do, naming the repository and the file being read.
class git_history_error : public error {
public:
    enum class kind {
        not_a_repository, ///< REPO is no git repository
        bad_ref,          ///< REF names no commit (or the repository has no commit yet)
        not_a_file,       ///< PATH is a folder or a submodule in some commit
        other,            ///< anything else (corrupt or missing object, I/O)
    };
    git_history_error(kind k, std::string repo, std::string path, const std::string& what);
    kind why() const noexcept { return kind_; }
    /// The command line named something that is not there (exit code 2), rather than a broken
    /// repository.
    bool is_usage() const noexcept { return kind_ != kind::other; }
    const std::string& repo() const noexcept { return repo_; }
    const std::string& path() const noexcept { return path_; }

private:
    kind kind_;
    std::string repo_;
    std::string path_;
};

/// One commit that changed the file.
struct file_version {
    std::string commit;       ///< full hex id
    std::string short_commit; ///< its first 8 hex digits, for messages
    time_point committed_at;  ///< committer time (UTC)
    std::string blob;         ///< hex id of the file's blob in that commit
};

/// The versions of one file: the commits of the first-parent chain from REF back to the root
/// where the file exists and its blob differs from the one in the commit before (so a commit
/// that does not touch the file, or re-commits the same bytes, is no version; one that re-adds
/// the file after a commit deleted it is). Only the blob ids are kept; read() loads the bytes of
/// one version at a time, so a long history is not held in memory.
class git_file_history {
public:
    /// Opens REPO (that folder itself; no search upwards, so PATH is always relative to it),
    /// resolves REF and walks its history. Throws git_history_error.
    explicit git_file_history(const git_file_spec& spec);
    ~git_file_history();
    git_file_history(const git_file_history&) = delete;
    git_file_history& operator=(const git_file_history&) = delete;

    /// Oldest first. Empty when PATH is in no commit of the chain.
    const std::vector<file_version>& versions() const noexcept { return versions_; }
    /// Length of the first-parent chain from REF.
    std::size_t commits() const noexcept { return commits_; }
    /// Absolute path of the repository: its work tree, or the git folder of a bare one.
    const std::string& repository() const noexcept { return repository_; }
    const std::string& path() const noexcept { return path_; }

    /// The file's bytes in `version` (exactly as committed: no filters or line-end conversion).
    /// A file kept in Git LFS is read from the repository's LFS store (git_lfs.hpp); throws
    /// git_history_error naming what to run when its object was not downloaded.
    std::string read(const file_version& version) const;

private:
    std::string read_lfs_object(const file_version& version, const lfs_pointer& p) const;

    struct state;
    std::unique_ptr<state> state_;
    std::string repository_;
    std::string path_;
    std::vector<file_version> versions_;
    std::size_t commits_ = 0;
};

} // namespace lbtrack::ingest

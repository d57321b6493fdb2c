#include "lbtrack/ingest/git_history.hpp"

#include "lbtrack/core/file_bytes.hpp"
#include "lbtrack/core/sha256.hpp"
#include "lbtrack/ingest/git_handles.hpp"
#include "lbtrack/ingest/git_lfs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>

namespace lbtrack::ingest {

namespace {

/// Digits of a commit id in messages: git's own default is 7, one more keeps ids unambiguous in
/// repositories with tens of thousands of commits.
constexpr std::size_t short_id_digits = 8;

void check_path(std::string_view text, const std::string& path) {
    const auto bad = [&](std::string_view why) {
        return usage_error(fmt::format("replay --git '{}': PATH {}", text, why));
    };
    if (path.empty()) {
        throw bad("is empty (REPO:PATH names a file in the repository)");
    }
    if (path.front() == '/') {
        throw bad("must be relative to the repository's root");
    }
    if (path.back() == '/') {
        throw bad("must name a file, not a folder");
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        const auto part = std::string_view(path).substr(start, end - start);
        if (part.empty() || part == "." || part == "..") {
            throw bad("must be a plain path (no empty, '.' or '..' parts)");
        }
        start = end + 1;
    }
}

/// A commit of the first-parent chain and the file's blob in it, if any.
struct chain_link {
    git_oid commit;
    git_time_t time;
    std::optional<git_oid> blob;
};

} // namespace

git_file_spec parse_git_file_spec(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        throw usage_error(fmt::format(
            "replay --git '{}': expected REPO:PATH[@REF] (the repository's folder, ':', the "
            "file's path in it)",
            text));
    }
    git_file_spec spec;
    spec.repo = std::string(text.substr(0, colon));
    auto rest = text.substr(colon + 1);
    spec.ref = "HEAD";
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        spec.ref = std::string(rest.substr(at + 1));
        rest = rest.substr(0, at);
        if (spec.ref.empty()) {
            throw usage_error(fmt::format("replay --git '{}': no REF after '@'", text));
        }
    }
    spec.path = std::string(rest);
    if (spec.repo.empty()) {
        throw usage_error(fmt::format("replay --git '{}': REPO (before ':') is empty", text));
    }
    check_path(text, spec.path);
    return spec;
}

git_history_error::git_history_error(kind k, std::string repo, std::string path,
                                     const std::string& what)
    : error(fmt::format("replay --git {}:{}: {}", repo, path, what)), kind_(k),
      repo_(std::move(repo)), path_(std::move(path)) {}

struct git_file_history::state {
    git::session session; ///< first, so it is shut down after the handles are freed
    git::repository_ptr repo;
};

git_file_history::git_file_history(const git_file_spec& spec)
    : state_(std::make_unique<state>()), path_(spec.path) {
    using kind = git_history_error::kind;
    const auto fail = [&](kind k, const std::string& what) {
        return git_history_error(k, spec.repo, spec.path, what);
    };
    const auto libgit2_says = [] { return git::last_error_message(); };

    std::error_code ec;
    if (!std::filesystem::is_directory(spec.repo, ec)) {
        throw fail(kind::not_a_repository, "not a git repository: no such folder");
    }
    git_repository* repo = nullptr;
    if (const int rc = git_repository_open_ext(&repo, spec.repo.c_str(),
                                               GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
        rc != 0) {
        throw rc == GIT_ENOTFOUND ? fail(kind::not_a_repository, "not a git repository")
                                  : fail(kind::other, libgit2_says());
    }
    state_->repo.reset(repo);
    const char* root = git_repository_workdir(repo);
    repository_ = root != nullptr ? root : git_repository_path(repo);
    while (repository_.size() > 1 && repository_.back() == '/') {
        repository_.pop_back();
    }

    git_object* named = nullptr;
    if (git_revparse_single(&named, repo, spec.ref.c_str()) != 0) {
        throw fail(kind::bad_ref,
                   fmt::format("'{}' names no commit ({})", spec.ref, libgit2_says()));
    }
    const git::object_ptr target(named);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, target.get(), GIT_OBJECT_COMMIT) != 0) {
        throw fail(kind::bad_ref,
                   fmt::format("'{}' is not a commit ({})", spec.ref, libgit2_says()));
    }
    const git::object_ptr start(peeled);

    git_revwalk* walk_handle = nullptr;
    if (git_revwalk_new(&walk_handle, repo) != 0) {
        throw fail(kind::other, libgit2_says());
    }
    const git::revwalk_ptr walk(walk_handle);
    // First parents only: a merge brings in the branch's end state as one change, the way the
    // file looked on the mainline, instead of interleaving the side branch's commits in time.
    if (git_revwalk_simplify_first_parent(walk.get()) != 0 ||
        git_revwalk_push(walk.get(), git_object_id(start.get())) != 0) {
        throw fail(kind::other, libgit2_says());
    }

    std::vector<chain_link> chain; // newest first
    git_oid id;
    int rc = 0;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
        git_commit* commit_handle = nullptr;
        if (git_commit_lookup(&commit_handle, repo, &id) != 0) {
            throw fail(kind::other, libgit2_says());
        }
        const git::commit_ptr commit(commit_handle);
        git_tree* tree_handle = nullptr;
        if (git_commit_tree(&tree_handle, commit.get()) != 0) {
            throw fail(kind::other, libgit2_says());
        }
        const git::tree_ptr tree(tree_handle);
        chain_link link{id, git_commit_time(commit.get()), std::nullopt};
        git_tree_entry* entry_handle = nullptr;
        const int found = git_tree_entry_bypath(&entry_handle, tree.get(), spec.path.c_str());
        if (found == 0) {
            const git::tree_entry_ptr entry(entry_handle);
            const auto in_commit = [&] {
                return fmt::format("in commit {}", git::to_hex(id).substr(0, short_id_digits));
            };
            if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
                throw fail(kind::not_a_file,
                           fmt::format("is a folder or a submodule {}, not a file", in_commit()));
            }
            if (git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK) {
                throw fail(kind::not_a_file,
                           fmt::format("is a symbolic link {}, not a file", in_commit()));
            }
            link.blob = *git_tree_entry_id(entry.get());
        } else if (found != GIT_ENOTFOUND) {
            throw fail(kind::other, libgit2_says());
        }
        chain.push_back(link);
    }
    if (rc != GIT_ITEROVER) {
        throw fail(kind::other, libgit2_says());
    }
    commits_ = chain.size();

    const git_oid* previous = nullptr; // the file's blob in the commit before, if it had the file
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (!it->blob) {
            previous = nullptr;
            continue;
        }
        if (previous == nullptr || git_oid_cmp(previous, &*it->blob) != 0) {
            auto hex = git::to_hex(it->commit);
            versions_.push_back({hex, hex.substr(0, short_id_digits),
                                 time_point(std::chrono::seconds(it->time)),
                                 git::to_hex(*it->blob)});
        }
        previous = &*it->blob;
    }
}

git_file_history::~git_file_history() = default;

std::string git_file_history::read(const file_version& version) const {
    const auto fail = [&](const std::string& what) {
        return git_history_error(git_history_error::kind::other, repository_, path_,
                                 fmt::format("commit {}: {}", version.short_commit, what));
    };
    git_oid id;
    if (git_oid_fromstr(&id, version.blob.c_str()) != 0) {
        throw fail(git::last_error_message());
    }
    git_blob* handle = nullptr;
    if (git_blob_lookup(&handle, state_->repo.get(), &id) != 0) {
        throw fail(git::last_error_message());
    }
    const git::blob_ptr blob(handle);
    const auto* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    std::string content(bytes, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
    if (const auto pointer = parse_lfs_pointer(content)) {
        return read_lfs_object(version, *pointer);
    }
    return content;
}

std::string git_file_history::read_lfs_object(const file_version& version,
                                              const lfs_pointer& pointer) const {
    const auto object = lfs_object_path(git_repository_commondir(state_->repo.get()), pointer);
    const auto fail = [&](const std::string& what) {
        return git_history_error(
            git_history_error::kind::other, repository_, path_,
            fmt::format("commit {}: the file is in Git LFS (object sha256:{}, {} bytes) and {}: "
                        "run `git lfs fetch --all` in {} to download every version's object, "
                        "then replay again (it goes on after the last stored commit)",
                        version.short_commit, pointer.oid, pointer.size, what, repository_));
    };
    auto content = read_file_bytes(object);
    if (!content) {
        throw fail(fmt::format("its object is not in {}",
                               object.parent_path().parent_path().parent_path().string()));
    }
    // A download cut short or a damaged store must not be stored as that day's board.
    if (content->size() != pointer.size || sha256_hex(*content) != pointer.oid) {
        throw fail(fmt::format("{} does not hold it ({} bytes, another SHA-256)", object.string(),
                               content->size()));
    }
    return std::move(*content);
}

} // namespace lbtrack::ingest

#pragma once
// Files a repository keeps in Git LFS. Scrapers often move a growing CSV to LFS: from then on
// the commits hold a short pointer text, and the bytes sit in the repository's LFS store once
// `git lfs fetch` has downloaded them. `replay --git` reads each version's bytes from there;
// replaying the pointer text itself would look like a board whose columns all vanished.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::ingest {

struct lfs_pointer {
    std::string oid;        ///< SHA-256 of the file's bytes, 64 lower-case hex digits
    std::uint64_t size = 0; ///< the file's size in bytes
};

/// The pointer `blob` holds, std::nullopt when it is not one. A pointer (Git LFS spec v1) is
/// under 1,024 bytes of "key value" lines: "version https://git-lfs.github.com/spec/v1" (or the
/// pre-release "https://hawser.github.com/spec/v1") first, then at least "oid sha256:HEX" and
/// "size N".
std::optional<lfs_pointer> parse_lfs_pointer(std::string_view blob);

/// Where git-lfs keeps the object of `p`: GIT_DIR/lfs/objects/ab/cd/abcd... (`git_dir`: the
/// repository's common git folder, which linked worktrees share).
std::filesystem::path lfs_object_path(const std::filesystem::path& git_dir, const lfs_pointer& p);

} // namespace lbtrack::ingest

// Writing a report file so that a web server or a reader polling it never sees half a report:
// the content goes to a temporary file in the same directory (rename is only atomic within one
// file system), is flushed to disk, and then replaces the old file in one rename.

#include "lbtrack/notify/sinks.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace lbtrack::notify {

namespace {

std::string os_error(std::string_view doing, int error_number) {
    return fmt::format("{}: {}", doing, std::strerror(error_number));
}

/// Closes the descriptor and removes the temporary file unless the rename happened.
class temp_file {
public:
    temp_file(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    ~temp_file() {
        close();
        if (!renamed_) {
            ::unlink(path_.c_str());
        }
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    /// 0, or the errno of a failed close (which may report a delayed write error).
    int close() {
        if (fd_ < 0) {
            return 0;
        }
        const int result = ::close(fd_);
        fd_ = -1;
        return result == 0 ? 0 : errno;
    }
    void renamed() { renamed_ = true; }

private:
    int fd_;
    std::string path_;
    bool renamed_ = false;
};

/// 0, or the errno of the first failed write.
int write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

} // namespace

void write_report_file(const std::filesystem::path& path, std::string_view content) {
    const auto failure = [&](const std::string& what) {
        return sink_error("file", path.string(), what, retry_verdict::transient);
    };
    if (path.empty() || !path.has_filename()) {
        // The path is the queued message's own: it will never name a file.
        throw sink_error("file", path.string(), "the path names no file", retry_verdict::permanent);
    }
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) {
        throw failure(
            fmt::format("cannot create directory {}: {}", directory.string(), ec.message()));
    }

    // Hidden and marked, so a half-written temporary left by a crash is recognisable.
    std::string pattern = (directory / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        throw failure(os_error("cannot create a temporary file beside it", errno));
    }
    temp_file temp(fd, pattern);
    // mkstemp makes the file 0600; a report is meant to be read (e.g. served by a web server).
    if (::fchmod(temp.fd(), 0644) != 0) {
        throw failure(os_error("cannot set the temporary file's mode", errno));
    }
    if (const int error_number = write_all(temp.fd(), content); error_number != 0) {
        throw failure(os_error("cannot write", error_number));
    }
    // Without fsync, a crash soon after the rename can leave an empty file under the new name
    // on some file systems (ext4 delayed allocation): the old report would be lost too.
    if (::fsync(temp.fd()) != 0) {
        throw failure(os_error("cannot flush to disk", errno));
    }
    if (const int error_number = temp.close(); error_number != 0) {
        throw failure(os_error("cannot close", error_number));
    }
    if (::rename(temp.path().c_str(), path.c_str()) != 0) {
        throw failure(os_error("cannot replace the file", errno));
    }
    temp.renamed();
    // Make the rename itself durable. Best effort: the report is complete and in place either
    // way, and some file systems refuse fsync on a directory.
    if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

} // namespace lbtrack::notify

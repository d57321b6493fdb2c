#include "lbtrack/core/file_bytes.hpp"

#include <cstdio>
#include <memory>

namespace lbtrack {

namespace {

struct file_closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

} // namespace

std::optional<std::string> read_file_bytes(const std::filesystem::path& path) {
    // Read into a string of the file's size, in one piece: streaming through an ostringstream
    // grew its buffer by doubling and copied it out at the end, ~6% of a replay's client CPU
    // (perf, openllm-v2's 2.8 MB days). A file that grows while it is read is read to its end.
    std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        return std::nullopt;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    std::string bytes;
    bytes.resize(ec ? 0 : static_cast<std::size_t>(size));
    std::size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
    if (got < bytes.size()) {
        if (std::ferror(file.get()) != 0) {
            return std::nullopt;
        }
        bytes.resize(got);
        return bytes;
    }
    char chunk[65536];
    while (const auto n = std::fread(chunk, 1, sizeof chunk, file.get())) {
        bytes.append(chunk, n);
    }
    if (std::ferror(file.get()) != 0) {
        return std::nullopt;
    }
    return bytes;
}

} // namespace lbtrack

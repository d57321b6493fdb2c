#include "lbtrack/store/payload_store.hpp"

#include "prepared.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/sha256.hpp"

#include <fmt/format.h>
#include <zstd.h>

#include <memory>

namespace lbtrack::store {

namespace {

// Level 1. Level 3 (zstd's default) wrote a day of a 2,700-row LMArena CSV (184 KB) as 47 KB
// at 275 MB/s where level 9 writes 39 KB at 50 MB/s (level 9 was 12% of a replay's CPU time).
// On openllm-v2's 2.8 MB days (`zstd -b1 -e3`) level 1 writes 682 KB at 88-94 MB/s against
// level 3's 668 KB at 70 MB/s: 2% more bytes for a quarter less time, and compression was still
// ~16% of a replay's client CPU at level 3 (perf, issue 19). Payloads are a few percent of the
// database (entries are most of it); the level changes the stored bytes, never what they
// decompress to, and old payloads decompress whatever level wrote them.
constexpr int zstd_level = 1;

std::string compress(std::string_view bytes) {
    // Into an uninitialised buffer, then copied out at its compressed size: a string of the
    // bound (the payload's size and a little more) was zero-filled first, which took longer than
    // the compression itself (perf of a replay of openllm-v2: 67 of compress's 117 samples).
    const auto bound = ZSTD_compressBound(bytes.size());
    const auto out = std::make_unique_for_overwrite<char[]>(bound);
    const auto n = ZSTD_compress(out.get(), bound, bytes.data(), bytes.size(), zstd_level);
    if (ZSTD_isError(n)) {
        throw error(fmt::format("zstd compression failed: {}", ZSTD_getErrorName(n)));
    }
    return std::string(out.get(), n);
}

std::string decompress(std::string_view bytes, std::size_t expected_size) {
    std::string out(expected_size, '\0');
    const auto n = ZSTD_decompress(out.data(), out.size(), bytes.data(), bytes.size());
    if (ZSTD_isError(n) || n != expected_size) {
        throw error("stored payload is corrupt: zstd could not restore its recorded size");
    }
    return out;
}

} // namespace

compressed_payload compress_payload(std::string_view bytes) {
    // compress() returns a string of the compressed size, not of the worst-case bound (the
    // payload's size): held until the snapshot is stored, a bound-sized buffer was a second copy
    // of the payload at a replay's peak (issue 19).
    return {sha256_hex(bytes), bytes.size(), compress(bytes)};
}

bool put_payload(pqxx::transaction_base& tx, const compressed_payload& payload) {
    const auto r =
        detail::exec_prepared(tx, "lbtrack_put_payload",
                              "INSERT INTO payload (sha256, size_bytes, compression, data) "
                              "VALUES (decode($1, 'hex'), $2, 'zstd', $3) "
                              "ON CONFLICT (sha256) DO NOTHING",
                              payload.sha256, static_cast<long long>(payload.size),
                              pqxx::binarystring(payload.zstd.data(), payload.zstd.size()));
    return r.affected_rows() == 1;
}

bool put_payload(pqxx::transaction_base& tx, const std::string& sha256, std::string_view bytes) {
    return put_payload(tx, compressed_payload{sha256, bytes.size(), compress(bytes)});
}

std::string get_payload(pqxx::transaction_base& tx, const std::string& sha256) {
    const auto r = tx.exec_params(
        "SELECT size_bytes, data FROM payload WHERE sha256 = decode($1, 'hex')", sha256);
    if (r.empty()) {
        throw error(fmt::format("payload {} is not stored", sha256));
    }
    const pqxx::binarystring data(r[0][1]);
    return decompress(std::string_view(data.get(), data.size()), r[0][0].as<std::size_t>());
}

} // namespace lbtrack::store

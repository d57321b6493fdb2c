#pragma once
// gumbo's memory for one page, counted against a budget. gumbo builds its whole tree in memory and
// has no limit of its own: it asserts when malloc fails (issue 18: `gumbo_vector_add: Assertion
// 'vector->data' failed` on 225 KB of nested tables), it may reopen formatting elements on every
// line (a few bytes of markup, a few hundred of nodes), and it frees its tree recursively, one
// call frame per level. Every block gumbo asks for comes from here; when the page needs more than
// the budget the parse is abandoned (longjmp out of gumbo's C frames, which own nothing else)
// and everything is freed here at once, never by gumbo_destroy_output.

#include <gumbo.h>

#include <array>
#include <csetjmp>
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

class gumbo_heap {
public:
    explicit gumbo_heap(std::size_t budget) : budget_(budget) {}
    ~gumbo_heap();
    gumbo_heap(const gumbo_heap&) = delete;
    gumbo_heap& operator=(const gumbo_heap&) = delete;

    /// gumbo's tree of `html` (valid while this heap lives), or nullptr when building it took
    /// more than the budget (or malloc failed).
    const GumboOutput* parse(std::string_view html);

    std::size_t budget() const { return budget_; }
    /// The most memory gumbo's blocks took at once, headers included.
    std::size_t peak() const { return peak_; }

private:
    // Small blocks (gumbo's nodes, strings, short vectors: most of its blocks) are carved from
    // chunks in 16-byte size classes and reused through a free list per class, with an 8-byte
    // header holding the class: a header per block of malloc's own size, which a list of
    // malloc'ed blocks (two pointers and a size each) would triple. Larger blocks (the children
    // of a table body) are malloc'ed and kept in a list.
    static constexpr std::size_t granule = 16;
    static constexpr std::size_t small_classes = 32; ///< blocks up to 512 bytes with header
    /// Chunks double from the first to the largest: a small page takes one small chunk.
    static constexpr std::size_t first_chunk_bytes = std::size_t{16} << 10;
    static constexpr std::size_t max_chunk_bytes = std::size_t{256} << 10;

    struct large_header {
        large_header* prev;
        large_header* next;
        std::size_t size;
        std::size_t tag; ///< large_tag, where a small block keeps its class
    };
    static constexpr std::size_t large_tag = ~std::size_t{0};

    static void* allocate(void* self, std::size_t size);
    static void deallocate(void* self, void* block);
    void* allocate_small(std::size_t size_class);
    void* allocate_large(std::size_t size);
    void charge(std::size_t bytes);

    std::size_t budget_;
    std::size_t used_ = 0; ///< chunks plus live large blocks
    std::size_t peak_ = 0;
    std::vector<std::unique_ptr<std::byte[]>> chunks_;
    std::size_t chunk_left_ = 0;
    std::byte* chunk_next_ = nullptr;
    std::array<void*, small_classes> free_{}; ///< per class, linked through the blocks
    large_header* large_ = nullptr;
    GumboOptions options_{};
    std::jmp_buf out_of_budget_{};
};

} // namespace lbtrack::ingest

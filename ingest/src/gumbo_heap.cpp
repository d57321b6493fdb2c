#include "gumbo_heap.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace lbtrack::ingest {

namespace {

// A small block is [8-byte class][data]; gumbo's structures hold pointers and integers, so the
// data's 8-byte alignment is all they need.
constexpr std::size_t small_header = sizeof(std::size_t);

} // namespace

gumbo_heap::~gumbo_heap() {
    while (large_ != nullptr) {
        large_header* next = large_->next;
        std::free(large_);
        large_ = next;
    }
}

const GumboOutput* gumbo_heap::parse(std::string_view html) {
    options_ = kGumboDefaultOptions;
    options_.allocator = &gumbo_heap::allocate;
    options_.deallocator = &gumbo_heap::deallocate;
    options_.userdata = this;
    // gumbo's parse errors are never read, and each one copies the stack of open elements: on a
    // deeply nested page they took memory with the square of its depth.
    options_.max_errors = 0;
    // Nothing with a destructor lives between here and allocate(): only gumbo's C frames, which
    // longjmp may skip (every block they hold is this heap's).
    if (setjmp(out_of_budget_) != 0) {
        return nullptr;
    }
    return gumbo_parse_with_options(&options_, html.data(), html.size());
}

void gumbo_heap::charge(std::size_t bytes) {
    if (bytes > budget_ - used_) {
        std::longjmp(out_of_budget_, 1);
    }
    used_ += bytes;
    peak_ = used_ > peak_ ? used_ : peak_;
}

void* gumbo_heap::allocate(void* self, std::size_t size) {
    auto& heap = *static_cast<gumbo_heap*>(self);
    const std::size_t size_class = (size + small_header + granule - 1) / granule - 1;
    return size_class < small_classes ? heap.allocate_small(size_class) : heap.allocate_large(size);
}

void* gumbo_heap::allocate_small(std::size_t size_class) {
    if (void* block = free_[size_class]; block != nullptr) {
        std::memcpy(&free_[size_class], block, sizeof(void*));
        return block;
    }
    const std::size_t bytes = (size_class + 1) * granule;
    if (bytes > chunk_left_) {
        const std::size_t chunk_bytes = std::min(
            max_chunk_bytes, first_chunk_bytes << std::min<std::size_t>(chunks_.size(), 8));
        charge(chunk_bytes);
        bool allocated = true;
        try {
            chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(chunk_bytes));
        } catch (const std::bad_alloc&) {
            allocated = false; // no exception may cross gumbo's frames
        }
        if (!allocated) {
            std::longjmp(out_of_budget_, 1);
        }
        chunk_next_ = chunks_.back().get();
        chunk_left_ = chunk_bytes;
    }
    std::byte* start = chunk_next_;
    chunk_next_ += bytes;
    chunk_left_ -= bytes;
    std::memcpy(start, &size_class, small_header);
    return start + small_header;
}

void* gumbo_heap::allocate_large(std::size_t size) {
    charge(sizeof(large_header) + size);
    auto* header = static_cast<large_header*>(std::malloc(sizeof(large_header) + size));
    if (header == nullptr) {
        std::longjmp(out_of_budget_, 1);
    }
    *header = {nullptr, large_, size, large_tag};
    if (large_ != nullptr) {
        large_->prev = header;
    }
    large_ = header;
    return header + 1;
}

void gumbo_heap::deallocate(void* self, void* block) {
    if (block == nullptr) {
        return;
    }
    auto& heap = *static_cast<gumbo_heap*>(self);
    std::size_t tag = 0;
    std::memcpy(&tag, static_cast<std::byte*>(block) - small_header, small_header);
    if (tag != large_tag) {
        std::memcpy(block, &heap.free_[tag], sizeof(void*));
        heap.free_[tag] = block;
        return;
    }
    auto* header = static_cast<large_header*>(block) - 1;
    if (header->prev != nullptr) {
        header->prev->next = header->next;
    } else {
        heap.large_ = header->next;
    }
    if (header->next != nullptr) {
        header->next->prev = header->prev;
    }
    heap.used_ -= sizeof(large_header) + header->size;
    std::free(header);
}

} // namespace lbtrack::ingest

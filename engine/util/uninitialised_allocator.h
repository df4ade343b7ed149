// An allocator for large output arrays that their owner fills in parallel:
// value-initialising construct() (what vector::resize(n) calls) leaves the
// memory unwritten, so resizing costs no serial pass over it, and the pages
// are first touched by the threads that fill them. advise_huge_pages() asks
// Linux for 2 MiB pages over such an array, fewer page faults.
//
// Contract: only for implicit-lifetime element types (aggregates of
// scalars, trivially destructible); whoever resizes such a vector writes
// every new element before it is read. Every other construct() (copies,
// push_back, initialiser lists) constructs as std::allocator does, and
// advise_huge_pages() never changes what the memory holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace vetmatch {

template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };

  UninitialisedAllocator() = default;
  template <class U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}

  template <class U>
  void construct(U*) noexcept {
    static_assert(std::is_trivially_destructible_v<U> &&
                  std::is_aggregate_v<U>);
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <class T, class U>
bool operator==(const UninitialisedAllocator<T>&,
                const UninitialisedAllocator<U>&) {
  return true;
}

/// Asks for transparent huge pages over the whole 2 MiB pages inside
/// [data, data + bytes); nothing where the system has none.
inline void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{1} << 21;
  const std::uintptr_t begin =
      (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) &
      ~(kHugePage - 1);
  const std::uintptr_t end =
      (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHugePage - 1);
  if (end > begin) {
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  }
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace vetmatch

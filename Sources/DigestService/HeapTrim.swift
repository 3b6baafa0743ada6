/// glibc's `malloc_trim(3)`: returns free memory at the top of the heap and in free chunks
/// (whole pages, via `madvise(MADV_DONTNEED)`) to the system. Declared here because the Glibc
/// module does not import `<malloc.h>`; `size_t` → `Int`, `int` → `Int32`.
/// - Returns: 1 when memory was released, 0 otherwise.
@_silgen_name("malloc_trim")
func malloc_trim(_ pad: Int) -> Int32

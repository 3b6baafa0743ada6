import Glibc

/// What an idle service gives back to the system (see ``IdleTrim/run()``).
enum IdleTrim {
    /// Returns freed heap memory (`malloc_trim`) and unmaps the clean code pages of the
    /// executable and its libraries from this process.
    ///
    /// Code pages stay in the page cache: the next article maps them again with minor faults
    /// (about a millisecond for the whole working set). While mapped they count as this
    /// process's resident memory and the kernel keeps executable pages on its active list;
    /// unmapped, they are the first to go when other work needs the memory.
    ///
    /// Only private mappings that are readable and executable and backed by a file (`r-xp`
    /// with a path in `/proc/self/maps`) are unmapped: their pages are never written, so
    /// `MADV_DONTNEED` drops nothing but the mapping. Writable or read-only data (relocated
    /// RELRO pages among them) is left alone.
    /// - Returns: the bytes of code mappings advised (0 when `/proc` cannot be read).
    @discardableResult
    static func run() -> Int {
        _ = malloc_trim(0)
        var advised = 0
        for mapping in codeMappings() {
            guard let start = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            if madvise(start, mapping.end - mapping.start, MADV_DONTNEED) == 0 { advised += mapping.end - mapping.start }
        }
        return advised
    }

    /// The `r-xp` file mappings of `/proc/self/maps`, as address ranges.
    static func codeMappings() -> [(start: Int, end: Int)] {
        guard let file = fopen("/proc/self/maps", "r") else { return [] }
        defer { fclose(file) }
        var result: [(start: Int, end: Int)] = []
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            // "start-end perms offset dev inode path"
            let fields = String(cString: line).split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "r-xp", fields[5].hasPrefix("/") else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = Int(range[0], radix: 16), let end = Int(range[1], radix: 16),
                  end > start else { continue }
            result.append((start, end))
        }
        return result
    }
}

/// glibc's `malloc_trim(3)`: returns free memory at the top of the heap and in free chunks
/// (whole pages, via `madvise(MADV_DONTNEED)`) to the system. Declared here because the Glibc
/// module does not import `<malloc.h>`; `size_t` → `Int`, `int` → `Int32`.
/// - Returns: 1 when memory was released, 0 otherwise.
@_silgen_name("malloc_trim")
func malloc_trim(_ pad: Int) -> Int32

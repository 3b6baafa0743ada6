import Glibc

/// What an idle service gives back to the system (see ``IdleTrim/run()``).
enum IdleTrim {
    /// One mapping of `/proc/self/smaps` that ``run()`` may let go of.
    struct Mapping: Equatable {
        /// First byte of the mapping.
        var start: Int
        /// One past its last byte.
        var end: Int
        /// Its resident memory, in KiB (`Rss:`).
        var residentKiB: Int
        /// The file it maps.
        var path: String
    }

    /// Returns freed heap memory (`malloc_trim`, every arena) and unmaps the clean pages of the
    /// read-only file mappings of the executable, its libraries and their data files (code,
    /// read-only data, ICU's data, CLD2's tables) from this process.
    ///
    /// Those pages stay in the page cache: the next article maps them again with minor faults
    /// (`bench/run idle` measures the first arrival after an idle spell). While mapped they
    /// count as this process's resident memory, and the kernel keeps them on its active list;
    /// unmapped, they are the first to go when other work needs the memory.
    ///
    /// Only private mappings that are not writable, backed by a file, and hold no anonymous
    /// (copy-on-write) page, in memory or in swap, are advised (``cleanFileMappings(smaps:)``): every resident page of
    /// such a mapping is the file's own page, so `MADV_DONTNEED` drops nothing but the mapping,
    /// and nothing can write to it between the reading of `/proc` and the advice. Writable
    /// mappings, and read-only ones holding relocated (RELRO) pages, are left alone.
    /// - Returns: the resident KiB of the mappings advised (0 when `/proc` cannot be read).
    @discardableResult
    static func run() -> Int {
        _ = malloc_trim(0)
        var advised = 0
        for mapping in cleanFileMappings(smaps: "/proc/self/smaps") {
            guard let start = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            if madvise(start, mapping.end - mapping.start, MADV_DONTNEED) == 0 { advised += mapping.residentKiB }
        }
        return advised
    }

    /// The mappings of an smaps file (`/proc/PID/smaps` format) that are private, not writable
    /// (`r--p` or `r-xp`), backed by a file (a path beginning with `/`, not `(deleted)`), resident
    /// (`Rss:` above 0) and hold no anonymous page, resident or swapped out (`Anonymous: 0 kB` and
    /// `Swap: 0 kB`: a copy-on-write page in swap is not counted as anonymous, and dropping it
    /// would bring back the file's bytes).
    /// - Returns: those mappings in file order; empty when the file cannot be read.
    static func cleanFileMappings(smaps path: String) -> [Mapping] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var result: [Mapping] = []
        // The mapping being read: its header qualified; its Rss and Anonymous lines follow.
        var current: Mapping?
        var anonymousKiB: Int?
        var swappedKiB: Int?
        func finish() {
            if let mapping = current, mapping.residentKiB > 0, anonymousKiB == 0, swappedKiB == 0 { result.append(mapping) }
            current = nil
            anonymousKiB = nil
            swappedKiB = nil
        }
        var line = [CChar](repeating: 0, count: 4096)
        // Lines are compared as C strings: an smaps file has some 25 lines per mapping, and only
        // the headers and the three lines read become Strings (an idle trim made every line one).
        while fgets(&line, Int32(line.count), file) != nil {
            if isHexDigit(UInt8(bitPattern: line[0])) {
                // "start-end perms offset dev inode path": a new mapping begins; the lines that
                // follow are its own, whether or not it qualifies.
                finish()
                current = header(String(cString: line))
                continue
            }
            guard current != nil else { continue }
            if strncmp(line, "Rss:", 4) == 0 {
                current?.residentKiB = kibibytes(String(cString: line)) ?? 0
            } else if strncmp(line, "Anonymous:", 10) == 0 {
                anonymousKiB = kibibytes(String(cString: line))
            } else if strncmp(line, "Swap:", 5) == 0 {
                swappedKiB = kibibytes(String(cString: line))
            }
        }
        finish()
        return result
    }

    /// A mapping header that qualifies by its permissions and path (`Rss` still 0), else nil.
    private static func header(_ text: String) -> Mapping? {
        let fields = text.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count == 6 else { return nil }
        let perms = Array(fields[1].utf8)
        guard perms.count == 4, perms[0] == UInt8(ascii: "r"), perms[1] == UInt8(ascii: "-"),
              perms[3] == UInt8(ascii: "p") else { return nil }
        let path = fields[5].trimmingNewline()
        guard path.hasPrefix("/"), !path.hasSuffix("(deleted)") else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = Int(range[0], radix: 16), let end = Int(range[1], radix: 16),
              end > start else { return nil }
        return Mapping(start: start, end: end, residentKiB: 0, path: path)
    }

    /// The number of a "Name:   123 kB" line.
    private static func kibibytes(_ text: String) -> Int? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2 else { return nil }
        return Int(fields[1])
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}

private extension Substring {
    /// The text without the spaces before it and its line's end.
    func trimmingNewline() -> String {
        var text = self
        while let first = text.first, first == " " { text.removeFirst() }
        while let last = text.last, last == "\n" || last == " " { text.removeLast() }
        return String(text)
    }
}

/// glibc's `malloc_trim(3)`: returns free memory at the top of the heap and in free chunks
/// (whole pages, via `madvise(MADV_DONTNEED)`) of every arena to the system. Declared here
/// because the Glibc module does not import `<malloc.h>`; `size_t` → `Int`, `int` → `Int32`.
/// - Returns: 1 when memory was released, 0 otherwise.
@_silgen_name("malloc_trim")
func malloc_trim(_ pad: Int) -> Int32

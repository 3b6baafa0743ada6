import Foundation
import Glibc
import Testing
@testable import DigestService

/// The idle trim on real mappings of this test process: clean read-only file pages leave the
/// process's resident memory, and pages that hold the process's own writes are never dropped.
@Suite(.serialized) struct IdleTrimTests {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// A temporary file of `pages` pages, page `k` filled with the byte `k + 1`.
    static func makeFile(pages: Int) throws -> String {
        let path = NSTemporaryDirectory() + "digestd-idletrim-" + UUID().uuidString
        var bytes = [UInt8]()
        for k in 0..<pages { bytes += [UInt8](repeating: UInt8(k + 1), count: pageSize) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Maps `path` privately with `protection`; nil when mmap fails.
    static func map(_ path: String, pages: Int, protection: Int32) -> UnsafeMutableRawPointer? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let address = mmap(nil, pages * pageSize, protection, MAP_PRIVATE, fd, 0)
        return address == MAP_FAILED ? nil : address
    }

    /// `Rss:` and `Anonymous:` (KiB) of the mapping that starts at `address`, read from
    /// /proc/self/smaps here, independently of the code under test.
    static func residency(at address: UnsafeMutableRawPointer) -> (rss: Int, anonymous: Int)? {
        // Read with stdio: /proc files report a size of 0, which Foundation's readers trust.
        guard let file = fopen("/proc/self/smaps", "r") else { return nil }
        defer { fclose(file) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), file) != nil { text += String(cString: buffer) }
        let start = String(UInt(bitPattern: address), radix: 16)
        var inside = false
        var rss: Int?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if !first.hasSuffix(":") {
                // "start-end perms offset dev inode [path]": the next mapping.
                if inside { break }
                inside = first.hasPrefix(start + "-")
                continue
            }
            guard inside else { continue }
            if first == "Rss:" { rss = Int(fields[1]) }
            if first == "Anonymous:", let rss, let anonymous = Int(fields[1]) { return (rss, anonymous) }
        }
        return nil
    }

    /// Sum of the bytes at the start of each page (reading them faults them in).
    static func touch(_ address: UnsafeMutableRawPointer, pages: Int) -> [UInt8] {
        (0..<pages).map { address.load(fromByteOffset: $0 * pageSize, as: UInt8.self) }
    }

    @Test func cleanReadOnlyFilePagesLeaveTheProcessAndComeBackTheSame() throws {
        let pages = 16
        let path = try Self.makeFile(pages: pages)
        defer { unlink(path) }
        let address = try #require(Self.map(path, pages: pages, protection: PROT_READ))
        defer { munmap(address, pages * Self.pageSize) }
        let expected = (0..<pages).map { UInt8($0 + 1) }
        #expect(Self.touch(address, pages: pages) == expected)
        let before = try #require(Self.residency(at: address))
        #expect(before.rss == pages * Self.pageSize / 1024 && before.anonymous == 0)
        let listed = IdleTrim.cleanFileMappings(smaps: "/proc/self/smaps")
        #expect(listed.contains { $0.start == Int(bitPattern: address) && $0.path == path })

        #expect(IdleTrim.run() >= pages * Self.pageSize / 1024)
        let after = try #require(Self.residency(at: address))
        #expect(after.rss == 0, "the mapping's pages were dropped from the process")
        #expect(Self.touch(address, pages: pages) == expected, "refaulted from the file")
    }

    /// A private mapping written to (a copy-on-write page, as relocated RELRO data) and then made
    /// read-only, next to a writable mapping: neither is dropped, and the written byte stays.
    @Test func pagesHoldingWritesAreNeverDropped() throws {
        let pages = 4
        let path = try Self.makeFile(pages: pages)
        defer { unlink(path) }
        let relro = try #require(Self.map(path, pages: pages, protection: PROT_READ | PROT_WRITE))
        defer { munmap(relro, pages * Self.pageSize) }
        relro.storeBytes(of: 0xEE, toByteOffset: 0, as: UInt8.self)
        _ = Self.touch(relro, pages: pages)
        #expect(mprotect(relro, pages * Self.pageSize, PROT_READ) == 0)
        let writable = try #require(Self.map(path, pages: pages, protection: PROT_READ | PROT_WRITE))
        defer { munmap(writable, pages * Self.pageSize) }
        writable.storeBytes(of: 0xDD, toByteOffset: Self.pageSize, as: UInt8.self)

        let listed = IdleTrim.cleanFileMappings(smaps: "/proc/self/smaps")
        #expect(!listed.contains { $0.start == Int(bitPattern: relro) || $0.start == Int(bitPattern: writable) })
        IdleTrim.run()
        #expect(relro.load(fromByteOffset: 0, as: UInt8.self) == 0xEE)
        #expect(writable.load(fromByteOffset: Self.pageSize, as: UInt8.self) == 0xDD)
        #expect(try #require(Self.residency(at: relro)).anonymous >= 4)
    }

    /// Each mapping's lines belong to it alone: a read-only mapping holding anonymous pages,
    /// followed by mappings that do not qualify (writable, anonymous) whose `Anonymous:` is 0,
    /// is not listed (the loader's RELRO pages, once dropped, crashed the next symbol look-up);
    /// nor is one whose copy-on-write page is in swap.
    @Test func aMappingsFieldsAreNotTakenFromTheNextOne() throws {
        let smaps = """
            7f0000000000-7f0000004000 r--p 00000000 fe:00 11                         /usr/lib/libclean.so
            Rss:                  16 kB
            Anonymous:             0 kB
            Swap:                  0 kB
            7f0000010000-7f0000012000 r--p 00072000 fe:00 12                         /usr/lib/librelro.so
            Rss:                   8 kB
            Anonymous:             8 kB
            Swap:                  0 kB
            7f0000012000-7f0000013000 rw-p 000c4000 fe:00 12                         /usr/lib/librelro.so
            Rss:                   4 kB
            Anonymous:             0 kB
            Swap:                  0 kB
            7f0000020000-7f0000021000 rw-p 00000000 00:00 0 
            Rss:                   4 kB
            Anonymous:             0 kB
            Swap:                  0 kB
            7f0000030000-7f0000032000 r-xp 00000000 fe:00 13                         /opt/with space/libx.so
            Rss:                   8 kB
            Anonymous:             0 kB
            Swap:                  0 kB
            7f0000040000-7f0000041000 r--p 00000000 fe:00 14                         /usr/lib/gone.so (deleted)
            Rss:                   4 kB
            Anonymous:             0 kB
            Swap:                  0 kB
            7f0000050000-7f0000051000 r--p 00000000 fe:00 15                         /usr/lib/notresident.so
            Rss:                   0 kB
            Anonymous:             0 kB
            Swap:                  0 kB
            7f0000060000-7f0000062000 r--p 00000000 fe:00 16                         /usr/lib/swappedrelro.so
            Rss:                   4 kB
            Anonymous:             0 kB
            Swap:                  4 kB

            """
        let path = NSTemporaryDirectory() + "digestd-smaps-" + UUID().uuidString
        try smaps.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        #expect(IdleTrim.cleanFileMappings(smaps: path) == [
            IdleTrim.Mapping(start: 0x7f00_0000_0000, end: 0x7f00_0000_4000, residentKiB: 16, path: "/usr/lib/libclean.so"),
            IdleTrim.Mapping(start: 0x7f00_0003_0000, end: 0x7f00_0003_2000, residentKiB: 8, path: "/opt/with space/libx.so"),
        ])
        #expect(IdleTrim.cleanFileMappings(smaps: path + ".missing").isEmpty)
    }
}

import Foundation
import Testing
@testable import Inbox

/// Real inotify on a real folder.
@Suite struct InotifyWatcherTests {
    /// Collects distinct events until `count` arrived or `timeout` passed.
    func collect(_ watcher: InotifyWatcher, count: Int, timeout: Duration = .seconds(3)) async -> [InboxEvent] {
        await withTaskGroup(of: [InboxEvent].self) { group in
            group.addTask {
                // Distinct events in arrival order: a file may also give IN_ATTRIB after its close.
                var got: [InboxEvent] = []
                for await e in watcher.events where !got.contains(e) {
                    got.append(e)
                    if got.count >= count { break }
                }
                return got
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                watcher.stop()
                return []
            }
            let first = await group.next() ?? []
            group.cancelAll()
            watcher.stop()
            return first
        }
    }

    @Test func closeWriteIsReportedButCreateOfARegularFileIsNot() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path)
        // Created and held open: IN_CREATE only, not reported until the close.
        let fd = open(folder.path + "/slow.txt", O_WRONLY | O_CREAT, 0o644)
        defer { close(fd) }
        folder.write("a.txt", "Hello.")
        let events = await collect(watcher, count: 1)
        #expect(events == [.candidate(name: "a.txt")])
    }

    /// A FIFO, socket or symlink only ever gives IN_CREATE: reported, so the intake can warn or follow it.
    @Test func createOfANonRegularEntryIsReported() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path)
        #expect(mkfifo(folder.path + "/pipe.txt", 0o644) == 0)
        #expect(symlink("/dev/zero", folder.path + "/zero.txt") == 0)
        #expect(mkdir(folder.path + "/folder.txt", 0o755) == 0)
        let events = await collect(watcher, count: 2)
        #expect(Set(events) == [.candidate(name: "pipe.txt"), .candidate(name: "zero.txt")])
    }

    @Test func movedInIsReported() async throws {
        let folder = TemporaryFolder()
        let staging = TemporaryFolder()
        defer { folder.remove(); staging.remove() }
        staging.write("b.txt", "Moved in.")
        let watcher = try InotifyWatcher(path: folder.path)
        #expect(rename(staging.path + "/b.txt", folder.path + "/b.txt") == 0)
        let events = await collect(watcher, count: 1)
        #expect(events == [.candidate(name: "b.txt")])
    }

    /// A hard link into the folder (`ln`, `cp -l`, `rsync --link-dest`) gives IN_CREATE of a
    /// complete regular file and nothing else: reported like a name moved in.
    @Test func aHardLinkInIsReported() async throws {
        let folder = TemporaryFolder()
        let other = TemporaryFolder()
        defer { folder.remove(); other.remove() }
        other.write("article.txt", "Linked in.")
        let watcher = try InotifyWatcher(path: folder.path)
        #expect(link(other.path + "/article.txt", folder.path + "/x.txt") == 0)
        let events = await collect(watcher, count: 1)
        #expect(events == [.candidate(name: "x.txt")])
    }

    /// chmod of the watched folder itself (IN_ATTRIB, no name) is reported, so that articles that
    /// arrived while it was unsearchable are rescanned once its permissions are back.
    @Test func aPermissionChangeOfTheFolderIsReported() async throws {
        let folder = TemporaryFolder()
        defer { chmod(folder.path, 0o755); folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path)
        #expect(chmod(folder.path, 0o000) == 0)
        #expect(chmod(folder.path, 0o755) == 0)
        let events = await collect(watcher, count: 1)
        #expect(events == [.folderAttributesChanged])
    }

    @Test func deletingTheFolderIsReportedAsWatchLost() async throws {
        let folder = TemporaryFolder()
        let watcher = try InotifyWatcher(path: folder.path)
        folder.remove()
        let events = await collect(watcher, count: 1)
        #expect(events == [.watchLost])
    }

    @Test func missingFolderThrowsWithENOENT() {
        #expect(throws: InboxError.watchFailed(path: "/nonexistent/inbox", errno: ENOENT, hint: "")) {
            try InotifyWatcher(path: "/nonexistent/inbox")
        }
    }

    @Test func manyRecordsInOneReadAreAllReported() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path)
        for i in 0..<200 { folder.write("n\(i).txt", "x") }
        let events = await collect(watcher, count: 200)
        #expect(Set(events) == Set((0..<200).map { InboxEvent.candidate(name: "n\($0).txt") }))
    }
}

/// IN_ATTRIB on a file still held open by its writer must not look like a finished file.
@Suite struct AttributeEventTests {
    @Test func chmodOfAnOpenFileIsOnlyAnAttributeChange() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path)
        let fd = open(folder.path + "/slow.txt", O_WRONLY | O_CREAT, 0o600)
        #expect(fd >= 0)
        _ = "First chunk.".withCString { write(fd, $0, 12) }
        #expect(fchmod(fd, 0o644) == 0)
        var first: InboxEvent?
        for await event in watcher.events {
            first = event
            break
        }
        #expect(first == .attributesChanged(name: "slow.txt"))
        close(fd)
        var next: InboxEvent?
        for await event in watcher.events {
            next = event
            break
        }
        #expect(next == .candidate(name: "slow.txt"))
        watcher.stop()
    }
}

/// The quiet period after a close (F03: writers that close, re-open and write on).
@Suite struct CloseQuietPeriodTests {
    @Test func closeReopenAndWriteIsReportedOnceAfterTheLastClose() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path, quietPeriod: .seconds(2))
        let path = folder.path + "/f03.txt"
        let started = ContinuousClock.now
        // Headline, close; body appended through a new descriptor 100 ms later, close.
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = "Headline\n\n".withCString { write(fd, $0, 10) }
        close(fd)
        // A thread sleep, not Task.sleep: with the cooperative pool busy with other suites, a
        // task sleep of 100 ms can last longer than the quiet period, and then two reports
        // would be right.
        usleep(100_000)
        fd = open(path, O_WRONLY | O_APPEND)
        _ = "Body.\n".withCString { write(fd, $0, 6) }
        try await Task.sleep(for: .milliseconds(2_500)) // longer than the quiet period, still open
        close(fd)
        var events: [(InboxEvent, Duration)] = []
        let collector = Task {
            var got: [(InboxEvent, Duration)] = []
            for await event in watcher.events { got.append((event, ContinuousClock.now - started)) }
            return got
        }
        try await Task.sleep(for: .milliseconds(3_000))
        watcher.stop()
        events = await collector.value
        #expect(events.map(\.0) == [.candidate(name: "f03.txt")])
        // Not before the last close (after 2.6 s) plus the quiet period.
        #expect((events.first?.1 ?? .zero) >= .milliseconds(4_600))
    }

    /// Two names that differ only in Unicode normalization are two files: each is reported.
    @Test func namesDifferingOnlyInNormalizationAreReportedSeparately() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let watcher = try InotifyWatcher(path: folder.path, quietPeriod: .milliseconds(200))
        let composed = "caf\u{E9}.txt", decomposed = "cafe\u{301}.txt"
        #expect(composed == decomposed) // equal as Swift strings, different bytes on disk
        folder.write(composed, "Composed\n\nOne.\n")
        folder.write(decomposed, "Decomposed\n\nTwo.\n")
        let collector = Task {
            var names: [[UInt8]] = []
            for await event in watcher.events {
                if case .candidate(let name) = event { names.append(Array(name.utf8)) }
            }
            return names
        }
        try await Task.sleep(for: .seconds(3))
        watcher.stop()
        let names = await collector.value
        #expect(names.count == 2)
        #expect(Set(names) == [Array(composed.utf8), Array(decomposed.utf8)])
    }

    /// A complete file renamed in (F05/F06) does not wait for the close quiet period.
    @Test func fileRenamedInIsReportedWithoutTheCloseQuietPeriod() async throws {
        let folder = TemporaryFolder()
        let staging = TemporaryFolder()
        defer { folder.remove(); staging.remove() }
        staging.write("r.txt", "Headline\n\nBody.\n")
        // A close quiet period far longer than any scheduling delay of a busy parallel test run
        // (seconds have been seen): the report must come long before it.
        let watcher = try InotifyWatcher(path: folder.path, quietPeriod: .seconds(60))
        let started = ContinuousClock.now
        #expect(rename(staging.path + "/r.txt", folder.path + "/r.txt") == 0)
        for await event in watcher.events {
            #expect(event == .candidate(name: "r.txt"))
            break
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(30), "a renamed-in file waited for the close quiet period: \(elapsed)")
        watcher.stop()
    }

    /// An empty file renamed in and then filled through a new descriptor (what
    /// `FileManager.createFile` followed by `FileHandle` does): one report, after the close.
    @Test func emptyFileRenamedInThenFilledIsReportedAfterItsClose() async throws {
        let folder = TemporaryFolder()
        let staging = TemporaryFolder()
        defer { folder.remove(); staging.remove() }
        staging.write("m.txt", "")
        let watcher = try InotifyWatcher(path: folder.path, quietPeriod: .milliseconds(1_000))
        let started = ContinuousClock.now
        #expect(rename(staging.path + "/m.txt", folder.path + "/m.txt") == 0)
        let fd = open(folder.path + "/m.txt", O_WRONLY | O_APPEND)
        _ = "Filled.\n".withCString { write(fd, $0, 8) }
        try await Task.sleep(for: .milliseconds(1_500)) // longer than the quiet period, still open
        close(fd)
        for await event in watcher.events {
            #expect(event == .candidate(name: "m.txt"))
            break
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(2_500), "reported before the close plus the quiet period: \(elapsed)")
        watcher.stop()
    }
}

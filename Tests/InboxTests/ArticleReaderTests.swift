import Foundation
import Testing
@testable import Inbox

/// Real files, FIFOs, sockets and symlinks in a real folder.
@Suite struct ArticleReaderTests {
    @Test func readsARegularFile() throws {
        let inbox = TemporaryFolder()
        defer { inbox.remove() }
        inbox.write("a.txt", "Title\n\nBody.")
        let raw = try ArticleReader(inbox: inbox.path, maxBytes: 1000).read(name: "a.txt")
        #expect(raw.bytes == Array("Title\n\nBody.".utf8))
        #expect(raw.size == 12)
    }

    @Test func fifoIsSkippedWithoutBlocking() throws {
        let inbox = TemporaryFolder()
        defer { inbox.remove() }
        #expect(mkfifo(inbox.path + "/pipe.txt", 0o644) == 0)
        #expect(throws: InboxError.notRegularFile(path: ArticleReader(inbox: inbox.path, maxBytes: 10).inbox + "/pipe.txt")) {
            try ArticleReader(inbox: inbox.path, maxBytes: 10).read(name: "pipe.txt")
        }
    }

    @Test func directoryIsNotRegular() throws {
        let inbox = TemporaryFolder()
        defer { inbox.remove() }
        try FileManager.default.createDirectory(atPath: inbox.path + "/folder.txt", withIntermediateDirectories: false)
        let reader = ArticleReader(inbox: inbox.path, maxBytes: 10)
        #expect(throws: InboxError.notRegularFile(path: reader.inbox + "/folder.txt")) { try reader.read(name: "folder.txt") }
    }

    @Test func symlinkOutsideTheInboxIsRefused() throws {
        let inbox = TemporaryFolder()
        let outside = TemporaryFolder()
        defer { inbox.remove(); outside.remove() }
        outside.write("secret.txt", "lime trees")
        symlink(outside.path + "/secret.txt", inbox.path + "/link.txt")
        let reader = ArticleReader(inbox: inbox.path, maxBytes: 100)
        #expect {
            try reader.read(name: "link.txt")
        } throws: { error in
            (error as? InboxError)?.reason == "symlink_outside_inbox"
        }
        symlink("/dev/zero", inbox.path + "/zero.txt")
        #expect {
            try reader.read(name: "zero.txt")
        } throws: { error in
            (error as? InboxError)?.reason == "symlink_outside_inbox"
        }
    }

    @Test func symlinkInsideTheInboxIsFollowed() throws {
        let inbox = TemporaryFolder()
        defer { inbox.remove() }
        inbox.write("real.txt", "Body.")
        symlink("real.txt", inbox.path + "/alias.txt")
        let raw = try ArticleReader(inbox: inbox.path, maxBytes: 100).read(name: "alias.txt")
        #expect(raw.bytes == Array("Body.".utf8))
    }

    @Test func danglingAndLoopingSymlinksGiveTheirErrno() throws {
        let inbox = TemporaryFolder()
        defer { inbox.remove() }
        symlink(inbox.path + "/nowhere.txt", inbox.path + "/dangling.txt")
        symlink("loop-b.txt", inbox.path + "/loop-a.txt")
        symlink("loop-a.txt", inbox.path + "/loop-b.txt")
        let reader = ArticleReader(inbox: inbox.path, maxBytes: 100)
        #expect { try reader.read(name: "dangling.txt") } throws: { ($0 as? InboxError)?.errno == ENOENT }
        #expect { try reader.read(name: "loop-a.txt") } throws: { ($0 as? InboxError)?.errno == ELOOP }
    }

    @Test func tooLargeIsRefused() throws {
        let inbox = TemporaryFolder()
        defer { inbox.remove() }
        inbox.write("big.txt", String(repeating: "a", count: 101))
        #expect { try ArticleReader(inbox: inbox.path, maxBytes: 100).read(name: "big.txt") } throws: {
            ($0 as? InboxError)?.reason == "too_large"
        }
    }
}

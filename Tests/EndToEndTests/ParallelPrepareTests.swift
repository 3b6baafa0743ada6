import Foundation
import Testing

/// Issue 15, point 3: articles are read, extracted and summarized side by side, but recorded and
/// written one by one in arrival order, so the digest is byte for byte that of a serial run.
@Suite(.serialized) struct ParallelPrepareTests {
    /// 300 CNN/DM and 100 BBC articles, five duplicates (same bytes under a name that sorts next
    /// to the original's, so both are likely in one batch: which one is listed depends on the
    /// order of records), one empty and one binary file, all found at start-up, ten at a time
    /// with the same modification time (ties in arrival are broken by record order); every
    /// format. One run with `prepare_workers = 1`, one with 4, into the same output path (the
    /// Atom ids name it).
    @Test func parallelPrepareWritesTheSerialDigestByteForByte() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let fm = FileManager.default
        var sources: [String] = []
        for (set, count) in [("cnndm-dev", 300), ("bbc-dev", 100)] {
            let folder = Repo.shared + "/eval-data/\(set)/docs"
            sources += try fm.contentsOfDirectory(atPath: folder).sorted().prefix(count).map { folder + "/" + $0 }
        }
        try #require(sources.count == 400)
        for source in sources {
            try fm.copyItem(atPath: source, toPath: ws.inbox + "/" + URL(fileURLWithPath: source).lastPathComponent)
        }
        for source in [sources[7], sources[50], sources[123], sources[301], sources[388]] {
            let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
            try fm.copyItem(atPath: source, toPath: ws.inbox + "/" + name + "-copy.txt")
        }
        fm.createFile(atPath: ws.inbox + "/empty.txt", contents: Data("  \n".utf8))
        fm.createFile(atPath: ws.inbox + "/binary.txt", contents: Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0xFF]))
        let base = Date(timeIntervalSince1970: 1_768_478_400) // 2026-01-15 12:00 UTC
        for (i, name) in try fm.contentsOfDirectory(atPath: ws.inbox).sorted().enumerated() {
            try fm.setAttributes([.modificationDate: base.addingTimeInterval(Double(i / 10) * 60)], ofItemAtPath: ws.inbox + "/" + name)
        }

        var logs: [Int: String] = [:]
        for workers in [1, 4] {
            let config = ws.root + "/digestd-\(workers).toml"
            try "timezone = \"UTC\"\nformats = [\"markdown\", \"html\", \"atom\", \"json\"]\nprepare_workers = \(workers)\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let service = try ServiceProcess(ws, arguments: ["--config", config])
            #expect(await service.waitUntilReady())
            let deadline = ContinuousClock.now + .seconds(300)
            while ContinuousClock.now < deadline,
                  service.log.components(separatedBy: "info summarized ").count - 1 < 400
                    || service.log.components(separatedBy: "same content as").count - 1 < 5
                    || warnings(in: service.log, about: "empty.txt").isEmpty
                    || warnings(in: service.log, about: "binary.txt").isEmpty {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(await service.stop() == 0)
            logs[workers] = service.log
            if workers == 1 {
                // The second run starts from nothing but the same inbox and output path.
                try fm.moveItem(atPath: ws.digests, toPath: ws.root + "/serial")
                try fm.removeItem(atPath: ws.state)
            }
        }
        for workers in [1, 4] {
            let log = logs[workers] ?? ""
            #expect(log.components(separatedBy: "info summarized ").count - 1 == 400, "workers \(workers)")
            #expect(log.components(separatedBy: "same content as").count - 1 == 5, "workers \(workers)")
            #expect(warnings(in: log, about: "empty.txt").count == 1, "workers \(workers)")
            #expect(warnings(in: log, about: "binary.txt").count == 1, "workers \(workers)")
        }
        // The serial run took one article at a time; the parallel one prepared batches.
        #expect(!(logs[1] ?? "").contains("side by side"))
        #expect((logs[4] ?? "").contains("articles side by side on 4 threads"))

        let names = try fm.contentsOfDirectory(atPath: ws.root + "/serial").sorted()
        #expect(names == ["2026-01-15.html", "2026-01-15.json", "2026-01-15.md", "feed.atom", "index.html"])
        #expect(try fm.contentsOfDirectory(atPath: ws.digests).sorted() == names)
        for name in names {
            let serial = try Data(contentsOf: URL(fileURLWithPath: ws.root + "/serial/" + name))
            let parallel = try Data(contentsOf: URL(fileURLWithPath: ws.digests + "/" + name))
            // A Bool, not the two files: Swift Testing would diff megabytes in its failure message.
            let same = serial == parallel
            #expect(same, "\(name) differs between 1 and 4 prepare workers")
        }
    }
}

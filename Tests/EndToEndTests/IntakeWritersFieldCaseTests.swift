import Digest
import Foundation
import Testing

/// W-class field cases about how writers put files into the inbox (F01 F03 F05 F06 F07 F08 F11
/// F15), run with each case's own `act.sh` against the built binary on a temporary inbox.
@Suite(.serialized) struct IntakeWritersFieldCaseTests {
    /// F01 (W1): one fd held open across three chunks 2 s apart; nothing read before the close.
    @Test func f01SlowWriterIsTakenOnceCompleteAfterItsClose() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let name = "f01-harbour-dredging.txt"
        let act = try FieldCase("F01").act(ws, [ws.inbox])
        var seenBeforeClose: String?
        while act.isRunning, !act.output.contains("F01: closed") {
            if !entries(ws, source: name).isEmpty { seenBeforeClose = "a digest entry" }
            if let line = logLines(service.log).first(where: { $0.isAbout(name) }) { seenBeforeClose = line.text }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(await act.waitForExit() == 0)
        #expect(seenBeforeClose == nil, "the file was taken before its writer closed it")
        #expect(await eventually(timeout: .seconds(10)) { entries(ws, source: name).count == 1 })
        try await Task.sleep(for: .milliseconds(800))
        let found = entries(ws, source: name)
        #expect(found.count == 1)
        let entry = try #require(found.first)
        #expect(entry.title == "Dredging to start in Port Elwin harbour")
        #expect(entry.sentences.contains { $0.contains("four million crowns") || $0.contains("stay open to ferries") })
        #expect(!entry.sentences.contains { $0.trimmingCharacters(in: .whitespaces) == "CHUNK3-END" })
        #expect(warnings(in: service.log, about: name).isEmpty)
        // Summarized once, from the whole file.
        #expect(logLines(service.log).filter { $0.isAbout(name) && $0.text.contains(" summarized ") }.count == 1)
        #expect(await service.stop() == 0)
    }

    /// F03 (W2): the headline written and closed, then the body appended and closed again.
    @Test func f03TwoClosesGiveOneEntryWithTheBody() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let name = "f03-library-hours.txt"
        #expect(try await FieldCase("F03").act(ws, [ws.inbox]).waitForExit() == 0)
        #expect(await eventually(timeout: .seconds(10)) {
            entries(ws, source: name).first?.sentences.contains { $0.contains("nine in the evening") || $0.contains("survey") } ?? false
        })
        try await Task.sleep(for: .milliseconds(800))
        let found = entries(ws, source: name)
        #expect(found.count == 1, "log:\n\(service.log)")
        #expect(found.first?.title == "Town library extends opening hours")
        #expect(found.first?.sentences.contains { $0 != "Town library extends opening hours" } == true)
        #expect(await service.stop() == 0)
    }

    /// F05 (W3): a `.part` and a `.tmp` file renamed to their final names.
    @Test func f05TempNameThenRenameGivesTwoEntriesAndNoWordOfTheTempNames() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(try await FieldCase("F05").act(ws, [ws.inbox]).waitForExit() == 0)
        #expect(await eventually(timeout: .seconds(10)) { ws.entries().count >= 2 })
        try await Task.sleep(for: .milliseconds(500))
        #expect(ws.entries().map(\.source).sorted() == ["f05-ferry-timetable.txt", "f05-tram-depot.txt"])
        for temp in [".f05-ferry-timetable.txt.part", "f05-tram-depot.txt.tmp"] {
            #expect(!logLines(service.log).contains { $0.isWarningOrWorse && $0.text.contains(temp) })
        }
        #expect(await service.stop() == 0)
    }

    /// F06 (W4): written in a sibling folder and renamed in: a single IN_MOVED_TO.
    @Test func f06RenameInFromASiblingFolderIsTakenAtOnce() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(try await FieldCase("F06").act(ws, [ws.inbox]).waitForExit() == 0)
        let moved = ContinuousClock.now
        // No periodic rescan is configured: only IN_MOVED_TO can bring it in.
        #expect(await eventually(timeout: .seconds(10), interval: .milliseconds(20)) { !entries(ws, source: "f06-flood-barrier.txt").isEmpty })
        let latency = ContinuousClock.now - moved
        #expect(latency < .seconds(2), "took \(latency)")
        #expect(ws.entries().map(\.source) == ["f06-flood-barrier.txt"])
        #expect(await service.stop() == 0)
    }

    /// F07 (W3): vim's save: probe file, swap file, backup rename, new file, deletes.
    @Test func f07EditorSaveDanceReplacesTheEntry() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let name = "f07-school-budget.txt"
        #expect(try await FieldCase("F07").act(ws, [ws.inbox]).waitForExit() == 0)
        // No blank line after its first line: the whole file is body, so look for the revised words.
        let revised = { (entry: MarkdownDigest.Entry) in
            entry.sentences.joined(separator: " ").contains("after a late change")
                || entry.sentences.joined(separator: " ").contains("reversing an earlier delay")
        }
        #expect(await eventually(timeout: .seconds(10)) { entries(ws, source: name).first.map(revised) ?? false })
        try await Task.sleep(for: .milliseconds(800))
        #expect(ws.entries().map(\.source) == [name])
        #expect(entries(ws, source: name).first.map(revised) == true)
        for other in ["4913", "f07-school-budget.txt~", ".f07-school-budget.txt.swp"] {
            #expect(warnings(in: service.log, about: other).isEmpty)
            #expect(!logLines(service.log).contains { $0.isAbout(other) && $0.level == "info" })
        }
        #expect(await service.stop() == 0)
    }

    /// F08 (W3): syncthing/rsync temp files; one renamed, two left behind; also after a restart
    /// and under a periodic rescan (`rescan_interval`).
    @Test func f08SyncToolTempFilesAreNeverTaken() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(try await FieldCase("F08").act(ws, [ws.inbox]).waitForExit() == 0)
        #expect(await eventually(timeout: .seconds(10)) { !ws.entries().isEmpty })
        try await Task.sleep(for: .milliseconds(500))
        #expect(ws.entries().map(\.source) == ["f08-orchard-harvest.txt"])
        let entry = try #require(ws.entries().first)
        let text = entry.sentences.joined(separator: " ")
        for line in ["Record apple harvest in the valley", "records began", "late frost", "large supply"] {
            #expect(text.contains(line), "not in the summary of the four-line article: \(line)")
        }
        #expect(await service.stop() == 0)

        let config = try writeConfiguration(ws, inbox: ["rescan_interval = 1"])
        let again = try ServiceProcess(ws, arguments: ["--config", config])
        #expect(await again.waitUntilReady())
        try await Task.sleep(for: .milliseconds(2_500)) // start-up scan plus two periodic rescans
        #expect(ws.entries().map(\.source) == ["f08-orchard-harvest.txt"])
        for log in [service.log, again.log] {
            for temp in ["~syncthing~f08-mill-closure.txt.tmp", ".f08-bakery.txt.Xa9b2Q", ".syncthing.f08-orchard-harvest.txt.tmp"] {
                #expect(!logLines(log).contains { $0.isWarningOrWorse && $0.text.contains(temp) })
                #expect(logLines(log).filter { $0.isAbout(temp) }.count <= 1)
            }
        }
        #expect(await again.stop() == 0)
    }

    /// F11 (W5): a 3,000-sentence article moved in, then three small ones at once; run twice.
    @Test func f11EventsDuringALongSummaryAreNotLost() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let names = ["f11-council-minutes.txt", "f11-short-1.txt", "f11-short-2.txt", "f11-short-3.txt"]
        #expect(try await FieldCase("F11").act(ws, [ws.inbox]).waitForExit() == 0)
        #expect(await eventually(timeout: .seconds(60), interval: .milliseconds(250)) { ws.entries().count >= 4 }, "log:\n\(service.log.suffix(3000))")
        #expect(ws.entries().map(\.source).sorted() == names)
        // The same files again: nothing new.
        #expect(try await FieldCase("F11").act(ws, [ws.inbox]).waitForExit() == 0)
        try await Task.sleep(for: .seconds(2))
        #expect(ws.entries().map(\.source).sorted() == names)
        #expect(await service.stop() == 0)
    }

    /// F15 (W7): articles present before the start; READY before the summaries; restart adds nothing.
    @Test func f15ArticlesPresentAtStartUpAreTakenOnce() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let names = try FieldCase("F15").copyInputs(to: ws.inbox, age: 3_600)
        #expect(names.count == 3)
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        #expect(await eventually(timeout: .seconds(10)) { ws.entries().count >= 3 })
        #expect(ws.entries().map(\.source).sorted() == names)
        let lines = logLines(service.log)
        let ready = try #require(lines.firstIndex { $0.text.contains(" watching ") })
        let firstSummary = try #require(lines.firstIndex { $0.text.contains(" summarized ") })
        #expect(ready < firstSummary, "READY waited for the summaries")
        #expect(await service.stop() == 0)

        let again = try ServiceProcess(ws)
        #expect(await again.waitUntilReady())
        try await Task.sleep(for: .seconds(1))
        #expect(ws.entries().map(\.source).sorted() == names)
        #expect(!again.log.contains(" summarized "))
        #expect(await again.stop() == 0)
    }

    /// W7: a file still being written when the service starts is taken once, after its close.
    @Test func fileStillBeingWrittenAtStartUpIsTakenOnceComplete() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let name = "still-writing.txt"
        let text = uniqueArticle(7, words: "slow notice") + "The last line says the meeting ends at noon.\n"
        let bytes = Array(text.utf8)
        _ = FileManager.default.createFile(atPath: ws.inbox + "/" + name, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: ws.inbox + "/" + name))
        let chunk = bytes.count / 6 + 1
        handle.write(Data(bytes.prefix(chunk)))
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        for start in stride(from: chunk, to: bytes.count, by: chunk) {
            try await Task.sleep(for: .milliseconds(300))
            handle.write(Data(bytes[start..<min(start + chunk, bytes.count)]))
        }
        #expect(entries(ws, source: name).isEmpty, "taken while still being written")
        try handle.close()
        #expect(await eventually(timeout: .seconds(10)) { !entries(ws, source: name).isEmpty })
        try await Task.sleep(for: .milliseconds(500))
        let found = entries(ws, source: name)
        #expect(found.count == 1)
        #expect(found.first?.title == "Parish slow notice number 7")
        #expect(logLines(service.log).filter { $0.isAbout(name) && ($0.text.contains(" summarized ") || $0.text.contains(" replaced ")) }.count == 1)
        #expect(warnings(in: service.log, about: name).isEmpty)
        #expect(await service.stop() == 0)
    }

    /// W5: 2,000 files at once while the service runs, half written in place and half renamed
    /// in from a staging folder: every one in the digest exactly once.
    @Test func twoThousandFilesAtOnceAreEachTakenExactlyOnce() async throws {
        let ws = Workspace()
        defer { ws.remove() }
        let service = try ServiceProcess(ws)
        #expect(await service.waitUntilReady())
        let count = 2_000
        for i in stride(from: 1, to: count, by: 2) {
            FileManager.default.createFile(atPath: ws.staging + "/burst-\(i).txt", contents: Data(uniqueArticle(i).utf8))
        }
        // Both halves together, as fast as possible.
        for i in 0..<count {
            if i % 2 == 0 {
                FileManager.default.createFile(atPath: ws.inbox + "/burst-\(i).txt", contents: Data(uniqueArticle(i).utf8))
            } else {
                #expect(rename(ws.staging + "/burst-\(i).txt", ws.inbox + "/burst-\(i).txt") == 0)
            }
        }
        #expect(await eventually(timeout: .seconds(120), interval: .milliseconds(500)) { ws.entries().count >= count })
        try await Task.sleep(for: .seconds(1))
        let sources = ws.entries().map(\.source)
        #expect(sources.count == count, "\(sources.count) entries")
        let missing = Set((0..<count).map { "burst-\($0).txt" }).subtracting(sources)
        #expect(missing.isEmpty, "\(missing.count) missing, e.g. \(missing.sorted().prefix(5))")
        #expect(Set(sources).count == sources.count, "duplicate entries")
        #expect(await service.stop() == 0)
    }
}

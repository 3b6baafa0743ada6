import Digest
import Foundation
import Ledger
import Logging
import Testing
@testable import DigestService

/// Day bucketing with an injected clock and zone (F56), through the real pipeline and a real SQLite ledger.
@Suite(.serialized) struct DayBoundaryTests {
    /// Parses `2026-06-14T21:59:59Z` (a new formatter per call: formatters are not Sendable).
    static func utc(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// The F56 oracle rows: zone, UTC instant, local time, expected digest file.
    static func oracle() throws -> [(zone: String, instant: Date, file: String)] {
        let text = try String(contentsOfFile: Repo.shared + "/field-cases/F56/day-boundaries.tsv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 4, let instant = utc(f[1]) else { return nil }
            return (f[0], instant, f[3])
        }
    }

    /// The day depends only on the configured zone, whatever the process TZ says.
    @Test(arguments: [nil, "America/Los_Angeles"] as [String?])
    func oracleRowsMatchUnderAnyProcessTZ(processTZ: String?) throws {
        let saved = getenv("TZ").map { String(cString: $0) }
        if let processTZ { setenv("TZ", processTZ, 1) } else { unsetenv("TZ") }
        tzset()
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        let rows = try Self.oracle()
        #expect(rows.count >= 18)
        for row in rows {
            let calendar = try #require(DayCalendar(identifier: row.zone))
            #expect(calendar.day(of: row.instant) + ".md" == row.file, "\(row.zone) \(row.instant)")
        }
    }

    /// Instants around DST changes and skipped or repeated local midnights (expected values from
    /// Python's zoneinfo on this machine's tzdata).
    @Test(arguments: [
        ("Europe/Berlin", "2026-03-28T22:59:59Z", "2026-03-28"), ("Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29"),
        ("Europe/Berlin", "2026-03-29T01:00:00Z", "2026-03-29"), ("Europe/Berlin", "2026-03-29T21:59:59Z", "2026-03-29"),
        ("Europe/Berlin", "2026-03-29T22:00:00Z", "2026-03-30"),
        ("Europe/Berlin", "2026-10-24T21:59:59Z", "2026-10-24"), ("Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25"),
        ("Europe/Berlin", "2026-10-25T22:59:59Z", "2026-10-25"), ("Europe/Berlin", "2026-10-25T23:00:00Z", "2026-10-26"),
        // Santiago skips midnight on 2026-09-06 (23:59:59 -04 → 01:00 -03).
        ("America/Santiago", "2026-09-06T03:59:59Z", "2026-09-05"), ("America/Santiago", "2026-09-06T04:00:00Z", "2026-09-06"),
        // …and repeats the hour before midnight on 2026-04-04/05 (00:00 -03 → 23:00 -04).
        ("America/Santiago", "2026-04-05T02:59:59Z", "2026-04-04"), ("America/Santiago", "2026-04-05T03:00:00Z", "2026-04-04"),
        ("America/Santiago", "2026-04-05T03:59:59Z", "2026-04-04"), ("America/Santiago", "2026-04-05T04:00:00Z", "2026-04-05"),
        // Havana repeats the first hour of 2026-11-01.
        ("America/Havana", "2026-11-01T04:30:00Z", "2026-11-01"), ("America/Havana", "2026-11-01T05:30:00Z", "2026-11-01"),
    ])
    func dstAndSkippedMidnights(zone: String, instant: String, day: String) throws {
        let calendar = try #require(DayCalendar(identifier: zone))
        #expect(calendar.day(of: try #require(Self.utc(instant))) == day)
    }

    /// A running pipeline (no restart) puts 23:59:50 and 00:00:10 into two digest files, and the
    /// digest prints local times with their offset.
    @Test func articlesEitherSideOfMidnightLandInTwoFiles() throws {
        let folder = NSTemporaryDirectory() + "digestd-day-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for sub in ["inbox", "digests", "state"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.watch = folder + "/inbox"
        configuration.output = folder + "/digests"
        configuration.state = folder + "/state"
        configuration.timezone = "Europe/Paris"
        let ledger = try Ledger(path: folder + "/state/digestd.sqlite")
        let now = LockedDate(try #require(Self.utc("2026-06-14T21:59:50Z"))) // 23:59:50 +02:00
        var pipeline = ArticlePipeline(configuration: configuration, ledger: ledger, logger: Logger(label: "test"), clock: { now.value })
        try "Late news\n\nThe council met late in the evening. It approved the budget.".write(toFile: folder + "/inbox/late.txt", atomically: false, encoding: .utf8)
        guard case .recorded(_, let day1) = pipeline.take(name: "late.txt", foundAtStartup: false) else {
            Issue.record("late.txt not recorded"); return
        }
        now.value = try #require(Self.utc("2026-06-14T22:00:10Z")) // 00:00:10 +02:00
        try "Early news\n\nThe market opened at midnight. Traders were busy.".write(toFile: folder + "/inbox/early.txt", atomically: false, encoding: .utf8)
        guard case .recorded(_, let day2) = pipeline.take(name: "early.txt", foundAtStartup: false) else {
            Issue.record("early.txt not recorded"); return
        }
        #expect(day1 == "2026-06-14")
        #expect(day2 == "2026-06-15")
        let written = try DigestWriter(output: configuration.output, ledger: ledger).writeDirtyDays()
        #expect(written.map(\.day) == ["2026-06-14", "2026-06-15"])
        let late = try String(contentsOfFile: folder + "/digests/2026-06-14.md", encoding: .utf8)
        #expect(late.contains("23:59 +02:00"))
        #expect(!late.contains("Early news"))
        let early = try String(contentsOfFile: folder + "/digests/2026-06-15.md", encoding: .utf8)
        #expect(early.contains("00:00 +02:00"))
    }
}

/// A date that a test moves forward while code under test reads it.
final class LockedDate: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var date: Date
    init(_ date: Date) { self.date = date }
    var value: Date {
        get { lock.lock(); defer { lock.unlock() }; return date }
        set { lock.lock(); date = newValue; lock.unlock() }
    }
}

enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let shared = root + "/../shared"
}

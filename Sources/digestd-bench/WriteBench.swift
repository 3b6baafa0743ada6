import ArgumentParser
import Digest
import Foundation
import Ledger
import Summarizer

/// `digestd-bench write`: the cost of one more digest write as a day grows.
///
/// One ledger (a real SQLite file) and one ``DigestWriter`` in the configured formats, as the
/// service holds them. The day is grown to each size in `--sizes` (articles recorded, then one
/// write, untimed, as the service would have written while the day grew); then `--writes` more
/// articles arrive one at a time, and each `record` + `writeDirtyDays(deferringSync: true)` is
/// timed as the service's work loop does it (the article is summarized before the clock starts;
/// the files are renamed into place without an `fsync`). Then `syncPending()`, the deferred
/// durability step the service runs off the loop at most once a second, is timed on its own
/// (`fdatasync` of each file, one folder `fsync`, the marks cleared). A third column times
/// ``AtomicFile`` alone writing the same bytes again (temporary file, `write(2)`, `rename`, no
/// `fsync`, as the deferred write does): the share of a write that is file output rather than
/// rendering.
///
/// Articles are synthetic, like `bench/run`'s: a title of random words and 12–30 sentences drawn
/// from the evaluation sets' articles, summarized by the real ``Summarizer``; a fixed seed, so
/// every run writes the same days.
struct WriteBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Milliseconds of one more digest write on a day of N articles (ledger + writer, in-process).",
        discussion: """
            Prints one line per day size: median, p90, p99 and max of the timed writes (record + \
            deferred writeDirtyDays), the median of the deferred sync, the files-only time \
            (AtomicFile writing the same bytes again, no fsync) and the bytes written. With --json, \
            one JSON object per size instead.
            """)

    @Option(help: "Day sizes, ascending, comma-separated.") var sizes: String = "10,100,1000,3000,10000"
    @Option(help: "Formats, comma-separated (markdown is always written).") var formats: String = "markdown,html,atom"
    @Option(help: "Timed writes at each size, one new article each.") var writes: Int = 20
    @Option(help: "Earlier days already in the ledger (they share feed.atom with the grown day).") var previousDays: Int = 0
    @Option(help: "Articles in each earlier day.") var previousSize: Int = 200
    @Option(help: "Folders whose *.txt articles give the sentences (default: ../shared/eval-data/{cnndm,bbc}-dev/docs).")
    var corpus: [String] = []
    @Option(help: "Scratch folder (default: a new one under the temporary folder, removed afterwards).") var scratch: String?
    @Flag(help: """
        Keep the scratch folder's ledger and grow on from what it holds (with --scratch): a day recorded by an earlier         run is not summarized again, so that a profiler (callgrind) spends its time on the timed writes.
        """)
    var reuse = false
    @Flag(help: "One JSON object per size.") var json = false
    @Flag(help: "Also print, per size, the median of each phase of the timed writes (DigestWriter.lastWritePhases).")
    var phases = false

    func run() throws {
        let sizes = self.sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let formats = self.formats.split(separator: ",").compactMap { DigestFormat(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes == sizes.sorted() else { throw ValidationError("--sizes must be ascending numbers") }
        let folders = corpus.isEmpty
            ? ["../shared/eval-data/cnndm-dev/docs", "../shared/eval-data/bbc-dev/docs"] : corpus
        var factory = try SyntheticArticles(folders: folders, seed: 60)

        let base = scratch ?? (NSTemporaryDirectory() + "/digestd-bench-write-\(getpid())")
        let output = base + "/digests"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        defer { if scratch == nil { try? FileManager.default.removeItem(atPath: base) } }
        let ledger = try Ledger(path: base + "/digestd.sqlite")
        let writer = DigestWriter(output: output, ledger: ledger, formats: formats)
        let summarizer = Summarizer(options: SummaryOptions(sentences: 3))

        var serial = 0
        // 2026-11-30 00:00:00 UTC, in milliseconds; one article a second.
        let dayStart: Int64 = 1_795_996_800_000
        func next(day: String, dayIndex: Int) -> ArticleRecord {
            serial += 1
            let text = factory.article(serial)
            let summary = summarizer.summarize(text)
            let article = ArticleRecord(
                path: "/srv/inbox/bench-\(String(format: "%06d", serial)).txt", sha256: Self.hex(serial),
                size: text.utf8.count, arrivedAt: dayStart - Int64(dayIndex) * 86_400_000 + Int64(serial) * 1000,
                utcOffset: 0, day: day, title: summary.title ?? "", sentences: summary.sentences.map(\.text),
                keywords: summary.keywords, wordCount: summary.wordCount, sentenceCount: summary.sentenceCount,
                language: summary.language, boilerplateDropped: summary.boilerplateLines)
            return article
        }
        func record(day: String, dayIndex: Int) throws {
            _ = try ledger.record(next(day: day, dayIndex: dayIndex), mtimeNanoseconds: 0)
        }
        let day = Self.day(offset: 0)
        var count = 0
        var recorded = 0
        if reuse, scratch != nil {
            // The same articles in the same order: those recorded are skipped, their text drawn
            // again (cheap) so that the generator goes on where the earlier run stopped.
            for held in try ledger.days() { recorded += try ledger.articles(day: held).count }
            count = try ledger.articles(day: day).count
            while serial < recorded {
                serial += 1
                _ = factory.article(serial)
            }
        }
        for d in stride(from: previousDays, through: 1, by: -1) where recorded == 0 {
            let day = Self.day(offset: d)
            for _ in 0..<previousSize { try record(day: day, dayIndex: d) }
        }
        let clock = ContinuousClock()
        for size in sizes {
            var grown = false
            while count < size { try record(day: day, dayIndex: 0); count += 1; grown = true }
            try writer.writeDirtyDays()
            // A day reused as it was (nothing recorded, so nothing marked) is still rendered once,
            // untimed, so that the timed writes find the writer's copy of it as the service would.
            if !grown { try writer.write(day: day) }
            var times: [Double] = []
            var fileTimes: [Double] = []
            var syncTimes: [Double] = []
            var bytes = 0
            var phaseTimes: [(name: String, values: [Double])] = []
            for _ in 0..<max(1, writes) {
                // Read and summarized before the clock starts: the time is the ledger's and the writer's.
                let article = next(day: day, dayIndex: 0)
                let elapsed = try clock.measure {
                    _ = try ledger.record(article, mtimeNanoseconds: 0)
                    try writer.writeDirtyDays(deferringSync: true)
                }
                count += 1
                times.append(Self.milliseconds(elapsed))
                for (name, duration) in writer.lastWritePhases {
                    if let i = phaseTimes.firstIndex(where: { $0.name == name }) {
                        phaseTimes[i].values.append(Self.milliseconds(duration))
                    } else {
                        phaseTimes.append((name, [Self.milliseconds(duration)]))
                    }
                }
                syncTimes.append(Self.milliseconds(try clock.measure { try writer.syncPending() }))
                let files = writer.dayFiles(day: day) + writer.sharedFiles
                let contents = files.map { (path: $0, bytes: (try? Data(contentsOf: URL(fileURLWithPath: $0))) ?? Data()) }
                bytes = contents.reduce(0) { $0 + $1.bytes.count }
                fileTimes.append(Self.milliseconds(try clock.measure {
                    // As the deferred write does: each file written and renamed, no fsync.
                    for file in contents {
                        try AtomicFile.write(String(decoding: file.bytes, as: UTF8.self), to: file.path, syncFolder: false, durable: false)
                    }
                }))
                // Those rewrites synced outside the timed writes, so the next timed sync is a write's.
                for file in contents { try AtomicFile.syncData(of: file.path) }
            }
            let s = times.sorted(), f = fileTimes.sorted(), y = syncTimes.sorted()
            if json {
                print("{\"size\": \(size), \"writes\": \(s.count), \"median_ms\": \(Self.f(Self.pct(s, 50))), "
                      + "\"p90_ms\": \(Self.f(Self.pct(s, 90))), \"p99_ms\": \(Self.f(Self.pct(s, 99))), "
                      + "\"max_ms\": \(Self.f(s.last ?? 0)), \"sync_median_ms\": \(Self.f(Self.pct(y, 50))), "
                      + "\"files_median_ms\": \(Self.f(Self.pct(f, 50))), "
                      + "\"bytes\": \(bytes), \"formats\": \"\(formats.map(\.rawValue).joined(separator: ","))\"}")
            } else {
                print(String(format: "day of %6d: write median %8.2f ms  p90 %8.2f  p99 %8.2f  max %8.2f  | sync median %7.2f ms | files alone median %7.2f ms | %9d bytes",
                             size, Self.pct(s, 50), Self.pct(s, 90), Self.pct(s, 99), s.last ?? 0, Self.pct(y, 50), Self.pct(f, 50), bytes))
            }
            if phases {
                print("  phases (median ms): " + phaseTimes.map { "\($0.name) \(Self.f(Self.pct($0.values.sorted(), 50)))" }
                    .joined(separator: ", "))
            }
            fflush(nil)
        }
    }

    /// The nearest-rank percentile `p` of ascending `values`.
    static func pct(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(values.count)).rounded(.up))
        return values[min(values.count - 1, max(0, rank - 1))]
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    static func f(_ v: Double) -> String { String(format: "%.3f", v) }

    static func hex(_ n: Int) -> String {
        let digits = String(n, radix: 16)
        return String(repeating: "0", count: 64 - digits.count) + digits
    }

    /// `2026-11-30` minus `offset` days.
    static func day(offset: Int) -> String {
        var components = DateComponents()
        components.year = 2026
        components.month = 11
        components.day = 30 - offset
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let date = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

/// Distinct plausible news articles built from the sentences of real ones (as `bench/run`'s
/// `ArticleFactory`): a title of 4–8 random words and 12–30 sampled sentences in paragraphs of
/// three. Deterministic for a seed.
struct SyntheticArticles {
    private var state: UInt64
    private let sentences: [String]
    private let words: [String]

    init(folders: [String], seed: UInt64) throws {
        state = seed
        var sentences: [String] = []
        for folder in folders {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
            for name in names {
                guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                let body = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).joined()
                for s in SentenceSegmenter().segment(body) {
                    let s = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    if (40...300).contains(s.count), let last = s.last, ".!?\"'".contains(last) { sentences.append(s) }
                }
            }
        }
        guard sentences.count >= 30 else { throw ValidationError("too few sentences in \(folders)") }
        self.sentences = sentences
        var words = Set<String>()
        for s in sentences.prefix(4000) {
            for w in s.split(whereSeparator: { !$0.isLetter }) where w.count >= 4 && w.allSatisfy(\.isASCII) { words.insert(String(w)) }
        }
        self.words = words.sorted()
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    mutating func article(_ k: Int) -> String {
        let titleWords = (0..<(4 + below(5))).map { _ in words[below(words.count)] }
        let title = titleWords.joined(separator: " ").capitalized + " \(k)"
        var chosen: [String] = []
        var used = Set<Int>()
        let n = 12 + below(19)
        while chosen.count < n {
            let i = below(sentences.count)
            if used.insert(i).inserted { chosen.append(sentences[i]) }
        }
        let paragraphs = stride(from: 0, to: chosen.count, by: 3).map { chosen[$0..<min(chosen.count, $0 + 3)].joined(separator: " ") }
        return title + "\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
    }
}

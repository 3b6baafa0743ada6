import ArgumentParser
import Foundation
import Summarizer

/// Scoring and benchmark driver for the Summarizer core.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digestd-bench",
        abstract: "Scoring and benchmark driver for the Summarizer core.",
        subcommands: [Summarize.self, Segment.self, Evaluate.self, Throughput.self, WriteBench.self])
}

/// Ranking weights that can be overridden on the command line, for tuning on dev sets.
struct WeightOptions: ParsableArguments {
    @Option(help: "TextRank centrality weight.") var centrality: Double?
    @Option(help: "PACSUM (directed centrality) weight.") var directed: Double?
    @Option(help: "PACSUM backward edge weight (lambda1).") var backward: Double?
    @Option(help: "PACSUM edge threshold (beta).") var threshold: Double?
    @Option(help: "Position prior weight.") var position: Double?
    @Option(help: "Position prior decay exponent.") var decay: Double?
    @Option(help: "Position prior budget exponent.") var budget: Double?
    @Option(help: "Headline similarity weight.") var title: Double?
    @Option(help: "MMR redundancy penalty.") var redundancy: Double?
    @Option(help: "Long sentence words.") var long: Int?
    @Option(help: "Short sentence threshold in content words.") var short: Int?
    @Option(help: "Budget share where position signals vanish.") var shareLimit: Double?
    @Option(help: "How far the long-sentence penalty follows the budget (0-1).") var longBudget: Double?
    @Option(help: "Back-reference (pronoun-led) penalty.") var pronoun: Double?
    @Option(help: "Replace back-referencing sentences by their antecedent (0/1).") var repair: Int?
    @Option(help: "Open-quotation penalty.") var quote: Double?
    @Option(help: "Length prior exponent at full budget factor (negative favours short sentences).") var lengthPrior: Double?
    @Option(help: "Budget factor below which headline similarity and redundancy fade (0 = never).") var adjustment: Double?

    var weights: RankingWeights {
        var w = RankingWeights()
        if let centrality { w.centrality = centrality }
        if let directed { w.directed = directed }
        if let backward { w.directedBackward = backward }
        if let threshold { w.directedThreshold = threshold }
        if let position { w.position = position }
        if let decay { w.positionDecay = decay }
        if let budget { w.positionBudgetExponent = budget }
        if let title { w.title = title }
        if let redundancy { w.redundancy = redundancy }
        if let short { w.shortSentenceWords = short }
        if let long { w.longSentenceWords = long }
        if let shareLimit { w.positionShareLimit = shareLimit }
        if let longBudget { w.longSentenceBudget = longBudget }
        if let pronoun { w.backReferencePenalty = pronoun }
        if let repair { w.repairsBackReferences = repair != 0 }
        if let quote { w.openQuotationPenalty = quote }
        if let lengthPrior { w.lengthPrior = lengthPrior }
        if let adjustment { w.adjustmentFactor = adjustment }
        return w
    }
}

func readInput(_ path: String?) throws -> String {
    if let path, path != "-" {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return String(decoding: data, as: UTF8.self)
    }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self)
}

struct Summarize: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the chosen sentences of an article, one per line, in document order.")
    @Argument(help: "Article file (headline, blank line, body), or - for stdin.") var file: String?
    @Option(name: .short, help: "Number of sentences.") var n: Int = 3
    @Option(help: "Choose round(ratio x sentences) instead of -n.") var ratio: Double?
    @Option(help: "Snowball language; detected when omitted.") var language: String?
    @OptionGroup var tuning: WeightOptions

    func run() throws {
        let options = SummaryOptions(sentences: n, ratio: ratio, language: language, weights: tuning.weights)
        let summary = Summarizer(options: options).summarize(try readInput(file))
        print(summary.sentences.map(\.text).joined(separator: "\n"))
    }
}

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the sentences of a body text (stdin or file), one per line.")
    @Argument(help: "Body text file, or - for stdin.") var file: String?
    @Option(help: "Snowball language.") var language: String = "english"

    func run() throws {
        for sentence in SentenceSegmenter(language: language).segment(try readInput(file)) {
            print(sentence)
        }
    }
}

/// One article of an evaluation set with its reference summary.
struct EvalDocument {
    let id: String
    let text: String
    let reference: [String]
    let budget: Int
}

func loadSet(_ directory: String, limit: Int?) throws -> [EvalDocument] {
    let base = URL(fileURLWithPath: directory)
    let refs = try String(decoding: Data(contentsOf: base.appendingPathComponent("refs.jsonl")), as: UTF8.self)
    var documents: [EvalDocument] = []
    for line in refs.split(separator: "\n") where !line.isEmpty {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = object["id"] as? String, let reference = object["reference"] as? [String] else { continue }
        let budget = object["n_budget"] as? Int ?? 3
        let text = try String(decoding: Data(contentsOf: base.appendingPathComponent("docs/\(id).txt")), as: UTF8.self)
        documents.append(EvalDocument(id: id, text: text, reference: reference, budget: budget))
        if let limit, documents.count >= limit { break }
    }
    return documents
}

/// ROUGE-1, ROUGE-2 and summary-level ROUGE-L (Lin, "ROUGE: A Package for Automatic
/// Evaluation of Summaries", 2004), approximating the `rouge-score` package: lower-case
/// alphanumeric tokens, Porter stems for tokens longer than 3 characters, F1.
final class Rouge {
    private let stemmer = SnowballStemmer(language: "porter")

    func tokens(_ text: String) -> [String] {
        let lowered = text.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : " " }
        return String(lowered).split(separator: " ").map { $0.count > 3 ? stemmer.stem(String($0)) : String($0) }
    }

    func scores(hypothesis: [String], reference: [String]) -> (Double, Double, Double) {
        let hyp = hypothesis.map(tokens)
        let ref = reference.map(tokens)
        let hypFlat = hyp.flatMap { $0 }
        let refFlat = ref.flatMap { $0 }
        func ngramF(_ n: Int) -> Double {
            func grams(_ t: [String]) -> [String: Int] {
                var counts: [String: Int] = [:]
                if t.count >= n { for i in 0...(t.count - n) { counts[t[i..<(i + n)].joined(separator: " "), default: 0] += 1 } }
                return counts
            }
            let h = grams(hypFlat), r = grams(refFlat)
            let overlap = h.reduce(0) { $0 + min($1.value, r[$1.key] ?? 0) }
            let hTotal = h.values.reduce(0, +), rTotal = r.values.reduce(0, +)
            return f1(overlap, hTotal, rTotal)
        }
        // Summary-level LCS: union of LCS hits of each reference sentence against all
        // hypothesis sentences, with token counts capped as rouge-score does.
        var hypCounts: [String: Int] = [:]
        for t in hypFlat { hypCounts[t, default: 0] += 1 }
        var refCounts: [String: Int] = [:]
        for t in refFlat { refCounts[t, default: 0] += 1 }
        var hits = 0
        for r in ref {
            var union = Set<Int>()
            for h in hyp { union.formUnion(lcsPositions(r, h)) }
            for position in union.sorted() {
                let token = r[position]
                if (hypCounts[token] ?? 0) > 0, (refCounts[token] ?? 0) > 0 {
                    hits += 1
                    hypCounts[token]! -= 1
                    refCounts[token]! -= 1
                }
            }
        }
        return (ngramF(1), ngramF(2), f1(hits, hypFlat.count, refFlat.count))
    }

    private func f1(_ overlap: Int, _ hypTotal: Int, _ refTotal: Int) -> Double {
        guard overlap > 0, hypTotal > 0, refTotal > 0 else { return 0 }
        let p = Double(overlap) / Double(hypTotal), r = Double(overlap) / Double(refTotal)
        return 2 * p * r / (p + r)
    }

    private func lcsPositions(_ a: [String], _ b: [String]) -> [Int] {
        guard !a.isEmpty, !b.isEmpty else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 1...a.count {
            for j in 1...b.count {
                table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : max(table[i - 1][j], table[i][j - 1])
            }
        }
        var positions: [Int] = []
        var i = a.count, j = b.count
        while i > 0, j > 0 {
            if a[i - 1] == b[j - 1] { positions.append(i - 1); i -= 1; j -= 1 } else if table[i - 1][j] >= table[i][j - 1] { i -= 1 } else { j -= 1 }
        }
        return positions
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Approximate ROUGE of the summarizer on an evaluation set, in-process (for tuning; the official numbers come from rouge_table.py).")
    @Argument(help: "Set folder with docs/ and refs.jsonl.") var directory: String
    @Option(help: "Only the first N documents.") var limit: Int?
    @Flag(help: "Score Lead-k (first k segmented sentences) instead.") var lead = false
    @Option(help: "Also write one line per document to this file: id, R-1, R-2, R-Lsum (tab-separated, F1 x 100), for paired comparisons and folds.") var perDocument: String?
    @OptionGroup var tuning: WeightOptions

    func run() throws {
        let documents = try loadSet(directory, limit: limit)
        let rouge = Rouge()
        var totals = (0.0, 0.0, 0.0)
        var words = 0
        var positions = [Int](repeating: 0, count: 6)
        var lines: [String] = []
        for document in documents {
            let summarizer = Summarizer(options: SummaryOptions(sentences: document.budget, weights: tuning.weights))
            let hypothesis: [String]
            if lead {
                let article = Article(text: document.text)
                hypothesis = Array(SentenceSegmenter().segment(article.body).prefix(document.budget))
            } else {
                hypothesis = summarizer.summarize(document.text).sentences.map(\.text)
            }
            words += hypothesis.reduce(0) { $0 + $1.split(separator: " ").count }
            if !lead {
                for sentence in summarizer.summarize(document.text).sentences { positions[min(5, sentence.index)] += 1 }
            }
            let s = rouge.scores(hypothesis: hypothesis, reference: document.reference)
            totals = (totals.0 + s.0, totals.1 + s.1, totals.2 + s.2)
            lines.append(String(format: "%@\t%.4f\t%.4f\t%.4f", document.id, 100 * s.0, 100 * s.1, 100 * s.2))
        }
        if let perDocument {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: perDocument))
        }
        let n = Double(max(1, documents.count))
        print(String(format: "R-1 %.2f  R-2 %.2f  R-Lsum %.2f  (%d docs, %.1f words/summary, positions 0-4,5+: %@)",
                     100 * totals.0 / n, 100 * totals.1 / n, 100 * totals.2 / n, documents.count,
                     Double(words) / n, positions.map(String.init).joined(separator: " ")))
    }
}

struct Throughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Articles per second and MB per second of the summarizer over a set, in one process.",
        discussion: """
            Each pass summarizes every article of the set once; the rate printed is the median \
            over the passes (the machine may be shared, so one slow pass says little). With \
            --threads N the articles of a pass are shared among N threads.
            """)
    @Argument(help: "Set folder with docs/ and refs.jsonl.") var directory: String
    @Option(help: "Passes over the set.") var passes: Int = 3
    @Option(name: .short, help: "Sentences per summary.") var n: Int = 3
    @Option(help: "Threads summarizing at once (1 = the calling thread only).") var threads: Int = 1
    @Flag(help: "One cold pass in this fresh process instead of the median of --passes (see runCold).") var cold = false

    func run() throws {
        if cold { return try runCold() }
        let documents = try loadSet(directory, limit: nil)
        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
        let summarizer = Summarizer(options: SummaryOptions(sentences: n))
        let threads = max(1, threads)
        let checksum = Checksum()
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for _ in 0..<max(1, passes) {
            let elapsed = clock.measure {
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    var local = 0
                    for index in stride(from: thread, to: documents.count, by: threads) {
                        local &+= summarizer.summarize(documents[index].text).sentences.count
                    }
                    checksum.add(local)
                }
            }
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let median = seconds.sorted()[seconds.count / 2]
        print(String(format: "%d articles x %d passes, %d thread(s), median pass %.3f s: %.1f articles/s, %.2f MB/s (checksum %d)",
                     documents.count, seconds.count, threads, median, Double(documents.count) / median,
                     Double(bytes) / 1_000_000 / median, checksum.value))
    }
}

/// A sum shared by the benchmark threads (keeps the summaries from being optimised away).
final class Checksum: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ value: Int) { lock.lock(); total &+= value; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return total }
}

extension Throughput {
    /// `--cold`: one pass over the set in this fresh process, every article once, nothing run
    /// before it, so that the tables and the process-wide stem cache start empty, as for the
    /// first articles a service takes after start-up. The timed span starts before the
    /// ``Summarizer`` is made and ends when the last thread is done; reading the set's files is
    /// not timed.
    ///
    /// Prints one line: `cold pass: N articles, T thread(s), S s: R articles/s, M MB/s
    /// (checksum C)`, with S in seconds (monotonic clock), R articles per second, M megabytes
    /// (10^6 bytes of UTF-8) per second.
    /// - Throws: what reading the set throws.
    func runCold() throws {
        let documents = try loadSet(directory, limit: nil)
        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
        let threads = max(1, threads)
        let checksum = Checksum()
        let elapsed = ContinuousClock().measure {
            let summarizer = Summarizer(options: SummaryOptions(sentences: n))
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var local = 0
                for index in stride(from: thread, to: documents.count, by: threads) {
                    local &+= summarizer.summarize(documents[index].text).sentences.count
                }
                checksum.add(local)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("cold pass: \(documents.count) articles, \(threads) thread(s), "
            + String(format: "%.3f s: %.1f articles/s, %.2f MB/s (checksum %d)",
                     seconds, Double(documents.count) / seconds, Double(bytes) / 1_000_000 / seconds, checksum.value))
    }
}

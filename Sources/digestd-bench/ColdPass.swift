import Dispatch
import Summarizer

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

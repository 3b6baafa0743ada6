import Foundation
import Testing
@testable import Digest
import Ledger

@Suite struct TopStoriesExploration {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DIGEST_EXPLORE"] != nil))
    func distribution() {
        let names = EvalArticles.bbcNames()
        let records = names.enumerated().map { EvalArticles.record(name: $1, text: EvalArticles.text($1), arrival: $0) }
        let vectors = TermVectorBuilder().articleVectors(records)
        var values: [(Double, Int, Int)] = []
        for i in records.indices { for j in records.indices where j > i { values.append((vectors[i].cosine(vectors[j]), i, j)) } }
        values.sort { $0.0 > $1.0 }
        let all = values.map(\.0).sorted()
        for q in [0.5, 0.9, 0.99, 0.999, 0.9999] { print("q\(q): \(all[Int(Double(all.count - 1) * q)])") }
        for (v, i, j) in values.prefix(25) { print(String(format: "%.3f", v), records[i].title, "|", records[j].title) }
        var copies: [Double] = []
        for (k, name) in names.enumerated() where k % 10 == 0 {
            let text = EvalArticles.text(name)
            for trim in [false, true] {
                let copy = EvalArticles.record(name: "copy-" + name, text: EvalArticles.nearCopy(of: text, trim: trim), arrival: 999)
                copies.append(TopStories.similarity(records[k], copy))
            }
        }
        copies.sort()
        print("near copies min/q10/median:", copies[0], copies[copies.count / 10], copies[copies.count / 2])
        print("lowest copies:", copies.prefix(6))
    }
}

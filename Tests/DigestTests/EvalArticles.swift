import Foundation
import Ledger
import Summarizer

/// Real articles from `shared/eval-data`, summarized as the service would, for digest tests.
enum EvalArticles {
    /// `shared/eval-data/bbc-dev/docs` beside the repository (CI lays `shared/` next to the clone).
    static let bbcFolder: String? = {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = repo.deletingLastPathComponent().appendingPathComponent("shared/eval-data/bbc-dev/docs").path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }()

    static var available: Bool { bbcFolder != nil }

    /// File names of the BBC articles, sorted.
    static func bbcNames() -> [String] {
        guard let folder = bbcFolder else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    static func text(_ name: String) -> String {
        guard let folder = bbcFolder else { return "" }
        return (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
    }

    /// An article row for `text` as the pipeline records it: first line title, 3-sentence summary.
    static func record(name: String, text: String, arrival: Int) -> ArticleRecord {
        let summary = Summarizer(options: SummaryOptions(sentences: 3)).summarize(text)
        let title = summary.title ?? name
        return ArticleRecord(path: "/srv/inbox/" + name, sha256: String(repeating: "0", count: 64), size: text.utf8.count,
                             arrivedAt: 1_764_410_400_000 + Int64(arrival) * 60_000, utcOffset: 3600, day: "2026-11-29",
                             title: title, sentences: summary.sentences.map(\.text), keywords: summary.keywords,
                             wordCount: summary.wordCount, sentenceCount: summary.sentenceCount, language: summary.language)
    }

    /// A near-copy of an article text: the same story with a new title and a reworded lead
    /// paragraph; `trim` also drops every other later paragraph (another outlet's shorter cut).
    static func nearCopy(of text: String, trim: Bool) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard paragraphs.count >= 3 else { return text }
        let title = paragraphs[0]
        let newTitle = "Update: " + title.lowercased()
        let lead = "Reports on Monday confirmed what had been expected for some days, as officials and observers reacted to the news."
        var rest = Array(paragraphs.dropFirst(2))
        if trim { rest = rest.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
        return ([newTitle, lead] + rest).joined(separator: "\n\n") + "\n"
    }
}

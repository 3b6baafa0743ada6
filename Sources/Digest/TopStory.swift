import Foundation
import Ledger
import Summarizer

/// One story reported by several of the day's articles.
package struct TopStory: Sendable, Hashable {
    /// The headline shown for the story: the title of its earliest article.
    package let headline: String
    /// The multi-document summary: sentences taken verbatim from the members' summaries,
    /// in the order the articles arrived (then their order in each summary).
    package let summary: [String]
    /// Indices of the member articles in the day's arrival-ordered list, ascending; at least two.
    package let members: [Int]
}

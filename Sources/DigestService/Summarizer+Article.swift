import Inbox
import Summarizer

extension Summarizer {
    /// Summarizes an article as read by ``ArticleExtractor``: with the title its format names,
    /// or, for plain text (and Markdown without a heading), with the summarizer's first-line rule.
    /// - Parameter article: the reduced article.
    /// - Returns: as ``Summarizer/summarize(title:body:)``.
    package func summarize(_ article: ExtractedArticle) -> Summary {
        article.title.map { summarize(title: $0, body: article.body) } ?? summarize(article.body)
    }
}

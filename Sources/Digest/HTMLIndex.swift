/// Renders `index.html`: the days that have a digest, newest first, each linking to its page.
package enum HTMLIndex {
    /// One listed day.
    package struct Day: Sendable, Equatable {
        /// `YYYY-MM-DD`.
        package let day: String
        /// Articles recorded for the day.
        package let articles: Int

        package init(day: String, articles: Int) {
            self.day = day
            self.articles = articles
        }
    }

    /// The index page.
    /// - Parameters:
    ///   - days: the days to list, in any order; shown newest first.
    ///   - feed: whether `feed.atom` is written (the page then links to it).
    /// - Throws: ``DigestTemplateError`` only when this build's templates are broken.
    package static func render(days: [Day], feed: Bool) throws(DigestTemplateError) -> String {
        try DigestTemplates.render(IndexView(days: days, feed: feed), template: "index")
    }
}

struct IndexView {
    struct DayView {
        let day: String
        let href: String
        let longDate: String
        let articles: String
    }

    let countLine: String
    let hasFeed: Bool
    let days: [DayView]

    init(days: [HTMLIndex.Day], feed: Bool) {
        self.days = days.sorted { $0.day > $1.day }.map {
            DayView(day: $0.day, href: ArticleFacts.percentEncode($0.day + ".html"), longDate: MarkdownDigest.longDate($0.day),
                    articles: $0.articles == 1 ? "1 article" : "\($0.articles) articles")
        }
        countLine = days.count == 1 ? "1 day" : "\(days.count) days"
        hasFeed = feed
    }
}

/// The Summarizer's process-wide caches, all rebuildable: the per-language tables
/// (``LanguageMemo``: abbreviations, nonbreaking prefixes, stopwords, CLDR suppressions, month
/// names; the per-language ``TokenAnalysisCache``) and the Snowball stem cache
/// (``SnowballStemmer``). Summaries do not depend on them.
package enum SummarizerCaches {
    /// Empties every cache, for an idle service. The next article reads its language's tables
    /// again from their data files and stems its words again; its summary is the same.
    package static func releaseAll() {
        LanguageMemos.releaseAll()
        SnowballStemmer.releaseCache()
    }

    /// Entries held: languages kept over every table plus stems kept (0 after ``releaseAll()``).
    package static var entries: Int {
        LanguageMemos.entries + SnowballStemmer.cachedStems
    }
}

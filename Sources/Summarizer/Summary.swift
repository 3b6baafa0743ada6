/// What the summarizer returns for one article.
package struct Summary: Sendable, Equatable {
    /// The headline found in the text (see ``Article``), or `nil` when the text has none.
    package let title: String?
    /// The chosen sentences, in document order; never more than asked for, never padded.
    package let sentences: [Sentence]
    /// A handful of surface-form key terms or phrases, most important first.
    package let keywords: [String]
    /// Number of words in the body.
    package let wordCount: Int
    /// Number of sentences in the body.
    package let sentenceCount: Int
    /// The Snowball language name used for stemming and stopwords, e.g. `"english"`.
    package let language: String
    /// Non-blank lines of the body that ``BoilerplateFilter`` dropped (bylines, share prompts,
    /// a trailing "Most read" block).
    package let boilerplateLines: Int

    /// A summary value; see the properties for the meaning of each field.
    package init(title: String?, sentences: [Sentence], keywords: [String], wordCount: Int, sentenceCount: Int, language: String,
                boilerplateLines: Int = 0) {
        self.boilerplateLines = boilerplateLines
        self.title = title
        self.sentences = sentences
        self.keywords = keywords
        self.wordCount = wordCount
        self.sentenceCount = sentenceCount
        self.language = language
    }
}

/// One sentence of an article body, as it stands in the text.
public struct Sentence: Sendable, Equatable, Hashable {
    /// The sentence text, verbatim from the article (inner line breaks folded to one space).
    public let text: String
    /// Zero-based position of the sentence among the body's sentences.
    public let index: Int

    /// A sentence with its zero-based position in the body.
    public init(text: String, index: Int) {
        self.text = text
        self.index = index
    }
}

/// What the summarizer returns for one article.
public struct Summary: Sendable, Equatable {
    /// The headline found in the text (see ``Article``), or `nil` when the text has none.
    public let title: String?
    /// The chosen sentences, in document order; never more than asked for, never padded.
    public let sentences: [Sentence]
    /// A handful of surface-form key terms or phrases, most important first.
    public let keywords: [String]
    /// Number of words in the body.
    public let wordCount: Int
    /// Number of sentences in the body.
    public let sentenceCount: Int
    /// The Snowball language name used for stemming and stopwords, e.g. `"english"`.
    public let language: String
    /// Non-blank lines of the body that ``BoilerplateFilter`` dropped (bylines, share prompts,
    /// a trailing "Most read" block).
    public let boilerplateLines: Int

    /// A summary value; see the properties for the meaning of each field.
    public init(title: String?, sentences: [Sentence], keywords: [String], wordCount: Int, sentenceCount: Int, language: String,
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

/// Settings for one summary, as an immutable value.
public struct SummaryOptions: Sendable, Equatable {
    /// How many sentences to choose (at least 1). A shorter article yields all of its sentences.
    public var sentences: Int
    /// When set, choose `round(ratio × sentenceCount)` sentences, at least 1, instead of ``sentences``.
    public var ratio: Double?
    /// A Snowball language name (`"english"`, `"german"`, …) or `nil` to detect the language.
    public var language: String?
    /// How the ranking weighs centrality, position, headline and redundancy. The defaults
    /// were tuned on the development sets; change them only to experiment.
    public var weights: RankingWeights

    /// Settings for a summary: `sentences` (values below 1 count as 1), an optional `ratio`
    /// in (0, 1], a Snowball `language` or `nil` to detect it, and the ranking `weights`.
    public init(sentences: Int = 3, ratio: Double? = nil, language: String? = nil, weights: RankingWeights = RankingWeights()) {
        self.sentences = sentences
        self.ratio = ratio
        self.language = language
        self.weights = weights
    }
}

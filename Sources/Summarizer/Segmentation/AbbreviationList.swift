import Synchronization

/// The abbreviations a ``SentenceSegmenter`` knows for one language, plus English.
///
/// Lookups take the word before a period, without that period, in any case.
struct AbbreviationList: Sendable {
    let language: String
    private let kinds: [String: AbbreviationKind]
    /// Whether numbers followed by a period are ordinals in this language (`am 3. Oktober`).
    let usesOrdinalPeriods: Bool

    init(language: String) {
        let language = language.lowercased()
        self.language = language
        // Built once per process and language: a segmenter is made for every article.
        self.kinds = Self.table(Self.data[language] == nil ? "english" : language)
        self.usesOrdinalPeriods = Self.ordinalPeriodLanguages.contains(language)
    }

    /// Per language of ``data`` asked for so far: its entries over the English ones.
    private static let tables = Mutex<[String: [String: AbbreviationKind]]>([:])

    private static func table(_ language: String) -> [String: AbbreviationKind] {
        if let known = tables.withLock({ $0[language] }) { return known }
        let kinds = buildKinds(language)
        tables.withLock { $0[language] = kinds }
        return kinds
    }

    private static func buildKinds(_ language: String) -> [String: AbbreviationKind] {
        var kinds: [String: AbbreviationKind] = [:]
        // English first, then the language's own entries override.
        for name in ["english", language] {
            guard let entry = data[name] else { continue }
            for (list, kind) in [(entry.ordinary, AbbreviationKind.ordinary),
                                 (entry.numeric, .numeric),
                                 (entry.prepositive, .prepositive)] {
                for word in StopwordList.words(of: list) {
                    kinds[word] = kind
                }
            }
        }
        return kinds
    }

    /// The kind of `word` (case-insensitive), or `nil` when it is not a known abbreviation.
    func kind(of word: String) -> AbbreviationKind? {
        kinds[word.lowercased()]
    }

    func isHonorific(_ word: String) -> Bool {
        Self.honorifics.contains(word.lowercased())
    }

    func isMonth(_ word: String) -> Bool {
        Self.monthNames.contains(word.lowercased())
    }
}

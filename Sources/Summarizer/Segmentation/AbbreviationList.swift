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
        var kinds: [String: AbbreviationKind] = [:]
        // English first, then the language's own entries override.
        for name in ["english", language] {
            guard let entry = Self.data[name] else { continue }
            for (list, kind) in [(entry.ordinary, AbbreviationKind.ordinary),
                                 (entry.numeric, .numeric),
                                 (entry.prepositive, .prepositive)] {
                for word in list.split(whereSeparator: { $0.isWhitespace }) {
                    kinds[String(word)] = kind
                }
            }
        }
        self.kinds = kinds
        self.usesOrdinalPeriods = Self.ordinalPeriodLanguages.contains(language)
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

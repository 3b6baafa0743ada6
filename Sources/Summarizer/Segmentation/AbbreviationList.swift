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
        // CLDR's suppressions (see ``CLDRSuppressions``) for languages other than English: a
        // break after them needs a sentence opener, as for ordinary abbreviations. English
        // keeps its own list: CLDR's English entries include words such as `By`, `To`, `As`
        // that end sentences in news text.
        if language != "english" {
            for word in CLDRSuppressions.abbreviations(language: language) where kinds[word] == nil {
                kinds[word] = .ordinary
            }
        }
        return kinds
    }

    /// The kind of `word` (case-insensitive), or `nil` when it is not a known abbreviation.
    ///
    /// In German a closed compound that ends in an abbreviation of at least three letters
    /// (`Mühlenstr.` for `Mühlenstraße`) takes a number like a numeric abbreviation.
    func kind(of word: String) -> AbbreviationKind? {
        let lower = word.lowercased()
        if let kind = kinds[lower] { return kind }
        if language == "german", lower.count > 4, lower.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) {
            for length in 3...min(5, lower.count - 2) {
                if kinds[String(lower.suffix(length))] != nil { return .numeric }
            }
        }
        return nil
    }

    func isHonorific(_ word: String) -> Bool {
        Self.honorifics.contains(word.lowercased())
    }

    func isMonth(_ word: String) -> Bool {
        Self.monthNames.contains(word.lowercased())
    }
}

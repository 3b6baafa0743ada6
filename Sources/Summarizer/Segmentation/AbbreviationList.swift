import Foundation

/// The abbreviations a ``SentenceSegmenter`` knows for one language, plus English.
///
/// Lookups take the word before a period, without that period, in any case.
struct AbbreviationList: Sendable {
    let language: String
    private let kinds: [String: AbbreviationKind]
    /// Whether numbers followed by a period are ordinals in this language (`am 3. Oktober`).
    let usesOrdinalPeriods: Bool
    /// Month names that follow an ordinal number (`3. Oktober`), lower-case; empty for
    /// languages without ordinal periods.
    private let months: Set<String>
    /// Lower-case single letters that abbreviate a word in this language (Russian `г.`), from
    /// Moses's lists; written in lower case they are not initials.
    private let letters: Set<String>

    init(language: String) {
        let language = language.lowercased()
        self.language = language
        // Built once per process and language: a segmenter is made for every article.
        self.kinds = Self.table(language)
        self.usesOrdinalPeriods = Self.ordinalPeriodLanguages.contains(language)
        self.months = usesOrdinalPeriods ? Self.monthNames(language) : []
        self.letters = language == "english" ? [] : Set(NonbreakingPrefixes.entries(language: language).letters)
    }

    /// Per language asked for so far: its entries over the English ones.
    private static let tables = LanguageMemo<[String: AbbreviationKind]>()

    private static func table(_ language: String) -> [String: AbbreviationKind] {
        tables.value(for: language) { buildKinds(language) }
    }

    /// English's own list first (English names and titles appear in news of every language),
    /// then the language's maintained lists where English says nothing:
    /// - CLDR's suppressions (see ``CLDRSuppressions``): a break after them needs a sentence
    ///   opener, as for ordinary abbreviations. English keeps its own list: CLDR's English
    ///   entries include words such as `By`, `To`, `As` that end sentences in news text.
    /// - Moses's nonbreaking prefixes (see ``NonbreakingPrefixes``): prepositive, as Moses
    ///   reads them (no end before an upper-case word), or numeric for `#NUMERIC_ONLY#` ones.
    ///   CLDR comes first: it knows which of them may end a sentence (`Jan.`, `Mio.`).
    private static func buildKinds(_ language: String) -> [String: AbbreviationKind] {
        var kinds: [String: AbbreviationKind] = [:]
        if let entry = data["english"] {
            for (list, kind) in [(entry.ordinary, AbbreviationKind.ordinary),
                                 (entry.numeric, .numeric),
                                 (entry.prepositive, .prepositive)] {
                for word in StopwordList.words(of: list) {
                    kinds[word] = kind
                }
            }
        }
        guard language != "english" else { return kinds }
        for word in CLDRSuppressions.abbreviations(language: language) where kinds[word] == nil {
            kinds[word] = .ordinary
        }
        let prefixes = NonbreakingPrefixes.entries(language: language)
        for word in prefixes.numericOnly where kinds[word] == nil {
            kinds[word] = .numeric
        }
        for word in prefixes.general where kinds[word] == nil {
            kinds[word] = .prepositive
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

    /// Whether `word` is a lower-case letter that abbreviates a word (`г` in `1898 г.`).
    func isLetterAbbreviation(_ word: String) -> Bool {
        !letters.isEmpty && letters.contains(word)
    }

    func isHonorific(_ word: String) -> Bool {
        Self.honorifics.contains(word.lowercased())
    }

    /// Whether `word` is a month name of this language or of English, in any case and in
    /// either grammatical form CLDR gives (`Oktober`; Finnish `lokakuuta`).
    func isMonth(_ word: String) -> Bool {
        months.contains(word.lowercased())
    }

    /// ICU locale codes of the languages of ``ordinalPeriodLanguages``.
    static let ordinalLocales: [String: String] = [
        "german": "de", "danish": "da", "norwegian": "nb", "finnish": "fi", "hungarian": "hu",
        "turkish": "tr", "estonian": "et", "serbian": "sr", "lithuanian": "lt", "czech": "cs",
        "slovak": "sk", "slovenian": "sl", "croatian": "hr", "icelandic": "is",
    ]

    private static let monthCache = LanguageMemo<Set<String>>()

    /// The month names of a language and of English, lower-cased, from CLDR's calendar data
    /// through Foundation's ICU-backed `DateFormatter` (formatting and stand-alone forms).
    static func monthNames(_ language: String) -> Set<String> {
        monthCache.value(for: language) { readMonthNames(language) }
    }

    private static func readMonthNames(_ language: String) -> Set<String> {
        var names: Set<String> = []
        for code in ["en", ordinalLocales[language]].compactMap({ $0 }) {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: code)
            for name in formatter.monthSymbols + formatter.standaloneMonthSymbols {
                names.insert(name.lowercased())
            }
        }
        return names
    }
}

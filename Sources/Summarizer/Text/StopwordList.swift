/// A set of function words ("the", "und", "le", …) that carry little content and are
/// ignored when sentences are compared.
///
/// Lists come from the Snowball project (snowballstem.org) for the languages in
/// ``StopwordList/languages``; any other language gets an empty list, so no token of
/// an unsupported language (for example Arabic or Chinese) is ever removed.
/// Matching is case-insensitive: words are lower-cased before lookup.
package struct StopwordList: Sendable {
    /// The Snowball language name this list belongs to.
    package let language: String
    private let words: Set<String>

    /// Languages that have a built-in list, sorted by name.
    package static var languages: [String] { data.keys.sorted() }

    /// Creates the list for a Snowball language name (`"english"`, `"german"`, …).
    ///
    /// - Parameter language: a Snowball language name; unknown names give an empty list.
    package init(language: String) {
        self.language = language
        self.words = Self.parsed(language.lowercased())
    }

    /// Each language's list, parsed the first time that language is asked for and kept for the
    /// process: a `digestd summarize` of an English article parses the English list (and the
    /// few its segmenter asks for), not all of them (issue 15, start-up).
    private static let parsedLists = LanguageMemo<Set<String>>()

    /// The parsed list of a lower-cased Snowball language name; empty for an unknown language.
    private static func parsed(_ language: String) -> Set<String> {
        guard let list = data[language] else { return [] }
        return parsedLists.value(for: language) { Set(words(of: list)) }
    }

    /// The words of a whitespace-separated list, split on its UTF-8 bytes (the lists are built
    /// at start-up of every `digestd summarize` process: splitting by characters cost more than
    /// the summary).
    static func words(of list: String) -> [String] {
        var words: [String] = []
        var utf8 = Array(list.utf8)[...]
        while let start = utf8.firstIndex(where: { !isListSeparator($0) }) {
            let end = utf8[start...].firstIndex(where: isListSeparator) ?? utf8.endIndex
            words.append(String(decoding: utf8[start..<end], as: UTF8.self))
            utf8 = utf8[end...]
        }
        return words
    }

    private static func isListSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// For each stopword of any list, a bit per language of ``languages`` (in that order)
    /// whose list holds it: one hash lookup per word tells every list's answer.
    static let membership: [String: UInt64] = {
        var masks: [String: UInt64] = [:]
        for (bit, language) in languages.enumerated() {
            for word in parsed(language) { masks[word, default: 0] |= 1 << UInt64(bit) }
        }
        return masks
    }()

    /// Whether the list has no words (the language is unsupported).
    package var isEmpty: Bool { words.isEmpty }

    /// The number of words in the list.
    package var count: Int { words.count }

    /// Whether `word` is a stopword, compared case-insensitively.
    /// Typographic apostrophes (’) count as ASCII apostrophes.
    package func contains(_ word: some StringProtocol) -> Bool {
        let exact = String(word)
        if words.contains(exact) { return true }
        return containsLowercased(Self.folded(exact))
    }

    /// Whether `word`, already lower-cased with ASCII apostrophes, is a stopword.
    func containsLowercased(_ word: String) -> Bool {
        words.contains(word)
    }

    /// Lower-cased, with typographic apostrophes (’) as ASCII apostrophes.
    static func folded(_ word: String) -> String {
        let lower = word.fastLowercased()
        guard lower.unicodeScalars.contains("\u{2019}") else { return lower }
        return String(lower.map { $0 == "\u{2019}" ? "'" : $0 })
    }
}

import Foundation

/// The word stems of a language's Hunspell spelling dictionary, as Debian ships them
/// (`hunspell-it`, `hunspell-es`, … in `/usr/share/hunspell/<code>.dic`; the dictionaries of
/// the LibreOffice project, each under its own free licence as named in
/// `/usr/share/doc/<package>/copyright`, e.g. German GPL-2+, French MPL-2.0). Read at run
/// time, so the lists are maintained upstream, not typed here.
///
/// The segmenter asks two things of it (see `BoundaryScanner`): whether a lower-case token is
/// a stem of the dictionary, and whether a longer stem starts with it. A token that is no stem
/// but starts longer ones (`psicol` of `psicologo`) is a truncation, the usual way to
/// abbreviate a word. Only the stems are read (the part of each line before `/`, lower-cased);
/// the affix rules that inflect them are not applied, which is why the segmenter also asks the
/// Snowball stemmer whether the token carries an ending.
///
/// Dictionaries exist here for Danish, Dutch, French, German, Italian, Russian and Spanish, in
/// UTF-8; other languages (English keeps its own abbreviation list), a dictionary in another
/// encoding, or a system without the package give an empty list.
struct HunspellWords: Sendable {
    /// The folder of the dictionaries.
    static let directory = "/usr/share/hunspell"

    /// Dictionary names of the Snowball language names.
    static let codes: [String: String] = [
        "danish": "da_DK", "dutch": "nl_NL", "french": "fr_FR", "german": "de_DE",
        "italian": "it_IT", "russian": "ru_RU", "spanish": "es_ES",
    ]

    /// Lower-case stems as UTF-8, sorted byte-wise (so every word that starts with a prefix
    /// follows that prefix directly), without duplicates.
    private let stems: [[UInt8]]

    /// Whether the list is empty (no dictionary for the language).
    var isEmpty: Bool { stems.isEmpty }

    init(stems: [[UInt8]]) {
        self.stems = stems
    }

    private static let cache = LanguageMemo<HunspellWords>()

    /// The stems of a Snowball language name; empty without a dictionary.
    static func words(language: String) -> HunspellWords {
        guard let code = codes[language] else { return HunspellWords(stems: []) }
        return cache.value(for: code, parsingFile: directory + "/" + code + ".dic", with: parse, missing: HunspellWords(stems: []))
    }

    /// Parses a `.dic` file's text: a first line with the count, then one `stem[/flags]`
    /// entry per line, optionally followed by white space and morphological fields.
    static func parse(_ text: String) -> HunspellWords {
        var stems: [[UInt8]] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where number > 0 {
            let entry = line.prefix { $0 != "/" && $0 != "\t" && $0 != " " }
            guard !entry.isEmpty else { continue }
            stems.append(Array(entry.lowercased().utf8))
        }
        stems.sort { $0.lexicographicallyPrecedes($1) }
        var unique: [[UInt8]] = []
        unique.reserveCapacity(stems.count)
        for stem in stems where unique.last != stem { unique.append(stem) }
        return HunspellWords(stems: unique)
    }

    /// The index of the first stem not below `word` (byte-wise).
    private func lowerBound(_ word: [UInt8]) -> Int {
        var low = 0
        var high = stems.count
        while low < high {
            let middle = (low + high) / 2
            if stems[middle].lexicographicallyPrecedes(word) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether `word` (lower-case) is no stem of the dictionary but a longer stem starts with
    /// it: `psicol` (of `psicologo`), not `arte` (a stem) nor `xqz` (starts nothing).
    func isTruncation(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        let index = lowerBound(bytes)
        guard index < stems.count else { return false }
        let found = stems[index]
        return found != bytes && found.starts(with: bytes)
    }
}

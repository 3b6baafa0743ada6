import Foundation

/// Function words of languages that ``StopwordList`` has no list for, read from the Snowball
/// project's stopword lists as Debian's `liblingua-stopwords-perl` (Lingua::StopWords,
/// Artistic or GPL-1+) ships them: `/usr/share/perl5/Lingua/StopWords/<CODE>.pm`, the words
/// inside the `qw( … )` of its `_stopwords` function. Read at run time, so the lists are
/// maintained upstream, not typed here.
///
/// The segmenter uses them as sentence openers (a capitalised function word after an
/// abbreviation starts a new sentence: `og co. De burde`). Lists exist for Danish, German,
/// English, Spanish, Finnish, French, Hungarian, Indonesian, Italian, Dutch, Norwegian,
/// Portuguese, Romanian, Russian and Swedish; other languages (or a system without the
/// package) get an empty set.
enum PerlStopwords {
    /// The folder of the modules.
    static let directory = "/usr/share/perl5/Lingua/StopWords"

    /// Module names (upper-case ISO 639-1 codes) of the Snowball language names.
    static let codes: [String: String] = [
        "danish": "DA", "german": "DE", "english": "EN", "spanish": "ES", "finnish": "FI",
        "french": "FR", "hungarian": "HU", "indonesian": "ID", "italian": "IT", "dutch": "NL",
        "norwegian": "NO", "portuguese": "PT", "romanian": "RO", "russian": "RU", "swedish": "SV",
    ]

    private static let cache = LanguageMemo<Set<String>>()

    /// The stopwords of a Snowball language name, lower-case; empty without a list.
    static func words(language: String) -> Set<String> {
        guard let code = codes[language] else { return [] }
        return cache.value(for: code, parsingFile: directory + "/" + code + ".pm", with: parse, missing: [])
    }

    /// The words of the `qw( … )` list that follows `sub _stopwords` in a module's text.
    static func parse(_ module: String) -> Set<String> {
        guard let function = module.range(of: "sub _stopwords"),
              let open = module.range(of: "qw(", range: function.upperBound..<module.endIndex),
              let close = module.range(of: ")", range: open.upperBound..<module.endIndex) else { return [] }
        let list = module[open.upperBound..<close.lowerBound]
        return Set(list.split(whereSeparator: { $0.isWhitespace }).map { $0.lowercased() })
    }
}

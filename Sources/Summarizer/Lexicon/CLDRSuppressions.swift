import CICUShim

/// Abbreviations after which a sentence does not end, per language, from the Unicode CLDR
/// sentence-break suppressions ("segmentations/…/Suppressions", shipped in ICU's `brkitr`
/// data as `exceptions/SentenceBreak`; Unicode licence v3). Read at run time from the
/// system ICU (Debian `libicu72`), so the list is maintained upstream, not typed here.
///
/// CLDR has such data for English, German, Spanish, French, Italian, Portuguese and Russian;
/// other languages get an empty list.
enum CLDRSuppressions {
    /// ICU locale codes of the Snowball language names that have CLDR suppressions.
    static let locales: [String: String] = [
        "english": "en", "german": "de", "spanish": "es", "french": "fr",
        "italian": "it", "portuguese": "pt", "russian": "ru",
    ]

    private static let cache = LanguageMemo<[String]>()

    /// The suppressed abbreviations of a Snowball language: lower-cased, without their final
    /// period (`Str.` → `str`, `JJ.OO.` → `jj.oo`). Entries of several words (`Dr. med.`,
    /// `до н. э.`) give each of their period-ended words. Empty for languages without data.
    static func abbreviations(language: String) -> [String] {
        guard let locale = locales[language] else { return [] }
        return cache.value(for: locale) { read(locale: locale) }
    }

    /// The suppressions of an ICU locale, read through the C shim (see ``abbreviations(language:)``).
    private static func read(locale: String) -> [String] {
        var words: [String] = []
        var capacity = 1 << 14
        while capacity <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: capacity)
            let written = digestd_icu_sentence_suppressions(locale, &buffer, Int32(capacity))
            if written < 0 {
                capacity *= 4
                continue
            }
            let text = String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            for entry in text.split(separator: "\n") {
                for part in entry.split(separator: " ") where part.count > 1 && part.last == "." {
                    words.append(String(part.dropLast()).lowercased())
                }
            }
            break
        }
        return words
    }
}

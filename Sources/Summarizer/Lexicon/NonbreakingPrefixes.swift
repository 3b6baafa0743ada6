import Foundation

/// Abbreviations after which a period does not end a sentence, per language, from the
/// "nonbreaking prefix" lists of the Moses statistical machine translation toolkit
/// (Koehn et al. 2007), as shipped by Debian's `liblingua-sentence-perl` (Lingua::Sentence,
/// LGPL-3+) in `/usr/share/perl5/auto/share/dist/Lingua-Sentence/nonbreaking_prefix.<code>`.
/// Read at run time, so the lists are maintained upstream, not typed here.
///
/// The files hold one prefix per line (`#` starts a comment). Moses's meaning: a prefix
/// followed by a period and an upper-case word is not a sentence end; a prefix marked
/// `#NUMERIC_ONLY#` is not an end only before a digit. Capital letters and bare numbers are
/// left out here: the segmenter reads initials and ordinal numbers by their shape; lower-case
/// letters are kept apart (``Entries/letters``).
///
/// Lists exist for Catalan, Czech, Danish, German, Greek, English, Spanish, Finnish, French,
/// Hungarian, Icelandic, Italian, Lithuanian, Latvian, Dutch, Polish, Portuguese, Romanian,
/// Russian, Slovak, Slovenian and Swedish; other languages (or a system without the
/// package) get an empty list.
enum NonbreakingPrefixes {
    /// The folder of the lists (Debian `liblingua-sentence-perl`).
    static let directory = "/usr/share/perl5/auto/share/dist/Lingua-Sentence"

    /// ISO 639-1 codes of the Snowball language names that have a list.
    static let codes: [String: String] = [
        "catalan": "ca", "czech": "cs", "danish": "da", "german": "de", "greek": "el",
        "english": "en", "spanish": "es", "finnish": "fi", "french": "fr", "hungarian": "hu",
        "icelandic": "is", "italian": "it", "lithuanian": "lt", "latvian": "lv", "dutch": "nl",
        "polish": "pl", "portuguese": "pt", "romanian": "ro", "russian": "ru", "slovak": "sk",
        "slovenian": "sl", "swedish": "sv",
    ]

    /// One language's prefixes: lower-cased, without the period (`Skt` → `skt`).
    struct Entries: Sendable, Equatable {
        /// Not an end before an upper-case word.
        var general: [String] = []
        /// Not an end only before a digit (`Nr. 5`).
        var numericOnly: [String] = []
        /// Lower-case single letters (Russian `г.` for год, `в.` for век).
        var letters: [String] = []
    }

    private static let cache = LanguageMemo<Entries>()

    /// The prefixes of a Snowball language name; empty without a list.
    static func entries(language: String) -> Entries {
        guard let code = codes[language] else { return Entries() }
        return cache.value(for: code, parsingFile: directory + "/nonbreaking_prefix." + code, with: parse, missing: Entries())
    }

    /// Parses a list file's text (see the type's description).
    static func parse(_ text: String) -> Entries {
        var entries = Entries()
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard let first = line.first, first != "#" else { continue }
            let numeric = line.contains("#NUMERIC_ONLY#")
            guard let word = line.split(separator: " ").first.map(String.init), !word.hasPrefix("#") else { continue }
            let scalars = word.unicodeScalars
            if scalars.count == 1, let letter = scalars.first, letter.properties.isLowercase, !numeric {
                entries.letters.append(word)
                continue
            }
            // Initials and numbers are read by shape; keep words of two or more characters
            // that hold a letter.
            guard scalars.count > 1, scalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
            if numeric {
                entries.numericOnly.append(word.lowercased())
            } else {
                entries.general.append(word.lowercased())
            }
        }
        return entries
    }
}

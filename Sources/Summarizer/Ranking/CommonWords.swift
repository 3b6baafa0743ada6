/// Words that news text writes both lower-case and capitalised (`army`, `president`,
/// `exchange`): common nouns and adjectives that also head names of organisations and titles.
/// A capitalised word outside the list is more likely part of a personal name (`Haftar`).
///
/// Built offline by `scripts/build-common-words` from the development sets (cnndm-dev,
/// bbc-dev: the tuning data, never the validation sets) and shipped as data
/// (``englishData``); English only.
enum CommonWords {
    /// The lower-cased words, parsed once per process.
    static let english: Set<String> = Set(StopwordList.words(of: englishData))

    /// Whether `word` (any case) is a common English word by this list.
    static func contains(_ word: some StringProtocol) -> Bool {
        english.contains(word.lowercased())
    }
}

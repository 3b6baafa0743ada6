// Abbreviations per Snowball language: data, not logic. Entries are lower-case and
// written without their final period; multi-period forms (`u.s.`, `e.g.`, `z.b.`) are
// recognised by shape and need no entry.

/// How a period after an abbreviation behaves.
enum AbbreviationKind: Sendable {
    /// Titles and connectives that always precede more text (`Dr.`, `Mt.`, `vs.`):
    /// the period never ends a sentence.
    case prepositive
    /// Abbreviations that take a number (`No. 7`, `p. 55`): the period ends the
    /// sentence unless a digit follows.
    case numeric
    /// Abbreviations that may end a sentence (`Inc.`, `Jr.`, `Jan.`): the period ends
    /// the sentence only when a typical sentence opener follows.
    case ordinary
}

extension AbbreviationList {
    /// `(prepositive, numeric, ordinary)` word lists keyed by Snowball language name: English
    /// only, which applies to every language, since English names and titles appear in all
    /// news. Other languages' abbreviations come from maintained lists (CLDR through ICU,
    /// Moses's nonbreaking prefixes), not from here.
    static let data: [String: (prepositive: String, numeric: String, ordinary: String)] = [
        "english": (
            prepositive: """
            mr mrs ms mx messrs dr prof gen sen rep gov lt col capt cmdr cdr sgt cpl pvt maj adm
            brig rev hon pres supt det insp st ste mt mme mlle fr vs v cf viz approx n° nº atty
            gen'l lieut
            """,
            numeric: "no nos nr p pp vol vols fig figs art sec ch chap para op pg ps",
            ordinary: """
            inc ltd co corp llc plc bros jr sr esq etc al jan feb mar apr jun jul aug sep sept
            oct nov dec mon tue tues wed thu thur thurs fri sat sun dept govt assn univ ave blvd
            rd hwy ft mph km kg lb lbs oz min mins hr hrs sq dist intl natl
            """
        ),
    ]

    /// Languages that write ordinal numbers with a period (`am 3. Oktober`).
    static let ordinalPeriodLanguages: Set<String> = [
        "german", "danish", "norwegian", "finnish", "hungarian", "turkish", "estonian",
        "serbian", "lithuanian", "czech", "slovak", "slovenian", "croatian", "icelandic",
    ]

    /// Titles that precede a name; after an upper-case multi-period abbreviation
    /// (`6 P.M. Mr. Smith`) they start a new sentence.
    static let honorifics: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "mx", "messrs"]
}

import Testing
@testable import Summarizer

/// Segmentation that follows the language: CLDR suppressions read from the system ICU,
/// per-language terminators, and detection by script (issue 14).
@Suite("Segmentation per language")
struct LanguageSegmentationTests {
    @Test("CLDR suppressions come from ICU for German, Spanish, Italian, Russian")
    func cldrDataIsRead() {
        // Entries of the CLDR lists as shipped in ICU 72's brkitr data.
        #expect(CLDRSuppressions.abbreviations(language: "german").contains("kath"))
        #expect(CLDRSuppressions.abbreviations(language: "spanish").contains("srta"))
        #expect(CLDRSuppressions.abbreviations(language: "italian").contains("dott"))
        #expect(CLDRSuppressions.abbreviations(language: "russian").contains("ул"))
        #expect(CLDRSuppressions.abbreviations(language: "danish").isEmpty)
    }

    @Test("German street names with an abbreviated Straße keep their number")
    func germanStreet() {
        let got = SentenceSegmenter(language: "german")
            .segment("Wir wohnen in der Mühlenstr. 12 in Bremen. Die Adresse ist Berliner Str. 5, 21234 Bremen.")
        #expect(got == ["Wir wohnen in der Mühlenstr. 12 in Bremen.", "Die Adresse ist Berliner Str. 5, 21234 Bremen."])
    }

    @Test("CLDR abbreviations do not end a sentence before a name")
    func cldrAbbreviations() {
        #expect(SentenceSegmenter(language: "spanish").segment("Hola Srta. Ledesma. Buenos días.")
            == ["Hola Srta. Ledesma.", "Buenos días."])
        #expect(SentenceSegmenter(language: "german").segment("Sie besucht eine kath. Schule. Sie ist neu.")
            == ["Sie besucht eine kath. Schule.", "Sie ist neu."])
    }

    @Test("Armenian full stop, typed as ։ or :, ends a sentence")
    func armenian() {
        let text = "Այսօր երկուշաբթի է: Ես գնում եմ աշխատանքի։ Վաղը սեպտեմբերի 1-ն է:"
        #expect(SentenceSegmenter(language: "armenian").segment(text)
            == ["Այսօր երկուշաբթի է:", "Ես գնում եմ աշխատանքի։", "Վաղը սեպտեմբերի 1-ն է:"])
        #expect(LanguageDetector().detect(text) == "armenian")
        // In English a colon does not end a sentence.
        #expect(SentenceSegmenter(language: "english").segment("Note: The meeting moved.").count == 1)
    }

    @Test("Greek question mark, typed as ;, ends a sentence")
    func greek() {
        let got = SentenceSegmenter(language: "greek")
            .segment("Με συγχωρείτε· πού είναι οι τουαλέτες; Τις Κυριακές δε δούλευε κανένας.")
        #expect(got == ["Με συγχωρείτε· πού είναι οι τουαλέτες;", "Τις Κυριακές δε δούλευε κανένας."])
    }

    @Test("A period after an inflected word ends a sentence before a lower-case word")
    func inflectedWordBeforeLowerCase() {
        // The Snowball stemmer takes an ending from `κανένας` and `επιτυχία`: whole words.
        #expect(SentenceSegmenter(language: "greek")
            .segment("Τις Κυριακές δε δούλευε κανένας. το κόστος του σπιτιού ήταν £260.950,00.")
            == ["Τις Κυριακές δε δούλευε κανένας.", "το κόστος του σπιτιού ήταν £260.950,00."])
        #expect(SentenceSegmenter(language: "greek")
            .segment("Η συνάντηση τελείωσε με επιτυχία. οι υπουργοί έφυγαν νωρίς.")
            == ["Η συνάντηση τελείωσε με επιτυχία.", "οι υπουργοί έφυγαν νωρίς."])
        #expect(SentenceSegmenter(language: "english").segment("He kept walking. then it rained.")
            == ["He kept walking.", "then it rained."])
        // Abbreviations are cut before the ending, or listed, or take only a plural -s.
        #expect(SentenceSegmenter(language: "greek").segment("Το χωριό απέχει 5 χλμ. από την πόλη.").count == 1)
        #expect(SentenceSegmenter(language: "english").segment("Two Sens. and three Reps. spoke.").count == 1)
        #expect(SentenceSegmenter(language: "english").segment("The bldg. was closed and the dept. moved.").count == 1)
        #expect(SentenceSegmenter(language: "italian").segment("Hanno creato un algoritmo allo st. d. arte.").count == 1)
    }

    @Test("A truncated word is an abbreviation; a title part before a sentence opener ends the sentence")
    func truncatedWordsAndTitleParts() {
        let italian = SentenceSegmenter(language: "italian")
        // `psicol` is no stem of it_IT but starts `psicologo`; no ending for the stemmer to take.
        #expect(HunspellWords.words(language: "italian").isTruncation("psicol"))
        #expect(!HunspellWords.words(language: "italian").isTruncation("arte"))
        #expect(italian.segment("Hanno creato un algoritmo allo st. d. arte. Si ringrazia lo psicol. Serenti.")
            == ["Hanno creato un algoritmo allo st. d. arte.", "Si ringrazia lo psicol. Serenti."])
        #expect(italian.segment("Ne ha parlato il dott. ssa Bianchi con il prof. associato Verdi.").count == 1)
        // A whole word before a name still ends the sentence.
        #expect(italian.segment("Ha studiato la psicologia. Serenti lo ha aiutato.")
            == ["Ha studiato la psicologia.", "Serenti lo ha aiutato."])
        // Spanish `admin.` (of `administración`) before a name.
        #expect(SentenceSegmenter(language: "spanish").segment("Lo firmó el admin. García ayer por la tarde.").count == 1)
        // A title chain still holds before a name; before a sentence opener it ends.
        let german = SentenceSegmenter(language: "german")
        #expect(german.segment("Der Vortrag von Dr. rer. pol. Weber beginnt um zehn.").count == 1)
        #expect(german.segment("Sie ist jetzt Dr. med. Die Feier war gestern.")
            == ["Sie ist jetzt Dr. med.", "Die Feier war gestern."])
        // English has no dictionary here: its own list decides, as before.
        #expect(HunspellWords.words(language: "english").isEmpty)
    }

    @Test("Lines without a letter or digit are segments of their own only when asked for")
    func separatorLines() {
        let text = "\n__________\nEl Board no discrimina por edad.\n* * *\nOtra frase aquí."
        #expect(SentenceSegmenter(language: "spanish", keepsSeparatorLines: true).segment(text)
            == ["__________", "El Board no discrimina por edad.", "* * *", "Otra frase aquí."])
        #expect(SentenceSegmenter(language: "spanish").segment(text)
            == ["El Board no discrimina por edad.", "Otra frase aquí."])
    }

    // MARK: Maintained lists beyond CLDR (Moses nonbreaking prefixes, Snowball stopwords)

    @Test("Moses nonbreaking prefixes and Snowball stopwords are read from the Debian packages")
    func maintainedListsAreRead() {
        // Entries of liblingua-sentence-perl 1.100 and liblingua-stopwords-perl 0.12.
        #expect(NonbreakingPrefixes.entries(language: "danish").general.contains("skt"))
        #expect(NonbreakingPrefixes.entries(language: "russian").general.contains("пгт"))
        #expect(NonbreakingPrefixes.entries(language: "dutch").numericOnly.contains("nr"))
        #expect(NonbreakingPrefixes.entries(language: "russian").letters.contains("г"))
        #expect(NonbreakingPrefixes.entries(language: "armenian") == .init())
        #expect(PerlStopwords.words(language: "danish").contains("hvad"))
        #expect(PerlStopwords.words(language: "russian").contains("в"))
        #expect(PerlStopwords.words(language: "greek").isEmpty)
    }

    @Test("abbreviations from Moses's lists do not end a sentence before a name")
    func mosesAbbreviations() {
        #expect(SentenceSegmenter(language: "danish").segment("Vi fejrede Skt. Hans aften ved stranden. Det regnede.")
            == ["Vi fejrede Skt. Hans aften ved stranden.", "Det regnede."])
        #expect(SentenceSegmenter(language: "russian").segment("Он переехал в пгт. Октябрьский в 1990 году. Там он работал врачом.")
            == ["Он переехал в пгт. Октябрьский в 1990 году.", "Там он работал врачом."])
        #expect(SentenceSegmenter(language: "italian").segment("Il corso usa vari linguaggi (ad es. Python e Java) per gli esercizi.").count == 1)
    }

    @Test("Russian uses its CLDR list too (it has no hand-made data)")
    func russianCLDR() {
        #expect(SentenceSegmenter(language: "russian").segment("Магазин на ул. Ленина открылся в понедельник. Он работает до девяти.")
            == ["Магазин на ул. Ленина открылся в понедельник.", "Он работает до девяти."])
    }

    @Test("a capitalised function word after an abbreviation starts a sentence (Danish openers)")
    func danishOpeners() {
        let danish = SentenceSegmenter(language: "danish")
        #expect(danish.segment("Vi spurgte Hansen og co. De vidste ikke noget.")
            == ["Vi spurgte Hansen og co.", "De vidste ikke noget."])
        #expect(danish.segment("Hun har boet i U.S.A. Hvad med dig?") == ["Hun har boet i U.S.A.", "Hvad med dig?"])
        // A name after the abbreviation does not.
        #expect(danish.segment("Hun arbejder for U.S. Army i Tyskland.").count == 1)
    }

    @Test("a dash, slash or comma after a terminator continues the sentence (dialogue, verse)")
    func dialogueDash() {
        #expect(SentenceSegmenter(language: "russian").segment("«Ты придёшь? – спросил он. – Я буду ждать». Она кивнула.")
            == ["«Ты придёшь? – спросил он. – Я буду ждать».", "Она кивнула."])
        #expect(SentenceSegmenter(language: "spanish")
            .segment("Machado escribió: «Caminante, no hay camino, / se hace camino al andar. / Al andar se hace camino». Lo cita a menudo.")
            == ["Machado escribió: «Caminante, no hay camino, / se hace camino al andar. / Al andar se hace camino».", "Lo cita a menudo."])
        // Outside a quotation, a dash before a capitalised word still starts a new sentence
        // (CNN's `--` separators, inline list items).
        #expect(SentenceSegmenter().segment("A medic is called. -- An autopsy was done on Monday.")
            == ["A medic is called.", "-- An autopsy was done on Monday."])
    }

    @Test("“ after a terminator closes a German „…“ quotation")
    func germanQuotes() {
        #expect(SentenceSegmenter(language: "german").segment("„Wir kommen morgen wieder.“ Das sagte der Bürgermeister am Montag.")
            == ["„Wir kommen morgen wieder.“", "Das sagte der Bürgermeister am Montag."])
    }

    @Test("ranges of ordinals, spaced initials and title chains stay in one sentence")
    func germanOrdinalsInitialsTitles() {
        let german = SentenceSegmenter(language: "german")
        #expect(german.segment("Die Burg stammt aus dem 12.–13. Jahrhundert und wurde 1850 restauriert.").count == 1)
        #expect(german.segment("Z. B. gibt es dort keine Parkplätze.").count == 1)
        #expect(german.segment("Die Praxis von Dr. med. Schulz ist geschlossen. Sie öffnet im Mai.")
            == ["Die Praxis von Dr. med. Schulz ist geschlossen.", "Sie öffnet im Mai."])
        #expect(german.segment("Der Vortrag von Dr. rer. nat. Weber beginnt um zehn.").count == 1)
        // Only short title parts: in lower-cased text `st. louis.` ends its sentence.
        #expect(SentenceSegmenter().segment("It opened in a suburb of st. louis. Recognizing the growth, he built more.").count == 2)
    }

    @Test("an ellipsis glued to the next word is a pause")
    func gluedEllipsis() {
        #expect(SentenceSegmenter(language: "german").segment("Es war einmal...So beginnen viele Märchen.").count == 1)
        // With a space after it, it ends the sentence before a capital.
        #expect(SentenceSegmenter(language: "german").segment("Es war einmal... So beginnen viele Märchen.").count == 2)
    }

    @Test("a number after a short capitalised label is its value; a line ending in a colon ends its segment")
    func lettersAndLabels() {
        let spanish = SentenceSegmenter(language: "spanish")
        #expect(spanish.segment("Llame al Tel. 3239300 o escriba a la oficina.").count == 1)
        #expect(spanish.segment("Estimados señores:\nLes escribimos para confirmar la reunión.")
            == ["Estimados señores:", "Les escribimos para confirmar la reunión."])
    }

    @Test("CLD2 tells short Danish, Norwegian, Swedish and Finnish texts from English")
    func shortTextDetection() {
        let detector = LanguageDetector()
        #expect(detector.detect("Vi tager toget til København i morgen, og vi kommer hjem om aftenen.") == "danish")
        #expect(detector.detect("Regjeringen la fram statsbudsjettet for neste år på mandag.") == "norwegian")
        #expect(detector.detect("Regeringen presenterade budgeten för nästa år i måndags.") == "swedish")
        #expect(detector.detect("Hallitus esitteli ensi vuoden talousarvion maanantaina.") == "finnish")
        #expect(detector.detect("The government presented next year's budget on Monday.") == "english")
    }
}

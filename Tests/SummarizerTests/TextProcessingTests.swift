import Testing
@testable import Summarizer

@Suite("Tokens, stems, stopwords, languages")
struct TextProcessingTests {
    @Test("numbers, versions, addresses and contractions stay single tokens")
    func tokens() {
        let tokens = Tokenizer().tokenize("Use 3.5 or 2.4.1 at 192.168.10.20, write info.desk@water.example.net; don't wait.")
        #expect(tokens == ["Use", "3.5", "or", "2.4.1", "at", "192.168.10.20", "write", "info.desk@water.example.net", "don't", "wait"])
    }

    @Test("CJK runs become character bigrams (F38)")
    func cjkBigrams() throws {
        #expect(Tokenizer().tokenize("海港新图书馆") == ["海港", "港新", "新图", "图书", "书馆"])
        let body = Article(text: try Fixture.text("field-cases/F38/article.txt")).body
        let first = try #require(SentenceSegmenter().segment(body).first)
        #expect(Tokenizer().tokenize(first).count > 3)
    }

    @Test("libstemmer provides every Snowball algorithm")
    func algorithms() {
        let algorithms = SnowballStemmer.algorithms
        #expect(algorithms.count >= 25)
        for name in ["english", "german", "french", "spanish", "italian", "portuguese", "dutch", "russian", "arabic"] {
            #expect(algorithms.contains(name))
            #expect(SnowballStemmer(language: name).algorithm == name)
        }
    }

    @Test("stems match per language, after lower-casing", arguments: [
        ("english", "PRICES", "price"), ("english", "running", "run"),
        ("german", "Häusern", "haus"), ("french", "nationales", "national"),
        ("spanish", "corriendo", "corr"), ("italian", "mangiare", "mang"),
        ("dutch", "fietsen", "fiets"), ("portuguese", "cidades", "cidad"),
        ("russian", "книгами", "книг"),
    ])
    func stemming(_ language: String, _ word: String, _ stem: String) {
        #expect(SnowballStemmer(language: language).stem(word) == stem)
    }

    @Test("an unknown language stems to the lower-cased word")
    func unknownLanguage() {
        let stemmer = SnowballStemmer(language: "klingon")
        #expect(stemmer.algorithm == nil)
        #expect(stemmer.stem("Qapla") == "qapla")
    }

    @Test("stopword lists exist for the seven main languages and match any case")
    func stopwords() {
        for language in ["english", "german", "french", "spanish", "italian", "portuguese", "dutch"] {
            #expect(StopwordList(language: language).count > 50)
        }
        let english = StopwordList(language: "english")
        #expect(english.contains("THE") && english.contains("For") && english.contains("don’t"))
        #expect(!english.contains("harbour"))
        #expect(StopwordList(language: "arabic").isEmpty)
    }

    @Test("language detection by stopwords and script", arguments: [
        ("Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Fluss im nächsten Jahr gebaut wird.", "german"),
        ("La ville a décidé lundi que le nouveau pont sur la rivière sera construit l'année prochaine pour les habitants.", "french"),
        ("La ciudad decidió el lunes que el nuevo puente sobre el río se construirá el próximo año para los vecinos.", "spanish"),
        ("La città ha deciso lunedì che il nuovo ponte sul fiume sarà costruito il prossimo anno per gli abitanti.", "italian"),
        ("A cidade decidiu na segunda-feira que a nova ponte sobre o rio será construída no próximo ano para os moradores.", "portuguese"),
        ("De stad heeft maandag besloten dat de nieuwe brug over de rivier volgend jaar wordt gebouwd voor de bewoners.", "dutch"),
        ("The city decided on Monday that the new bridge over the river will be built next year for the residents.", "english"),
        ("海港城市的新图书馆于周一正式开放。", "chinese"),
        ("افتتحت بلدية وادي النخيل مكتبة عامة جديدة يوم الأحد.", "arabic"),
    ])
    func languageDetection(_ text: String, _ language: String) {
        #expect(LanguageDetector().detect(text) == language)
    }

    @Test("F38: Chinese with a quoted Japanese paragraph is Chinese; Japanese needs a fifth of kana")
    func chineseQuotingJapanese() throws {
        let text = try Fixture.text("field-cases/F38/article.txt")
        #expect(LanguageDetector().detect(text) == "chinese")
        let japanese = try #require(text.components(separatedBy: "\n\n").first { $0.contains("港町") })
        #expect(LanguageDetector().detect(japanese) == "japanese")
        #expect(LanguageDetector.hanOrKana(han: 170, kana: 20) == "chinese")
        #expect(LanguageDetector.hanOrKana(han: 80, kana: 20) == "japanese")
        #expect(LanguageDetector.hanOrKana(han: 0, kana: 0) == "chinese")
        #expect(LanguageDetector.hanOrKana(han: 0, kana: 5) == "japanese")
    }

    @Test("F39: Arabic tokens are not removed as stopwords")
    func arabicKeepsTokens() throws {
        let result = Summarizer().summarize(try Fixture.text("field-cases/F39/article.txt"))
        #expect(result.language == "arabic")
        #expect(!result.keywords.isEmpty)
    }

    @Test("the title rule: short headline without a final stop, followed by a blank line")
    func titleRule() {
        #expect(Article(text: "Headline here\n\nBody text.").title == "Headline here")
        #expect(Article(text: "Headline here\n\nBody text.").body == "Body text.")
        #expect(Article(text: "Not a headline.\n\nBody text.").title == nil)
        #expect(Article(text: "Headline\nBody continues\n\nMore.").title == nil)
        #expect(Article(text: "\n\nBody only, in a CNN file. '\n").title == nil)
        let long = Array(repeating: "word", count: 40).joined(separator: " ")
        #expect(Article(text: long).title == nil)
    }

    @Test("boilerplate lines are dropped and footnote markers removed")
    func boilerplateFilter() {
        let filter = BoilerplateFilter()
        let cleaned = filter.clean("By Staff Reporter\nAdvertisement\nReal text here.[1]\nRead more: other story\nMore real text.\nMost read\n1. Other headline")
        #expect(cleaned == "Real text here.\nMore real text.")
        #expect(filter.cleanCounting("By Staff Reporter\nAdvertisement\nReal text here.[1]\nRead more: other story\nMore real text.\nMost read\n1. Other headline").droppedLines == 5)
        #expect(filter.isBoilerplate("Click here to watch the video."))
        #expect(!filter.isBoilerplate("By then, the ferry had already left the harbour."))
        #expect(filter.removingDateline("Kathmandu, Nepal (CNN) On day six, rescuers arrived.") == "On day six, rescuers arrived.")
        #expect(filter.removingDateline("The company (NASDAQ: XYZ) said profits rose.") == "The company (NASDAQ: XYZ) said profits rose.")
    }

    @Test("a tail heading in mid-article drops only its own line; a trailing block goes, counted")
    func tailHeadingNeverTruncatesTheMiddle() {
        let filter = BoilerplateFilter()
        let middle = """
        The ferry company changed its winter timetable after weeks of talks with the council.
        Recommended
        The new timetable starts on Monday, and the last boat leaves the harbour at ten in the evening.
        Passengers who bought tickets earlier can use them until the end of the month, the company said.
        """
        let kept = filter.cleanCounting(middle)
        #expect(kept.text.contains("The new timetable starts on Monday"))
        #expect(kept.text.contains("until the end of the month"))
        #expect(!kept.text.contains("Recommended"))
        #expect(kept.droppedLines == 1)
        let trailing = """
        The ferry company changed its winter timetable after weeks of talks with the council.
        Trending
        Council votes on parking fees
        Ten things to do this weekend
        """
        let cut = filter.cleanCounting(trailing)
        #expect(cut.text == "The ferry company changed its winter timetable after weeks of talks with the council.")
        #expect(cut.droppedLines == 3)
        let summary = Summarizer(options: SummaryOptions(sentences: 3)).summarize(trailing)
        #expect(summary.boilerplateLines == 3)
    }
}

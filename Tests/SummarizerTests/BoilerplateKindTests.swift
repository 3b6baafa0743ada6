import Testing
@testable import Summarizer

/// Greetings and calls to action are kinds of boilerplate, recognised by form (a new user's
/// newsletter summary opened with "Hello from the Lenner Valley Weekly,").
@Suite("Boilerplate kinds")
struct BoilerplateKindTests {
    let filter = BoilerplateFilter()

    @Test("a salutation before the article text is dropped; one inside the text, or a greeting sentence, is kept")
    func salutations() {
        let body = "Hello from the Lenner Valley Weekly,\n\nDear readers,\n\nOrchards picked more apples than ever.\n\nHello,\n"
        let cleaned = filter.clean(body)
        #expect(!cleaned.contains("Lenner Valley Weekly") && !cleaned.contains("Dear readers"))
        #expect(cleaned.contains("Orchards picked more apples than ever."))
        #expect(cleaned.contains("Hello,"))  // after article text: not an opening salutation
        #expect(filter.clean("Good morning!\nThe ferry runs late.").trimmingWhitespace() == "The ferry runs late.")
        // A sentence that merely opens with a greeting word is article text.
        #expect(filter.clean("Welcome signs went up in Holt on Monday.\nMore text.").contains("Welcome signs"))
        #expect(filter.clean("Hi-vis jackets are now required on the quay, the harbour master said.").contains("Hi-vis"))
    }

    @Test("calls to action are an imperative and a destination in a short sentence", arguments: [
        ("Read the full story on our website.", true), ("Visit our site for more photos.", true),
        ("Follow us on the app!", true), ("Click the link below to register.", true),
        ("Listen to the full interview on our podcast.", true),
        ("Read the report, the minister said.", false), ("Visitors to the site were turned away.", false),
        ("Follow the river path to the mill.", false), ("Visit every unesco world heritage site in one holiday.", false),
        ("Click here to watch the video.", true),
        ("Read the full story on our website, where the council set out in detail every line of the budget it voted through on Tuesday night.", false),
    ])
    func callsToAction(sentence: String, isBoilerplate: Bool) {
        #expect(filter.isBoilerplate(sentence) == isBoilerplate)
    }

    @Test("the newsletter's summary opens with the story, not the greeting")
    func newsletterSummary() {
        let body = """
            Hello from the Lenner Valley Weekly,

            Orchards in the Lenner valley picked more apples this autumn than in any year since records began.
            Growers credit a warm spring and the absence of late frost for the record crop.
            Prices at the farm gate fell slightly because of the large supply, the growers’ association said.
            The cider press in Holt will run two extra shifts until the end of December.

            Read the full story on our website.
            """
        let summary = Summarizer(options: SummaryOptions(sentences: 5)).summarize(title: "Record apple harvest", body: body)
        #expect(summary.sentences.first?.text.hasPrefix("Orchards") == true)
        #expect(!summary.sentences.contains { $0.text.contains("Hello") || $0.text.contains("full story") })
    }
}

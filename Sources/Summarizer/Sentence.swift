/// One sentence of an article body, as it stands in the text.
package struct Sentence: Sendable, Equatable, Hashable {
    /// The sentence text, verbatim from the article (inner line breaks folded to one space).
    package let text: String
    /// Zero-based position of the sentence among the body's sentences.
    package let index: Int

    /// A sentence with its zero-based position in the body.
    package init(text: String, index: Int) {
        self.text = text
        self.index = index
    }
}

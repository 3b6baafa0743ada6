import Mustache

/// A template of the digest could not be parsed: a bug in this build, never caused by articles.
package struct DigestTemplateError: Error, Sendable, CustomStringConvertible {
    /// The template's name (`page`, `index`, `feed`, …).
    package let template: String
    /// The parser's message.
    package let detail: String

    package var description: String { "digest template '\(template)' does not parse: \(detail) (please report this build)" }
}

/// The parsed templates of ``HTMLTemplates``, parsed once per process.
enum DigestTemplates {
    static let library: Result<MustacheLibrary, DigestTemplateError> = {
        let sources = [("style", HTMLTemplates.style), ("meta", HTMLTemplates.meta), ("entry", HTMLTemplates.entry),
                       ("story", HTMLTemplates.story), ("body", HTMLTemplates.body), ("page", HTMLTemplates.page),
                       ("index", HTMLTemplates.index), ("feed", HTMLTemplates.feed)]
        var library = MustacheLibrary()
        for (name, source) in sources {
            do {
                library.register(try MarkupEscaping.template(source), named: name)
            } catch {
                return .failure(DigestTemplateError(template: name, detail: "\(error)"))
            }
        }
        return .success(library)
    }()

    /// Renders `object` with the template `name`.
    static func render(_ object: Any, template name: String) throws(DigestTemplateError) -> String {
        let library = try library.get()
        guard let text = library.render(object, withTemplate: name) else {
            throw DigestTemplateError(template: name, detail: "not registered")
        }
        return text
    }
}

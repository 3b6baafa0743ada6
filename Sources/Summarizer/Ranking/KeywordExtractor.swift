/// Picks a handful of key terms of an article by term frequency, after Luhn ("The
/// Automatic Creation of Literature Abstracts", IBM Journal 1958): content words that
/// recur are significant. A term's weight is its number of occurrences, plus two for
/// appearing in the headline, plus a bonus for appearing early; stems are merged and
/// reported in their most frequent surface form in the body (lower-cased unless always
/// capitalised); the headline's form counts only for a term the body lacks, so a keyword is
/// a word the body holds (`pleaded`, not the headline's `pleads`).
/// A term of the headline that the body never uses is not a keyword (it tells nothing about
/// the body), nor, if asked, a term used as a verb (``VerbEvidence``).
struct KeywordExtractor {
    var count = 5

    /// Up to ``count`` keywords, most important first; ties go to the term seen first.
    ///
    /// - Parameters:
    ///   - title: the headline's content terms (empty without a headline).
    ///   - sentences: each body sentence's content terms, in order.
    ///   - dropsVerbs: whether terms used as verbs (``VerbEvidence``) are left out.
    func keywords(title: [TextAnalyzer.Term], sentences: [[TextAnalyzer.Term]], dropsVerbs: Bool = false) -> [String] {
        /// A surface form, its count and its count in the body.
        typealias Surface = (form: String, count: Int, body: Int)
        struct Entry {
            var weight = 0.0
            var inBody = false
            var beforeArticle = 0
            var afterArticle = 0
            var firstSeen = Int.max
            /// The first surface form seen, its count and its count in the body; most stems
            /// have one form, so it is kept inline (an array per stem cost an allocation each).
            var firstSurface: Surface?
            /// Further surface forms, in order of first sight.
            var otherSurfaces: [Surface] = []
            /// Every surface form in order of first sight.
            var surfaces: [Surface] { (firstSurface.map { [$0] } ?? []) + otherSurfaces }

            /// Counts one occurrence of `form` (in the body when `body` is 1).
            mutating func count(_ form: String, body: Int) {
                if firstSurface == nil {
                    firstSurface = (form, 1, body)
                } else if firstSurface?.form == form {
                    firstSurface?.count += 1
                    firstSurface?.body += body
                } else if let index = otherSurfaces.firstIndex(where: { $0.form == form }) {
                    otherSurfaces[index].count += 1
                    otherSurfaces[index].body += body
                } else {
                    otherSurfaces.append((form, 1, body))
                }
            }
        }
        // Indexed by stem id, sized once (growing it term by term reallocated it for every new
        // stem); `seen` lists the ids in order of first sight.
        let largestID = max(title.lazy.map(\.id).max() ?? -1, sentences.lazy.compactMap { $0.lazy.map(\.id).max() }.max() ?? -1)
        var entries = [Entry](repeating: Entry(), count: largestID + 1)
        var seen: [Int] = []
        var order = 0
        func add(_ terms: [TextAnalyzer.Term], bonus: Double, earliness: Double) {
            for term in terms {
                guard term.isKeywordCandidate else { continue }
                let token = term.surface
                if entries[term.id].firstSeen == Int.max { seen.append(term.id) }
                // Updated in place: copying the entry out and back would copy its array.
                func update(_ entry: inout Entry) {
                    entry.weight += 1 + bonus + earliness
                    if bonus == 0 { entry.inBody = true }
                    if term.precedesArticle { entry.beforeArticle += 1 }
                    if term.followsArticle { entry.afterArticle += 1 }
                    entry.firstSeen = min(entry.firstSeen, order)
                    entry.count(token, body: bonus == 0 ? 1 : 0)
                }
                update(&entries[term.id])
                order += 1
            }
        }
        add(title, bonus: 2, earliness: 0)
        for (index, sentence) in sentences.enumerated() {
            add(sentence, bonus: 0, earliness: index < 3 ? 0.5 : 0)
        }
        let ranked = seen.map { entries[$0] }
            .filter { ($0.weight >= 2 || sentences.count <= 3) && ($0.inBody || sentences.isEmpty) }
            .filter { !dropsVerbs || !VerbEvidence.isVerb(before: $0.beforeArticle, after: $0.afterArticle) }
            .sorted { ($0.weight, -$0.firstSeen) > ($1.weight, -$1.firstSeen) }
        return ranked.prefix(count).compactMap { entry -> String? in
            // Most frequent surface form in the body (anywhere, if the body has none); the first
            // seen wins a tie.
            let surfaces = entry.surfaces
            let usesBody = surfaces.contains { $0.body > 0 }
            var surface: String?
            var best = 0
            for (form, count, body) in surfaces where (usesBody ? body : count) > best {
                surface = form
                best = usesBody ? body : count
            }
            guard let surface else { return nil }
            let alwaysCapitalised = surfaces.allSatisfy { $0.form.first?.isUppercase ?? false }
            return alwaysCapitalised ? surface : surface.lowercased()
        }
    }

    /// Whether a token may be a keyword: three characters or more (or a CJK bigram), and
    /// not a path or address (no `/` or `@`).
    static func isCandidate(_ token: String) -> Bool {
        (hasThreeCharacters(token) || Tokenizer.isSpaceless(token.unicodeScalars.first ?? " "))
            && !token.utf8.contains(UInt8(ascii: "/")) && !token.utf8.contains(UInt8(ascii: "@"))
    }

    /// Whether `token` has at least three characters; ASCII tokens are counted by bytes.
    static func hasThreeCharacters(_ token: String) -> Bool {
        let utf8 = token.utf8
        guard utf8.count >= 3 else { return false }
        return utf8.allSatisfy { $0 < 0x80 } || token.count >= 3
    }
}

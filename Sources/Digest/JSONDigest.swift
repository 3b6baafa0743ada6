import Foundation
import Ledger

/// Renders one day's digest as JSON for scripts, in the versioned schema `digestd.digest/1`
/// (documented in `docs/digest-formats.md`).
///
/// Shape (keys sorted, two-space indentation, a final newline):
/// ```json
/// {
///   "articles": [ { "arrived": "2026-11-29T15:00:00+01:00", "boilerplate_dropped": 2, "keywords": ["harbour"],
///                   "language": "english", "path": "/srv/inbox/a.txt", "reading_minutes": 2,
///                   "sentences": 9, "sha256": "…", "source": "a.txt",
///                   "summary": ["…"], "title": "…", "top_story": 0, "words": 460 } ],
///   "day": "2026-11-29",
///   "schema": "digestd.digest/1",
///   "top_stories": [ { "articles": [0, 3], "headline": "…", "summary": ["…"] } ]
/// }
/// ```
/// `articles` is in arrival order; `top_stories[].articles` are indices into it; `top_story` is
/// absent for an article in no top story; `boilerplate_dropped` counts the lines of the article the
/// boilerplate filter left out (bylines, share prompts, a trailing "Most read" block). Strings are escaped beyond what JSON requires: `<`,
/// `>`, `&`, U+2028, U+2029, DEL, C1 controls, noncharacters and bidi formatting characters appear as
/// `\uXXXX`,
/// so the output can be embedded in HTML or printed on a terminal without being interpreted.
package enum JSONDigest {
    /// The schema identifier in every document; a change that breaks readers gets a new number.
    package static let schema = "digestd.digest/1"

    /// The JSON text of `digest`.
    package static func render(_ digest: DayDigest) -> String {
        let storyOf = digest.storyOfArticle
        let document = Document(
            schema: schema, day: digest.day,
            articles: digest.articles.enumerated().map { i, a in article(a, topStory: storyOf[i]) },
            topStories: digest.topStories.map { TopStoryEntry(headline: $0.headline, summary: $0.summary, articles: $0.members) })
        return text(of: document)
    }

    /// ``render(_:)`` of `digest` from one piece per article: the document rendered with its
    /// `articles` empty, and each article's object (``articlePiece(_:topStory:)``, which the
    /// writer keeps between writes) spliced into the array the way the encoder lays it out
    /// (one object per element, four spaces in, separated by `,` and a line break). Escaping maps
    /// each scalar on its own, so escaped pieces spliced are the escaped whole.
    /// `IncrementalWriteTests` holds it to ``render(_:)``'s bytes.
    static func assemble(_ digest: DayDigest, piece: (Int, Int?) -> String) -> String {
        var out = ""
        assemble(digest, into: &out, piece: piece)
        return out
    }

    /// ``assemble(_:piece:)`` into `out` (a ``FileOutput`` streams the pieces into the file).
    static func assemble<Out: TextSink>(_ digest: DayDigest, into out: inout Out, piece: (Int, Int?) -> String) {
        guard !digest.articles.isEmpty else { return out.write(render(digest)) }
        let skeleton = text(of: Document(
            schema: schema, day: digest.day, articles: [],
            topStories: digest.topStories.map { TopStoryEntry(headline: $0.headline, summary: $0.summary, articles: $0.members) }))
        let opening = "{\n  \"articles\" : ["
        guard skeleton.hasPrefix(opening), let close = skeleton.range(of: "]", range: skeleton.index(skeleton.startIndex, offsetBy: opening.count)..<skeleton.endIndex) else {
            return out.write(render(digest))
        }
        let storyOf = digest.storyOfArticle
        out.write(opening)
        out.write("\n")
        for i in digest.articles.indices {
            if i > 0 { out.write(",\n") }
            out.write(piece(i, storyOf[i]))
        }
        out.write("\n  ")
        out.write(skeleton[close.lowerBound...])
    }

    /// The object of `article` as an element of the document's `articles` array (its lines four
    /// spaces in, no separator), escaped like the document.
    static func articlePiece(_ record: ArticleRecord, topStory: Int?) -> String {
        let alone = text(of: article(record, topStory: topStory))
        // The encoder's own layout one level deeper: strings hold no raw line breaks.
        var out = ""
        out.reserveCapacity(alone.utf8.count + 256)
        var first = true
        for line in alone.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out += "\n" }
            first = false
            if !line.isEmpty { out += "    " }
            out += line
        }
        return out
    }

    private static func article(_ a: ArticleRecord, topStory: Int?) -> Article {
        Article(title: a.title, summary: a.sentences, source: ArticleFacts.sourceName(a), path: a.path,
                sha256: a.sha256, arrived: ArticleFacts.timestamp(a), words: a.wordCount,
                sentences: a.sentenceCount, readingMinutes: ArticleFacts.readingMinutes(a),
                keywords: a.keywords, language: a.language, topStory: topStory,
                boilerplateDropped: a.boilerplateDropped)
    }

    /// `value` encoded (sorted keys, two-space indentation), escaped beyond JSON, and a final
    /// line break.
    private static func text(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and arrays cannot fail; an empty object is never written.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return escapeBeyondJSON(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// Replaces the scalars listed in the type's documentation with `\uXXXX`. They can only occur
    /// inside strings (the structure is ASCII without them), so this keeps the document valid.
    static func escapeBeyondJSON(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            let v = s.value
            if s == "<" || s == ">" || s == "&" || v == 0x2028 || v == 0x2029 || (0x7F...0x9F).contains(v)
                || MarkupEscaping.isBidiControl(s) || MarkupEscaping.isNoncharacter(s) {
                out.append(contentsOf: unicodeEscape(s).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// The JSON `\uXXXX` escape of `scalar` (RFC 8259 section 7): four lowercase hex digits for a
    /// scalar in the Basic Multilingual Plane, and a UTF-16 surrogate pair (`\ud83f\udffe` for
    /// U+1FFFE) above U+FFFF. Defined for every scalar U+0000…U+10FFFF.
    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        func unit(_ u: UInt32) -> String {
            let hex = String(u, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        let v = scalar.value
        guard v > 0xFFFF else { return unit(v) }
        let offset = v - 0x10000
        return unit(0xD800 + (offset >> 10)) + unit(0xDC00 + (offset & 0x3FF))
    }

    struct Document: Encodable {
        let schema: String
        let day: String
        let articles: [Article]
        let topStories: [TopStoryEntry]

        enum CodingKeys: String, CodingKey {
            case schema, day, articles
            case topStories = "top_stories"
        }
    }

    struct Article: Encodable {
        let title: String
        let summary: [String]
        let source: String
        let path: String
        let sha256: String
        let arrived: String
        let words: Int
        let sentences: Int
        let readingMinutes: Int
        let keywords: [String]
        let language: String
        let topStory: Int?
        let boilerplateDropped: Int

        enum CodingKeys: String, CodingKey {
            case title, summary, source, path, sha256, arrived, words, sentences, keywords, language
            case readingMinutes = "reading_minutes"
            case topStory = "top_story"
            case boilerplateDropped = "boilerplate_dropped"
        }
    }

    struct TopStoryEntry: Encodable {
        let headline: String
        let summary: [String]
        let articles: [Int]
    }
}

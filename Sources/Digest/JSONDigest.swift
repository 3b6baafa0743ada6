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
            topStories: digest.topStories.map(TopStoryEntry.init))
        return text(of: document)
    }

    /// ``render(_:)`` of `digest` from one piece per article and one per top story, never
    /// encoding the whole document: the frame is the document encoded with both arrays empty (a
    /// constant few lines), and each article's object (``articlePiece(_:)``, which the writer
    /// keeps between writes, with its `top_story` line put in by ``write(_:topStory:into:)``)
    /// and each top story's object (``storyPiece(_:)``) is spliced into its array the way the
    /// encoder lays it out (one object per element, four spaces in, separated by `,` and a line
    /// break). Escaping maps each scalar on its own, so escaped pieces spliced are the escaped
    /// whole. `IncrementalWriteTests` holds it to ``render(_:)``'s bytes.
    static func assemble(_ digest: DayDigest, piece: (Int, Int?) -> String) -> String {
        var out = ""
        assemble(digest, into: &out, piece: { i, story, out in out.write(piece(i, story)) })
        return out
    }

    /// ``assemble(_:piece:)`` into `out` (a ``FileOutput`` streams the pieces into the file):
    /// `piece(i, s, &out)` writes article `i`'s object, in top story `s` (nil: in none);
    /// `story(s)` gives top story `s`'s object (``storyPiece(_:)``, or a kept copy of it).
    static func assemble<Out: TextSink>(_ digest: DayDigest, into out: inout Out, piece: (Int, Int?, inout Out) -> Void,
                                        story: ((Int) -> String)? = nil) {
        guard !digest.articles.isEmpty, let frame = frame(day: digest.day) else {
            return out.write(render(digest))
        }
        let storyOf = digest.storyOfArticle
        out.write(frame.opening)
        out.write("\n")
        for i in digest.articles.indices {
            if i > 0 { out.write(",\n") }
            piece(i, storyOf[i], &out)
        }
        out.write("\n  ")
        if digest.topStories.isEmpty {
            out.write(frame.empty)
            return
        }
        out.write(frame.middle)
        out.write("\n")
        for s in digest.topStories.indices {
            if s > 0 { out.write(",\n") }
            out.write(story?(s) ?? storyPiece(TopStoryEntry(digest.topStories[s])))
        }
        out.write("\n  ")
        out.write(frame.closing)
    }

    /// The document of `day` with no articles and no top stories, cut where the arrays' elements
    /// go: `opening` up to the `[` of `articles`; after the elements of `articles` (and the
    /// line break and two spaces before its `]`), `empty` is the rest of the document when there
    /// are no top stories, `middle` runs from that `]` to the `[` of `top_stories`, and
    /// `closing` from the `]` of `top_stories` to the end. Nil when the encoder lays the
    /// document out otherwise (then the caller encodes it whole).
    private static func frame(day: String) -> (opening: String, empty: String, middle: String, closing: String)? {
        let skeleton = text(of: Document(schema: schema, day: day, articles: [], topStories: []))
        let opening = "{\n  \"articles\" : ["
        let stories = "\"top_stories\" : ["
        guard skeleton.hasPrefix(opening),
              let close = skeleton.range(of: "]", range: skeleton.index(skeleton.startIndex, offsetBy: opening.count)..<skeleton.endIndex),
              let storiesOpen = skeleton.range(of: stories, range: close.upperBound..<skeleton.endIndex),
              let storiesClose = skeleton.range(of: "]", range: storiesOpen.upperBound..<skeleton.endIndex)
        else { return nil }
        return (opening, String(skeleton[close.lowerBound...]), String(skeleton[close.lowerBound..<storiesOpen.upperBound]),
                String(skeleton[storiesClose.lowerBound...]))
    }

    /// The line `top_story` takes in an article's object (``articlePiece(_:topStory:)``): it is
    /// put before the line of `words`, the key that sorts after it (the last of the object).
    private static let wordsLine = "\n      \"words\" : "

    /// The object of `record` as an element of the document's `articles` array (its lines four
    /// spaces in, no separator), escaped like the document, without its `top_story` line and cut
    /// where that line goes, so that the piece is kept whatever top story the article joins:
    /// ``write(_:topStory:into:)`` puts it together. Nil when the encoder's layout has no
    /// `words` line where expected (then use ``articlePiece(_:topStory:)``).
    static func articlePiece(_ record: ArticleRecord) -> (head: String, tail: String)? {
        let whole = articlePiece(record, topStory: nil)
        guard let cut = whole.range(of: wordsLine, options: .backwards) else { return nil }
        return (String(whole[..<cut.lowerBound]), String(whole[cut.lowerBound...]))
    }

    /// Writes a piece of ``articlePiece(_:)`` with the `top_story` line of `topStory` (none for
    /// nil): the bytes of ``articlePiece(_:topStory:)``.
    static func write<Out: TextSink>(_ piece: (head: String, tail: String), topStory: Int?, into out: inout Out) {
        out.write(piece.head)
        if let topStory {
            out.write("\n      \"top_story\" : ")
            out.write(String(topStory))
            out.write(",")
        }
        out.write(piece.tail)
    }

    /// The object of `record` as an element of the document's `articles` array (its lines four
    /// spaces in, no separator), escaped like the document.
    static func articlePiece(_ record: ArticleRecord, topStory: Int?) -> String {
        indented(text(of: article(record, topStory: topStory)))
    }

    /// The object of a top story as an element of the document's `top_stories` array (its lines
    /// four spaces in, no separator), escaped like the document.
    static func storyPiece(_ story: TopStoryEntry) -> String {
        indented(text(of: story))
    }

    /// `alone` (an encoded value and its final line break) as the encoder lays it out one level
    /// deeper, without the final line break: strings hold no raw line breaks, so every line but
    /// an empty one (an empty array's) gets four spaces.
    private static func indented(_ alone: String) -> String {
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

        init(headline: String, summary: [String], articles: [Int]) {
            self.headline = headline
            self.summary = summary
            self.articles = articles
        }

        init(_ story: TopStory) {
            self.init(headline: story.headline, summary: story.summary, articles: story.members)
        }
    }
}

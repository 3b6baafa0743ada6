/// Class/id words and short labels that mark page furniture rather than article text, after
/// Readability's `unlikelyCandidates`/`negative` patterns and trafilatura's discard rules.
///
/// Names are matched as words (``HTMLNode/tokens(of:)``), so `articleShareBar`,
/// `article-share-bar` and `article_share_bar` all hold `share`.
enum BoilerplateNames {
    /// What an element's class/id words say about it.
    struct Flags: OptionSet {
        let rawValue: UInt8
        /// Furniture: navigation, sharing, related stories, ads… (``isNegative(_:)``).
        static let negative = Flags(rawValue: 1)
        /// An article container word (``isPositive(_:)``).
        static let positive = Flags(rawValue: 2)
        /// Names the article body (``isArticleBody(_:)``).
        static let articleBody = Flags(rawValue: 4)
        /// An embedded post (``isEmbed(_:)``).
        static let embed = Flags(rawValue: 8)

        /// Furniture to leave out of the body: a furniture name that does not also name the
        /// article body or an embedded post.
        var isBoilerplate: Bool { contains(.negative) && !contains(.articleBody) && !contains(.embed) }
    }

    /// The flags of one element's class/id words.
    static func flags(_ tokens: [String]) -> Flags {
        flags(tokens.map(wordFlags))
    }

    /// What one class/id word says by itself; ``flags(_:)-([WordFlags])`` joins them.
    struct WordFlags: OptionSet, Hashable {
        let rawValue: UInt8
        /// ``isNegative(_:)`` of this word alone.
        static let negative = WordFlags(rawValue: 1)
        /// ``isPositive(_:)`` of this word alone.
        static let positive = WordFlags(rawValue: 2)
        /// ``isEmbed(_:)`` of this word alone.
        static let embed = WordFlags(rawValue: 4)
        /// A one-word article body name (`articlebody`, `entrycontent`…).
        static let articleBody = WordFlags(rawValue: 8)
        /// A container word that names the article body when a body word follows.
        static let container = WordFlags(rawValue: 16)
        /// A body word (`body`, `content`, `text`, `copy`).
        static let bodyWord = WordFlags(rawValue: 32)
    }

    /// The judgement of one word, for ``flags(_:)-([WordFlags])``.
    static func wordFlags(_ token: String) -> WordFlags {
        let one = [token]
        var flags: WordFlags = []
        if isNegative(one) { flags.insert(.negative) }
        if isPositive(one) { flags.insert(.positive) }
        if isEmbed(one) { flags.insert(.embed) }
        if isArticleBody(one) { flags.insert(.articleBody) }
        if articleContainers.contains(token) { flags.insert(.container) }
        if articleBodies.contains(token) { flags.insert(.bodyWord) }
        return flags
    }

    /// The flags of an element whose class/id words say `words`, in order: ``isNegative(_:)``,
    /// ``isPositive(_:)`` and ``isEmbed(_:)`` hold when they hold for one word, and
    /// ``isArticleBody(_:)`` for one word or for a container word right before a body word.
    static func flags(_ words: [WordFlags]) -> Flags {
        var any: WordFlags = []
        var pair = false
        var previous: WordFlags = []
        for word in words {
            any.formUnion(word)
            if previous.contains(.container), word.contains(.bodyWord) { pair = true }
            previous = word
        }
        var flags: Flags = []
        if any.contains(.negative) { flags.insert(.negative) }
        if any.contains(.positive) { flags.insert(.positive) }
        if any.contains(.articleBody) || pair { flags.insert(.articleBody) }
        if any.contains(.embed) { flags.insert(.embed) }
        return flags
    }

    /// Words that name furniture when a token equals them or starts with them.
    static let stems: [String] = [
        "advert", "banner", "breadcrumb", "byline", "caption", "comment", "consent", "cookie", "copyright", "credit",
        "dateline", "disqus", "donate", "footer", "gallery", "header", "masthead", "menu", "modal", "navbar",
        "navigation", "newsletter", "outbrain", "pagination", "paywall", "popular", "popup", "promo", "recirc",
        "recommend", "related", "share", "sharing", "sidebar", "signup", "slideshow", "social", "sponsor",
        "subscribe", "subscription", "taboola", "teaser", "timestamp", "toolbar", "trending", "widget", "carousel",
        "author", "newsfeed", "readmore", "mostread", "overlay", "tooltip", "login", "register", "popover",
        "hovercard",
    ]
    /// ``stems`` as UTF-8 bytes.
    private static let stemBytes: [[UInt8]] = stems.map { Array($0.utf8) }

    /// Words that name furniture only as a whole token (as prefixes they would hit real words).
    static let words: Set<String> = [
        "ad", "ads", "adslot", "nav", "tag", "tags", "date", "time", "skip", "pager", "hidden", "hide",
        "print", "noprint", "bio", "more", "sticky", "cta", "meta", "jump", "follow", "also", "sr", "byl", "aside",
        "footnotes", "breaking", "alert", "promoted", "video", "photo", "image", "img", "figure", "media",
        "credits", "dek", "kicker", "eyebrow", "prev", "previous",
    ]

    /// Words of article containers (Readability's `positive` pattern).
    static let positiveWords: Set<String> = [
        "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story", "prose",
        "richtext",
    ]

    static func isNegative(_ tokens: [String]) -> Bool {
        for token in tokens {
            if words.contains(token) { return true }
            var word = token
            let ascii = word.withUTF8 { bytes -> Bool? in
                // ASCII: a byte prefix is a character prefix (stems are ASCII letters).
                guard let p = bytes.baseAddress, !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                for stem in stemBytes where stem.count <= bytes.count && p[0] == stem[0] {
                    var k = 1
                    while k < stem.count, p[k] == stem[k] { k += 1 }
                    if k == stem.count { return true }
                }
                return false
            }
            if let ascii {
                if ascii { return true }
            } else {
                for stem in stems where token.hasPrefix(stem) { return true }
            }
        }
        return false
    }

    /// An embedded post (`social-media-embed`, `twitter-tweet`): quoted in the article, so part
    /// of it, although its name says "social".
    static func isEmbed(_ tokens: [String]) -> Bool {
        tokens.contains { $0 == "embed" || $0 == "tweet" || $0 == "embedded" }
    }

    static func isPositive(_ tokens: [String]) -> Bool {
        tokens.contains(where: positiveWords.contains)
    }

    /// `article-body`, `story_content`, `entry-content`, `post-body`, `articleBody`, `article-text`:
    /// a container word followed by a body word.
    static func isArticleBody(_ tokens: [String]) -> Bool {
        for (a, b) in zip(tokens, tokens.dropFirst()) where articleContainers.contains(a) && articleBodies.contains(b) { return true }
        return tokens.contains { $0 == "articlebody" || $0 == "storybody" || $0 == "articletext" || $0 == "entrycontent" || $0 == "postcontent" }
    }

    /// Words that name the article body when a word of ``articleBodies`` follows.
    static let articleContainers: Set<String> = ["article", "story", "entry", "post", "news", "blog"]
    static let articleBodies: Set<String> = ["body", "content", "text", "copy"]

    /// Short lines that are interface labels, not prose, compared without case and punctuation.
    static let labels: Set<String> = [
        "advertisement", "advertisements", "ad", "ads", "sponsored", "sponsored content", "share", "share this",
        "share this article", "share this story", "share on facebook", "share on twitter", "read more", "read more here",
        "continue reading", "continue reading below", "related", "related articles", "related stories",
        "recommended", "more", "comments", "skip ad", "story continues below", "story continues below advertisement",
        "advertisement continue reading below", "article continues below", "click to expand", "close", "menu",
        "loading", "subscribe", "sign up", "log in", "print", "email", "tweet", "facebook", "twitter", "linkedin",
        "whatsapp", "pinterest", "reddit", "copy link", "listen", "listen to this article", "play video",
        "watch video", "caption", "hide caption", "toggle caption", "enlarge this image", "image", "photo", "video",
        "scroll to continue with content", "continue reading the main story", "opens in new window", "advert",
        "sponsored links", "you may also like", "you may also be interested in", "more in", "tell us what you think",
        "related posts", "related content", "most popular", "most read", "trending now", "top stories",
    ]

    /// First words of a short line that is a byline, a dateline or an image credit standing
    /// alone: "By Ann Lund", "Updated at 1:23 p.m.", "Photo: …", "© Reuters 2019".
    static let standalonePrefixes = [
        "by ", "updated ", "published ", "posted ", "last updated", "photo:", "photos:", "image:", "credit:",
        "photo credit", "image credit", "picture:", "source:", "©", "(c) ", "copyright ", "all rights reserved",
    ]

    /// For ASCII text, what ``isLabel(_:)`` derives from it, byte by byte: the text in lower
    /// case, the key (letters and digits, every other run one space, trimmed) and the number of
    /// words between spaces. `nil` when a byte is not ASCII.
    private static func asciiLabelKey(_ bytes: UnsafeBufferPointer<UInt8>) -> (lower: String, key: String, words: Int)? {
        var lower: [UInt8] = [], key: [UInt8] = []
        lower.reserveCapacity(bytes.count)
        key.reserveCapacity(bytes.count)
        var words = 0
        var inWord = false, pendingSpace = false
        for byte in bytes {
            if byte >= 0x80 { return nil }
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            lower.append(folded)
            if (folded >= 0x61 && folded <= 0x7A) || (folded >= 0x30 && folded <= 0x39) {
                if pendingSpace, !key.isEmpty { key.append(0x20) }
                pendingSpace = false
                key.append(folded)
            } else {
                pendingSpace = true
            }
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        return (String(decoding: lower, as: UTF8.self), String(decoding: key, as: UTF8.self), words)
    }

    /// What ``isLabel(_:)`` derives from a text: its lower-case form, its key (its letters and
    /// digits, every other run one space, trimmed), its number of words between spaces, and
    /// whether it holds `©`.
    struct LabelKey: Equatable {
        let lower: String
        let key: String
        let words: Int
        let copyright: Bool
    }

    /// ``LabelKey`` from the characters of `text`: the definition, for any text.
    static func characterLabelKey(_ text: String) -> LabelKey {
        let lower = text.lowercased()
        return LabelKey(lower: lower, key: collapsed(String(lower.map { $0.isLetter || $0.isNumber ? $0 : " " })),
                        words: text.split(separator: " ").count, copyright: text.contains("©"))
    }

    /// ``characterLabelKey(_:)`` computed on Unicode scalars and bytes, for text whose scalars
    /// and those of its lower-case form are all ``isLoneScalar(_:)``, so that each character is
    /// one scalar (`\r\n` aside, which both count as blanks) and a character's
    /// `isLetter`/`isNumber` (Unicode Alphabetic / a numeric type, of its first scalar) is its
    /// scalar's; `nil` for any other text. The lower-case form is the scalars' full lower-case
    /// mappings in a row, which is how `String.lowercased()` maps a text that is not ASCII.
    static func loneScalarLabelKey(_ text: String) -> LabelKey? {
        var lower: [UInt8] = []
        lower.reserveCapacity(text.utf8.count + 8)
        var words = 0, inWord = false, copyright = false
        for scalar in text.unicodeScalars {
            guard isLoneScalar(scalar) else { return nil }
            let v = scalar.value
            if v == 0xA9 { copyright = true }
            if v == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
            if v < 0x80 {
                lower.append(v >= 0x41 && v <= 0x5A ? UInt8(v | 0x20) : UInt8(v))
            } else {
                lower.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        let lowerText = String(decoding: lower, as: UTF8.self)
        var key: [UInt8] = []
        key.reserveCapacity(lower.count)
        var pendingSpace = false
        for scalar in lowerText.unicodeScalars {
            guard isLoneScalar(scalar) else { return nil }
            let v = scalar.value
            let keep = v < 0x80 ? (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if keep {
                if pendingSpace, !key.isEmpty { key.append(0x20) }
                pendingSpace = false
                UTF8.encode(scalar) { key.append($0) }
            } else {
                pendingSpace = true
            }
        }
        return LabelKey(lower: lowerText, key: String(decoding: key, as: UTF8.self), words: words, copyright: copyright)
    }

    /// Whether `text` has at most 160 characters, counting at most 161: decided on scalars when
    /// its first 161 are lone scalars (``isLoneScalar(_:)``) other than `\r`, else on characters.
    static func hasAtMost160Characters(_ text: String) -> Bool {
        var count = 0
        for scalar in text.unicodeScalars {
            guard isLoneScalar(scalar), scalar.value != 0x0D else { return text.dropFirst(160).isEmpty }
            count += 1
            if count > 160 { return false } // 161 lone scalars are 161 characters
        }
        return true
    }

    /// Whether `scalar` always forms a character (an extended grapheme cluster, UAX #29) by
    /// itself: ASCII (where only `\r\n` joins) and blocks without combining marks, joiners,
    /// controls or prepended marks: Latin-1 and Latin Extended-A/B, IPA and spacing modifier
    /// letters (U+00A0–U+02FF, less the soft hyphen), Greek, Cyrillic (less U+0483–U+0489),
    /// general punctuation (less the zero-width and direction controls), currency signs, CJK
    /// punctuation, kana and ideographs (less their combining marks), full-width forms.
    static func isLoneScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x7F, 0xA0...0xAC, 0xAE...0x2FF, 0x370...0x3FF, 0x400...0x482, 0x48A...0x52F, 0x2000...0x200A,
             0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x3000...0x3029, 0x3030...0x303F, 0x3041...0x3096,
             0x309B...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF9D:
            true
        default:
            false
        }
    }

    /// `30/11/2026`, `2026-11-30`, `11.30.26` at the start: a dateline.
    static func startsWithNumericDate(_ text: String) -> Bool {
        var groups = 0, digits = 0
        for ch in text.prefix(12) {
            if ch.isASCII, ch.isNumber {
                digits += 1
                if digits > 4 { return false }
            } else if (ch == "/" || ch == "-" || ch == "."), digits > 0 {
                groups += 1
                digits = 0
            } else {
                break
            }
        }
        return groups >= 2 && digits > 0
    }

    /// Whether `text` is only an interface label (see ``labels``), or a short byline, dateline,
    /// image credit or copyright line standing alone (``standalonePrefixes``, at most 12 words
    /// and not ending like a sentence, or holding `©` within 15 words).
    static func isLabel(_ text: String) -> Bool {
        // At most 160 characters; counted only up to 161, since blocks can be long.
        guard text.utf8.count <= 160 || hasAtMost160Characters(text) else { return false }
        var source = text
        let ascii = source.withUTF8(asciiLabelKey)
        let other = ascii == nil ? loneScalarLabelKey(text) ?? characterLabelKey(text) : nil
        let lower = ascii?.lower ?? other?.lower ?? ""
        let key = ascii?.key ?? other?.key ?? ""
        if key.isEmpty || labels.contains(key) { return true }
        let words = ascii?.words ?? other?.words ?? 0
        if words <= 15, other?.copyright == true { return true }
        if words <= 25, startsWithNumericDate(text), !text.hasSuffix(".") { return true }
        guard words <= 12, !(text.hasSuffix(".") && !lower.hasSuffix("m.")) || lower.hasPrefix("updated") || lower.hasPrefix("published") else {
            return false
        }
        return standalonePrefixes.contains { lower.hasPrefix($0) }
    }
}

/// Reduces Markdown (CommonMark, with the common GitHub extensions) to plain article text.
///
/// Block rules: YAML front matter, fenced code blocks, HTML comments, link reference
/// definitions, thematic breaks and table delimiter rows are dropped; the first level-1 heading
/// (ATX `# Title` or setext `Title` over `===`), or a heading on the first line, becomes the
/// title, and every other heading its own paragraph; block-quote markers are removed; list items
/// keep a `- ` or `1. ` marker on their own line (the sentence segmenter starts a sentence there).
/// Inline rules: images are dropped, links and autolinks keep their text, emphasis, strike-through
/// and code-span delimiters and backslash escapes are removed, inline HTML tags are dropped.
///
/// A hand-written line scanner, linear in the input: no regular expressions, so a 10 MB file
/// costs about as much as reading it.
public enum MarkdownExtractor {
    /// - Parameter text: Markdown source with LF line ends.
    /// - Returns: the title (or `nil`) and the body, paragraphs separated by blank lines.
    public static func extract(_ text: String) -> ExtractedArticle {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        dropFrontMatter(&lines)
        var title: String?
        var out: [String] = []
        var fence: (marker: Character, length: Int)?
        var inComment = false
        var previousRawBlank = true
        var sawContent = false

        func heading(_ text: String, level: Int) {
            let text = inline(text)
            if title == nil, level == 1 || !sawContent, !text.isEmpty {
                title = text
            } else if !text.isEmpty {
                out.append("")
                out.append(text)
                out.append("")
            }
            sawContent = true
        }

        for raw in lines {
            let trimmed = raw.trimmingSpaces()
            if let open = fence {
                if let close = fenceMarker(trimmed), close.marker == open.marker, close.length >= open.length,
                   trimmed.allSatisfy({ $0 == open.marker }) {
                    fence = nil
                    out.append("")
                }
                continue
            }
            if inComment {
                if trimmed.contains("-->") { inComment = false }
                continue
            }
            if trimmed.hasPrefix("<!--") {
                if !trimmed.contains("-->") { inComment = true }
                previousRawBlank = true
                continue
            }
            if let marker = fenceMarker(trimmed), leadingSpaces(raw) < 4 {
                fence = marker
                out.append("")
                continue
            }
            if trimmed.isEmpty {
                out.append("")
                previousRawBlank = true
                continue
            }
            defer { previousRawBlank = false }
            // Setext underline: the paragraph line just above is a heading.
            if !previousRawBlank, let last = out.last, !last.isEmpty,
               trimmed.allSatisfy({ $0 == "=" }) || (trimmed.allSatisfy({ $0 == "-" }) && trimmed.count >= 2) {
                out.removeLast()
                sawContent = !out.allSatisfy(\.isEmpty)
                heading(last, level: trimmed.first == "=" ? 1 : 2)
                continue
            }
            if isThematicBreak(trimmed) {
                out.append("")
                continue
            }
            if let (level, text) = atxHeading(trimmed) {
                heading(text, level: level)
                continue
            }
            if isReferenceDefinition(trimmed) { continue }
            var line = trimmed
            while line.hasPrefix(">") {
                line = String(line.dropFirst()).trimmingSpaces()
            }
            if line.isEmpty {
                out.append("")
                continue
            }
            if line.hasPrefix("|") || (line.contains("|") && line.hasSuffix("|")) {
                if isTableDelimiter(line) { continue }
                line = line.split(separator: "|").map { inline(String($0).trimmingSpaces()) }.filter { !$0.isEmpty }.joined(separator: ", ")
                out.append(line)
                sawContent = true
                continue
            }
            if let rest = bulletItem(line) {
                out.append("- " + inline(rest))
            } else {
                let text = inline(line)
                if !text.isEmpty || out.last != "" { out.append(text) }
            }
            sawContent = true
        }
        return ExtractedArticle(title: title, body: collapseBlankLines(out), format: .markdown)
    }

    // MARK: blocks

    private static func dropFrontMatter(_ lines: inout [String]) {
        guard lines.first?.trimmingSpaces() == "---" else { return }
        for i in 1..<min(lines.count, 100) {
            let t = lines[i].trimmingSpaces()
            if t == "---" || t == "..." {
                lines.removeFirst(i + 1)
                return
            }
            if !t.isEmpty, !t.contains(":"), !t.hasPrefix("-"), !t.hasPrefix("#"), !t.hasPrefix(" ") { return }
        }
    }

    private static func leadingSpaces(_ line: String) -> Int {
        var n = 0
        for c in line {
            if c == " " { n += 1 } else if c == "\t" { n += 4 } else { break }
        }
        return n
    }

    /// "```" or "~~~" (three or more) at the start of a trimmed line.
    private static func fenceMarker(_ trimmed: String) -> (marker: Character, length: Int)? {
        guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let length = trimmed.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        if first == "`", trimmed.dropFirst(length).contains("`") { return nil }
        return (first, length)
    }

    private static func isThematicBreak(_ trimmed: String) -> Bool {
        guard let first = trimmed.first, first == "-" || first == "*" || first == "_" else { return false }
        var count = 0
        for c in trimmed {
            if c == first { count += 1 } else if c != " " && c != "\t" { return false }
        }
        return count >= 3
    }

    private static func atxHeading(_ trimmed: String) -> (Int, String)? {
        let level = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = trimmed.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = String(rest).trimmingSpaces()
        // Optional closing sequence: " ##".
        while text.hasSuffix("#") { text.removeLast() }
        return (level, text.trimmingSpaces())
    }

    /// `[label]: destination` (and footnote definitions `[^1]: …`, which are notes, not the article).
    private static func isReferenceDefinition(_ trimmed: String) -> Bool {
        guard trimmed.first == "[", let close = trimmed.firstIndex(of: "]") else { return false }
        let after = trimmed[trimmed.index(after: close)...]
        return after.hasPrefix(":") && after.count > 1
    }

    private static func isTableDelimiter(_ line: String) -> Bool {
        line.contains("-") && line.allSatisfy { "|-: \t".contains($0) }
    }

    /// The text of a list item, or nil: `- `, `* `, `+ ` bullets (unified to `- `).
    private static func bulletItem(_ line: String) -> String? {
        guard line.count >= 2, let first = line.first, "-*+".contains(first) else { return nil }
        let second = line[line.index(after: line.startIndex)]
        guard second == " " || second == "\t" else { return nil }
        return String(line.dropFirst(2)).trimmingSpaces()
    }

    private static func collapseBlankLines(_ lines: [String]) -> String {
        var out: [String] = []
        for line in lines {
            if line.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }

    // MARK: inline

    /// Longest span (in characters) a link, tag or code span may cover: real ones close within
    /// a few hundred characters. Together with ``InlineScanner``'s precomputed closers this keeps
    /// a hostile line (`[[[[…`, `<<<<…`, megabytes long) linear.
    static let lookahead = 2_000
    /// Link text inside link text is reduced only this deep; deeper text is kept as it is.
    static let maximumNesting = 4

    /// Removes inline Markdown syntax from one line.
    static func inline(_ line: String) -> String {
        inline(Array(line), depth: 0)
    }

    private static func inline(_ c: [Character], depth: Int) -> String {
        let scanner = InlineScanner(c)
        var out = ""
        out.reserveCapacity(c.count)
        var i = 0
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "\\" where i + 1 < c.count && (c[i + 1].isPunctuation || c[i + 1].isSymbol):
                out.append(c[i + 1])
                i += 2
            case "!" where i + 1 < c.count && c[i + 1] == "[":
                if let (_, end) = scanner.link(at: i + 1) {
                    i = end // an image: its alt text is not article text
                } else {
                    out.append(ch)
                    i += 1
                }
            case "[":
                if let (text, end) = scanner.link(at: i) {
                    out += depth < maximumNesting ? inline(Array(c[text]), depth: depth + 1) : String(c[text])
                    i = end
                } else {
                    out.append(ch)
                    i += 1
                }
            case "`":
                let run = scanner.runLength[i]
                if let close = scanner.closingRun[i], close - i <= lookahead {
                    out += String(c[(i + run)..<close]).trimmingSpaces()
                    i = close + run
                } else {
                    out += String(repeating: "`", count: run)
                    i += run
                }
            case "<":
                if let close = scanner.nextAngle[i], close - i <= lookahead {
                    let inside = String(c[(i + 1)..<close])
                    if inside.hasPrefix("http://") || inside.hasPrefix("https://") || inside.hasPrefix("mailto:") {
                        out += inside.hasPrefix("mailto:") ? String(inside.dropFirst(7)) : inside
                        i = close + 1
                        continue
                    }
                    if let f = inside.first, f.isLetter || f == "/" || f == "!", !inside.contains(" ") || f.isLetter {
                        i = close + 1 // inline HTML tag
                        continue
                    }
                }
                out.append(ch)
                i += 1
            case "*", "~":
                let run = scanner.runLength[i]
                let before = i > 0 ? c[i - 1] : " "
                let after = i + run < c.count ? c[i + run] : " "
                if ch == "~" && run < 2 || before.isWhitespace && after.isWhitespace {
                    out += String(repeating: ch, count: run) // "5 * 3", a lone tilde
                }
                i += run
            case "_":
                let run = scanner.runLength[i]
                let before = i > 0 ? c[i - 1] : " "
                let after = i + run < c.count ? c[i + run] : " "
                let intraword = (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber)
                if intraword || before.isWhitespace && after.isWhitespace {
                    out += String(repeating: "_", count: run)
                }
                i += run
            default:
                out.append(ch)
                i += 1
            }
        }
        return out.trimmingSpaces()
    }
}

/// Where each inline construct of one line closes, computed in one pass each, so that reducing
/// the line is linear however many unclosed openers it holds.
private struct InlineScanner {
    /// For a `[` at i: the index of its matching `]` (nesting counted, escapes skipped).
    var closingBracket: [Int: Int] = [:]
    /// For a `(` at i: the index of its matching `)`.
    var closingParen: [Int: Int] = [:]
    /// For the first character of a run of `` ` ``, `*`, `~` or `_`: the run's length (1 elsewhere).
    var runLength: [Int]
    /// For the first backtick of a run: the start of the next backtick run of the same length.
    var closingRun: [Int: Int] = [:]
    /// For each index: the next `>` at or after it.
    var nextAngle: [Int?]
    let characters: [Character]

    init(_ c: [Character]) {
        characters = c
        runLength = Array(repeating: 1, count: c.count)
        nextAngle = Array(repeating: nil, count: c.count)
        var next: Int?
        for i in stride(from: c.count - 1, through: 0, by: -1) {
            if c[i] == ">" { next = i }
            nextAngle[i] = next
        }
        var brackets: [Int] = [], parens: [Int] = []
        var runs: [(start: Int, length: Int)] = []
        var i = 0
        while i < c.count {
            switch c[i] {
            case "\\":
                i += 2
                continue
            case "[": brackets.append(i)
            case "]": if let open = brackets.popLast() { closingBracket[open] = i }
            case "(": parens.append(i)
            case ")": if let open = parens.popLast() { closingParen[open] = i }
            case "`", "*", "~", "_":
                var j = i
                while j < c.count, c[j] == c[i] { j += 1 }
                runLength[i] = j - i
                if c[i] == "`" { runs.append((i, j - i)) }
                i = j
                continue
            default: break
            }
            i += 1
        }
        var nextRunOfLength: [Int: Int] = [:]
        for run in runs.reversed() {
            closingRun[run.start] = nextRunOfLength[run.length]
            nextRunOfLength[run.length] = run.start
        }
    }

    /// `[text](destination)`, `[text][ref]` or `[text][]` opening at `start`: the text's range
    /// and the index after the construct.
    func link(at start: Int) -> (Range<Int>, Int)? {
        guard let close = closingBracket[start], close - start <= MarkdownExtractor.lookahead else { return nil }
        let next = close + 1
        guard next < characters.count else { return nil }
        if characters[next] == "(", let end = closingParen[next], end - next <= MarkdownExtractor.lookahead {
            return ((start + 1)..<close, end + 1)
        }
        if characters[next] == "[", let end = closingBracket[next], end - next <= MarkdownExtractor.lookahead {
            return ((start + 1)..<close, end + 1)
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}

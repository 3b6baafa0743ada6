import CYAML
import TOMLKit

/// The metadata block at the top of a Markdown note, as Jekyll, Hugo and other static-site tools
/// write it: YAML between `---` lines, or TOML between `+++` lines.
///
/// The block runs from a first line that is exactly `---` (or `+++`) to the next line that is
/// exactly `---` or `...` (or `+++`); trailing spaces are allowed. It is front matter when it
/// parses as a YAML mapping (libyaml, YAML 1.1) or a TOML table (TOMLKit, TOML 1.0), or, for a
/// YAML block that does not parse, when its first line reads `key:`; otherwise the `---` is a
/// thematic break and the text after it is article text. Everything in front matter is
/// metadata, never article text. Its top-level `title` is the title (quoted, plain, folded `>`
/// and literal `|` values all come out as the YAML value).
struct FrontMatter: Equatable {
    /// The top-level `title`, white space collapsed; `nil` when absent, empty or not a string.
    var title: String?
    /// The Markdown after the block's closing line.
    var rest: Substring

    /// Splits `text` into its front matter and the rest; `nil` when the text has no front matter.
    /// - Parameter text: the note with LF line ends.
    init?(_ text: String) {
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let opener = first.trimmingTrailingSpaces()
        let isTOML = opener == "+++"
        guard opener == "---" || isTOML, lines.count == 2 else { return nil }
        let body = lines[1]
        var start = body.startIndex
        while start < body.endIndex {
            let end = body[start...].firstIndex(of: "\n") ?? body.endIndex
            let line = body[start..<end].trimmingTrailingSpaces()
            if isTOML ? line == "+++" : line == "---" || line == "..." {
                let block = String(body[body.startIndex..<start])
                if isTOML {
                    guard let table = try? TOMLTable(string: block) else { return nil }
                    title = table["title"]?.string.flatMap(Self.cleaned)
                } else {
                    let yaml = Self.yaml(block)
                    guard yaml.isMapping || yaml.failed && Self.startsWithKey(block) else { return nil }
                    title = yaml.title
                }
                rest = end < body.endIndex ? body[body.index(after: end)...] : body[end...]
                return
            }
            start = end < body.endIndex ? body.index(after: end) : end
        }
        return nil
    }

    private static func cleaned(_ value: String) -> String? {
        let words = value.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// `key:` on the first non-blank line: a word of letters, digits, `_` or `-`, then a colon.
    private static func startsWithKey(_ block: String) -> Bool {
        guard let line = block.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }),
              let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon]
        return !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// What libyaml's event stream says of a block: whether its document is a mapping, that
    /// mapping's top-level `title` when it is a scalar, and whether parsing failed.
    static func yaml(_ block: String) -> (isMapping: Bool, title: String?, failed: Bool) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return (false, nil, true) }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(block.utf8)
        var isMapping = false
        var title: String?
        let failed = bytes.withUnsafeBufferPointer { buffer -> Bool in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var expectKey = true
            var key: String?
            // Events are bounded by the input's size; the cap only guards against a parser bug.
            for _ in 0..<(bytes.count + 16) {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return true }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    return false
                case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                    if depth == 0 { isMapping = event.type == YAML_MAPPING_START_EVENT }
                    if depth == 1 { expectKey = false } // a collection value (or key) at the top
                    depth += 1
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    depth -= 1
                    if depth == 1 { expectKey = true; key = nil }
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
                    guard depth == 1, isMapping else { continue }
                    if expectKey {
                        key = event.type == YAML_SCALAR_EVENT ? scalar(event) : nil
                        expectKey = false
                    } else {
                        if key == "title", event.type == YAML_SCALAR_EVENT, title == nil { title = cleaned(scalar(event)) }
                        expectKey = true
                        key = nil
                    }
                default:
                    continue
                }
            }
            return true
        }
        return (isMapping, title, failed)
    }

    private static func scalar(_ event: yaml_event_t) -> String {
        let value = event.data.scalar
        guard let pointer = value.value else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: value.length), as: UTF8.self)
    }
}

extension Substring {
    /// Without trailing spaces and tabs.
    func trimmingTrailingSpaces() -> Substring {
        // One slice, not one `dropLast()` per character (quadratic on a long run of spaces).
        self[..<(lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? startIndex)]
    }
}

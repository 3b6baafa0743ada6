/// Journal field values made safe to send: printable and of bounded size.
///
/// journald stores a value holding control characters as binary data, and
/// `journalctl` then shows `[N bytes blob data]` instead of the text; a huge
/// value (a 300 KB one-line article, field case F49) bloats every entry.
/// ``clean(_:maxBytes:)`` fixes both before a value is sent.
package enum JournalValue {
    /// The default cap on one field value, in bytes of UTF-8, including the
    /// `…` that marks a cut.
    package static let defaultMaxBytes = 4096

    /// The mark put at the end of a value that was cut.
    package static let ellipsis = "…"

    /// Replaces every control character by a space and caps the size.
    ///
    /// Control characters are the Unicode general category `Cc`: C0 (including
    /// newline and tab), DEL and C1. A cut happens on a character boundary, so
    /// the result is always valid UTF-8, and ends with ``ellipsis``.
    ///
    /// - Parameters:
    ///   - value: Any text.
    ///   - maxBytes: The largest result, in bytes of UTF-8 (at least 4, so that
    ///     the ellipsis fits; smaller values are raised to 4).
    /// - Returns: The cleaned text, and whether it was cut.
    /// - Complexity: O(n) in the length of `value`.
    package static func clean(_ value: String, maxBytes: Int = defaultMaxBytes) -> (text: String, truncated: Bool) {
        let limit = max(maxBytes, ellipsis.utf8.count + 1)
        var text = value
        if value.unicodeScalars.contains(where: isControl) {
            var scrubbed = String.UnicodeScalarView()
            for scalar in value.unicodeScalars {
                scrubbed.append(isControl(scalar) ? " " : scalar)
            }
            text = String(scrubbed)
        }
        guard text.utf8.count > limit else { return (text, false) }

        // Cut on a grapheme boundary so that no combining mark is left dangling.
        let budget = limit - ellipsis.utf8.count
        var bytes = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            if bytes + size > budget { break }
            bytes += size
            end = text.index(after: index)
        }
        return (String(text[..<end]) + ellipsis, true)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}

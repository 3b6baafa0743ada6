/// Journal field-name rules: which names journald accepts, and how any other
/// name is made acceptable.
///
/// journald keeps a field only if its name matches `^[A-Z][A-Z0-9_]{0,63}$`
/// (systemd `journal_field_valid()`: 1 to 64 characters, `A–Z`, `0–9` and `_`,
/// no leading digit, and no leading underscore because those names are reserved
/// for the trusted fields journald adds itself). An entry carrying an invalid
/// name is not rejected; journald drops that one field and complains, so a
/// metadata key such as `article.path` would vanish silently. ``sanitize(_:)``
/// turns such keys into valid names instead (field case F47).
package enum JournalFieldName {
    /// The longest field name journald accepts, in bytes (systemd `journal_field_valid()`).
    package static let maxLength = 64

    /// Whether journald accepts `name` as a field name sent by a client, unchanged.
    ///
    /// - Parameter name: A candidate field name.
    /// - Returns: `true` when `name` matches `^[A-Z][A-Z0-9_]{0,63}$`.
    /// - Complexity: O(n) in the length of `name`.
    package static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maxLength, isUpper(first) else { return false }
        return bytes.allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Makes a field name journald accepts out of any metadata key.
    ///
    /// The rules, in order: ASCII letters are upper-cased; every other character
    /// (grapheme cluster) outside `[A-Z0-9_]` becomes one `_`; an `X` is put in
    /// front when the result does not start with a letter; the result is cut to
    /// ``maxLength`` characters. Examples: `article.path` → `ARTICLE_PATH`,
    /// `_ARTICLE` → `X_ARTICLE`, `1ST_TRY` → `X1ST_TRY`, `ÄRTIKEL` → `X_RTIKEL`.
    ///
    /// - Parameter name: A metadata key, as given to swift-log.
    /// - Returns: A name for which ``isValid(_:)`` is `true`, or `nil` when `name`
    ///   is empty: an empty key carries no meaning, and the caller drops the pair.
    /// - Complexity: O(n) in the length of `name`.
    package static func sanitize(_ name: String) -> String? {
        guard !name.isEmpty else { return nil }
        if isValid(name) { return name }
        var out: [UInt8] = []
        out.reserveCapacity(min(name.utf8.count, maxLength + 1))
        for character in name {
            // A grapheme cluster that is one ASCII scalar keeps its identity; any
            // other character (non-ASCII letter, combining sequence) is one `_`.
            if character.unicodeScalars.count == 1, let ascii = character.asciiValue {
                if isUpper(ascii) || isDigit(ascii) || ascii == UInt8(ascii: "_") {
                    out.append(ascii)
                } else if ascii >= UInt8(ascii: "a") && ascii <= UInt8(ascii: "z") {
                    out.append(ascii - 32)
                } else {
                    out.append(UInt8(ascii: "_"))
                }
            } else {
                out.append(UInt8(ascii: "_"))
            }
            if out.count > maxLength { break }  // one spare for a possible `X` prefix cut below
        }
        if let first = out.first, !isUpper(first) {
            out.insert(UInt8(ascii: "X"), at: 0)
        }
        if out.count > maxLength { out.removeLast(out.count - maxLength) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUpper(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

/// The stems of texts that recent digest writes looked at, so that a write does not tokenize and
/// stem the same titles, summary sentences and keywords again (every write re-reads its whole day,
/// and top-story grouping needs every article's terms).
///
/// A pure memo: the stems of a text depend on the text and language alone, so a hit returns what
/// computing would. Memory stays bounded by what the last two writes used: ``startWrite()`` drops
/// every entry the previous write did not touch.
final class TermCache: Sendable {
    /// Compared and hashed by UTF-8 bytes: `String` hashing normalizes non-ASCII text first.
    private struct Key: Hashable, Sendable {
        let text: String
        let language: String

        static func == (a: Key, b: Key) -> Bool {
            a.text.utf8.elementsEqual(b.text.utf8) && a.language == b.language
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(language)
        }
    }

    private let memo = RecentMemo<Key, [String]>()

    init() {}

    /// Starts a write: entries not used since the previous call are dropped.
    func startWrite() {
        memo.startWrite()
    }

    /// Drops every entry.
    func removeAll() {
        memo.removeAll()
    }

    /// Entries kept (see ``RecentMemo/count``).
    var count: Int { memo.count }

    /// The stems of `text` in `language`, computed by `compute` on a miss.
    func terms(_ text: String, language: String, compute: () -> [String]) -> [String] {
        let key = Key(text: text, language: language)
        if let hit = memo.value(for: key) { return hit }
        let terms = compute()
        memo.store(terms, for: key)
        return terms
    }
}

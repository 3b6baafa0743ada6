/// The set of texts seen so far, for dropping repeats: ``insert(_:)`` says whether a text is new.
/// Texts are equal when their UTF-8 bytes are (not by Unicode canonical equivalence, as
/// `String`'s `==`: a sentence repeated in another normalization form is kept).
///
/// An article's sentences are long strings, and a `Set<String>` hashed each one whole with
/// SipHash and rehashed all of them at every growth (about 4 % of a cold pass, callgrind). Here
/// each text is keyed by its 64-bit FNV-1a hash (Fowler, Noll & Vo; the FNV-1a variant of
/// draft-eastlake-fnv), and a text whose hash was seen is compared byte for byte with the one
/// kept under it; the rare different text with an equal hash is compared with the others that
/// collided, one by one (the summarizer passes at most
/// ``Summarizer/maximumRankedSentences`` texts, so even crafted collisions stay bounded).
struct DistinctTexts {
    /// The first text seen with each hash, by its index in ``texts``.
    private var firstByHash: [UInt64: Int] = [:]
    private var texts: [String] = []
    /// Texts whose hash equals that of a different text seen before them.
    private var collided: [String] = []

    /// - Parameter capacity: how many texts to make room for.
    init(capacity: Int = 0) {
        firstByHash.reserveCapacity(capacity)
        texts.reserveCapacity(capacity)
    }

    /// Adds `text`; false when an equal text (same UTF-8 bytes) was added before.
    mutating func insert(_ text: String) -> Bool {
        let hash = Self.fnv1a(text)
        guard let first = firstByHash[hash] else {
            firstByHash[hash] = texts.count
            texts.append(text)
            return true
        }
        if texts[first].utf8.elementsEqual(text.utf8) { return false }
        if collided.contains(where: { $0.utf8.elementsEqual(text.utf8) }) { return false }
        collided.append(text)
        return true
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        text.withUTF8Bytes { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            return hash
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Open-addressing hash maps for the caches the tree builder consults on every element and
/// attribute (``HTMLTreeBuilder``, ``PageMeta``): tag and attribute names by their pointer into
/// libxml2's name dictionary, class/id values and words by their bytes. Swift's `Dictionary`
/// hashes each key with SipHash-1-3 and a `String` key first needs a `String`; these hash a
/// pointer with one multiplication and bytes with FNV-1a (Fowler, Noll, Vo), and look bytes up
/// without making a string. Linear probing over a power-of-two table kept at most half full
/// (Knuth, TAOCP vol. 3, §6.4, algorithm L). Single-threaded values, one per page.

/// Values keyed by pointer identity.
struct PointerTable<Value> {
    private var keys: [UnsafeRawPointer?]
    private var values: [Value?]
    private var count = 0

    /// - Parameter capacity: initial slots, a power of two.
    init(capacity: Int = 64) {
        keys = Array(repeating: nil, count: capacity)
        values = Array(repeating: nil, count: capacity)
    }

    /// Fibonacci hashing of the pointer's bits (its low bits are alignment).
    @inline(__always) private static func slot(_ key: UnsafeRawPointer, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored for `key`, or `nil`.
    func value(for key: UnsafeRawPointer) -> Value? {
        let mask = keys.count - 1
        var i = Self.slot(key, mask: mask)
        while let stored = keys[i] {
            if stored == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `key` (which must not be stored yet).
    mutating func insert(_ value: Value, for key: UnsafeRawPointer) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = Self.slot(key, mask: mask)
        while keys[i] != nil { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        count = 0
        for (key, value) in zip(oldKeys, oldValues) {
            if let key, let value { insert(value, for: key) }
        }
    }
}

/// Values keyed by a byte string (compared byte for byte).
struct BytesTable<Value> {
    private struct Entry {
        let hash: UInt64
        /// Where the key's bytes are in ``keys``.
        let start: Int
        let length: Int
        let value: Value
    }

    private var entries: [Entry?]
    /// Every key's bytes, one after the other (one allocation for all keys, not one each).
    private var keys: [UInt8] = []
    private var count = 0

    /// - Parameter capacity: initial slots, a power of two.
    init(capacity: Int = 256) {
        entries = Array(repeating: nil, count: capacity)
    }

    /// FNV-1a, 64 bits.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    @inline(__always) private static func slot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// The value stored for `bytes`, or `nil`.
    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        value(for: bytes, hash: Self.hash(bytes))
    }

    /// ``value(for:)`` when the caller has the hash (``hash(_:)``) already.
    func value(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        let mask = entries.count - 1
        var i = Self.slot(hash, mask: mask)
        while let entry = entries[i] {
            if entry.hash == hash, entry.length == bytes.count,
               keys.withUnsafeBufferPointer({ all in
                   guard let a = all.baseAddress, let b = bytes.baseAddress else { return true } // both empty
                   return memcmp(a + entry.start, b, bytes.count) == 0
               }) {
                return entry.value
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `bytes` (which must not be stored yet).
    mutating func insert(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        let start = keys.count
        keys.append(contentsOf: bytes)
        insert(Entry(hash: hash, start: start, length: bytes.count, value: value))
    }

    private mutating func insert(_ entry: Entry) {
        if (count + 1) * 2 > entries.count { grow() }
        let mask = entries.count - 1
        var i = Self.slot(entry.hash, mask: mask)
        while entries[i] != nil { i = (i + 1) & mask }
        entries[i] = entry
        count += 1
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: nil, count: old.count * 2)
        count = 0
        for case let entry? in old { insert(entry) }
    }
}

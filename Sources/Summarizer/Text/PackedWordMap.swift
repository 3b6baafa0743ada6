/// A growable open-addressing hash map from a ``PackedWord``'s bits to a value: linear
/// probing, a fixed multiplicative hash (Fibonacci hashing, Knuth, TAOCP vol. 3, 6.4), at most
/// half full. The analysers' per-token memos look a packed word up for nearly every token;
/// `Dictionary<UInt64, _>` hashed each key with SipHash first, a tenth of the look-up path of a
/// cold pass (callgrind).
///
/// Only look-ups and insertions: nothing iterates the map, so its slot order never reaches
/// any output.
struct PackedWordMap<Value> {
    /// 0 marks an empty slot: a packed word holds at least one non-NUL byte, so its bits are
    /// never 0.
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var count = 0

    /// - Parameter capacity: words to hold before the first growth.
    init(capacity: Int = 0) {
        var slots = 16
        while slots < 2 * capacity { slots *= 2 }
        keys = [UInt64](repeating: 0, count: slots)
        values = [Value?](repeating: nil, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
    }

    private func slot(_ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value kept for `bits` (a ``PackedWord/bits``), nil when none.
    subscript(bits: UInt64) -> Value? {
        get {
            let mask = keys.count - 1
            var index = slot(bits)
            while true {
                let key = keys[index]
                if key == bits { return values[index] }
                if key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
        set {
            guard let newValue, bits != 0 else { return }
            insert(newValue, for: bits)
        }
    }

    /// Keeps `value` for `bits` (non-zero), replacing the value kept before.
    private mutating func insert(_ value: Value, for bits: UInt64) {
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var index = slot(bits)
        while keys[index] != 0, keys[index] != bits { index = (index + 1) & mask }
        if keys[index] == 0 { count += 1 }
        keys[index] = bits
        values[index] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: 2 * oldKeys.count)
        values = [Value?](repeating: nil, count: 2 * oldKeys.count)
        shift -= 1
        count = 0
        for (index, key) in oldKeys.enumerated() where key != 0 {
            if let value = oldValues[index] { insert(value, for: key) }
        }
    }
}

extension PackedWordMap: Sendable where Value: Sendable {}

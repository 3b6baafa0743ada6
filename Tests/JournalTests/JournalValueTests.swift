import Logging
import Testing

@testable import Journal

@Suite("Journal values")
struct JournalValueTests {
    @Test("control characters become spaces", arguments: [
        ("a\nb", "a b"), ("a\tb", "a b"), ("a\u{0}b", "a b"), ("a\u{1b}[31mb", "a [31mb"),
        ("a\u{7f}b", "a b"), ("a\u{85}b", "a b"), ("a\r\nb", "a  b"), ("plain", "plain"),
    ])
    func scrubsControls(input: String, expected: String) {
        let result = JournalValue.clean(input)
        #expect(result.text == expected)
        #expect(!result.truncated)
    }

    @Test("a value at the cap is kept whole")
    func atCap() {
        let value = String(repeating: "a", count: 4096)
        let result = JournalValue.clean(value)
        #expect(result.text == value)
        #expect(!result.truncated)
    }

    @Test("a value over the cap is cut to 4096 bytes ending in …")
    func overCap() {
        let result = JournalValue.clean(String(repeating: "word ", count: 60_000))
        #expect(result.truncated)
        #expect(result.text.utf8.count <= 4096)
        #expect(result.text.utf8.count >= 4090)
        #expect(result.text.hasSuffix("…"))
    }

    @Test("a cut never splits a multi-byte character or a grapheme")
    func cutOnCharacterBoundary() {
        let value = String(repeating: "é", count: 3000) + String(repeating: "👩‍👩‍👧", count: 500)
        for cap in [10, 11, 12, 13, 100, 4096] {
            let result = JournalValue.clean(value, maxBytes: cap)
            #expect(result.truncated)
            #expect(result.text.utf8.count <= cap)
            #expect(result.text.hasSuffix("…"))
            #expect(result.text.dropLast().allSatisfy { $0 == "é" || $0 == "👩‍👩‍👧" })
        }
    }

    @Test("the priority map follows syslog severities", arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func priorityMap(level: Logger.Level, priority: Int) {
        #expect(JournalPriority(level).rawValue == priority)
    }
}

import Foundation
import Testing

@testable import Journal

/// F47 `fields.tsv`, column 1 → column 3 (`nil` for "(reject)").
let f47Rows: [(input: String, validAsIs: Bool, sanitized: String?)] = [
    ("ARTICLE_PATH", true, "ARTICLE_PATH"),
    ("DIGEST_PATH", true, "DIGEST_PATH"),
    ("WATCH_DIR", true, "WATCH_DIR"),
    ("ERRNO", true, "ERRNO"),
    ("REASON", true, "REASON"),
    ("MESSAGE", true, "MESSAGE"),
    ("PRIORITY", true, "PRIORITY"),
    ("CODE_FILE", true, "CODE_FILE"),
    ("article.path", false, "ARTICLE_PATH"),
    ("articlePath", false, "ARTICLEPATH"),
    ("_ARTICLE", false, "X_ARTICLE"),
    ("__CURSOR", false, "X__CURSOR"),
    ("1ST_TRY", false, "X1ST_TRY"),
    ("SUMMARY-SENTENCES", false, "SUMMARY_SENTENCES"),
    ("ÄRTIKEL", false, "X_RTIKEL"),
    ("A B", false, "A_B"),
    ("", false, nil),
    (String(repeating: "X", count: 70), false, String(repeating: "X", count: 64)),
]

/// shared/field-cases/F47/fields.tsv beside the repository.
let f47SharedTable = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/field-cases/F47/fields.tsv")

/// Field case F47: journal field-name rules.
@Suite("Journal field names")
struct JournalFieldNameTests {
    @Test("the sanitizer maps each F47 name to its expected form", arguments: f47Rows.indices)
    func sanitizesF47(row: Int) {
        let (input, validAsIs, expected) = f47Rows[row]
        #expect(JournalFieldName.isValid(input) == validAsIs)
        #expect(JournalFieldName.sanitize(input) == expected)
    }

    @Test("every sanitized name is one journald accepts")
    func sanitizedNamesAreValid() {
        let samples = f47Rows.map(\.input) + [
            "a", "_", "9", "é", "x-y.z", "👩‍👩‍👧", "\r\n", "_" + String(repeating: "a", count: 100), "ß",
        ]
        for sample in samples {
            if let name = JournalFieldName.sanitize(sample) {
                #expect(JournalFieldName.isValid(name), "\(sample) → \(name)")
            }
        }
    }

    @Test("a name of 64 characters is valid, 65 is not (verified against journald 252)")
    func lengthLimit() {
        #expect(JournalFieldName.isValid(String(repeating: "A", count: 64)))
        #expect(!JournalFieldName.isValid(String(repeating: "A", count: 65)))
    }

    /// The shared F47 table itself, when `../shared` sits beside the repository (as in CI).
    @Test(
        "the sanitizer agrees with shared/field-cases/F47/fields.tsv",
        .enabled(if: FileManager.default.fileExists(atPath: f47SharedTable.path))
    )
    func sharedTable() throws {
        let text = try String(contentsOf: f47SharedTable, encoding: .utf8)
        var rows = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() where !line.isEmpty {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(columns.count >= 3, "bad row: \(line)")
            let expected: String? = columns[2] == "(reject)" ? nil : columns[2]
            #expect(JournalFieldName.sanitize(columns[0]) == expected, "row \(columns[0])")
            #expect(JournalFieldName.isValid(columns[0]) == (columns[1] == "yes"), "row \(columns[0])")
            rows += 1
        }
        #expect(rows == f47Rows.count)
    }

}

@Suite("JournalField constants")
struct JournalFieldTests {
    static func matchesRule(_ name: String) -> Bool {
        name.wholeMatch(of: /[A-Z][A-Z0-9_]{0,63}/) != nil
    }

    @Test("every field name digestd emits matches ^[A-Z][A-Z0-9_]{0,63}$", arguments: JournalField.all)
    func matchesJournaldRule(name: String) {
        #expect(Self.matchesRule(name))
        #expect(JournalFieldName.isValid(name))
    }

    @Test("the field list has no duplicates")
    func unique() {
        #expect(Set(JournalField.all).count == JournalField.all.count)
    }

    @Test("a dotted lower-case name such as article.path is rejected by the rule")
    func dottedNameFails() {
        #expect(!Self.matchesRule("article.path"))
        #expect(!JournalFieldName.isValid("article.path"))
    }
}

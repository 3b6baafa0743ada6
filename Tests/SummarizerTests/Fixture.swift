import Foundation

/// Reads the test fixtures copied from /work/shared (golden rules, field cases).
enum Fixture {
    struct FixtureMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "fixture not found: \(path)" }
    }

    static func url(_ path: String) throws -> URL {
        guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureMissing(path: "Fixtures")
        }
        let url = base.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureMissing(path: path) }
        return url
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url(path)), as: UTF8.self)
    }

    /// The gold sentences of a field case, whitespace collapsed.
    static func expectedSentences(_ caseID: String) throws -> [String] {
        try text("field-cases/\(caseID)/sentences.expected.txt")
            .split(whereSeparator: \.isNewline)
            .map { collapse(String($0)) }
            .filter { !$0.isEmpty }
    }

    /// Runs of white space collapsed to one space, trimmed (how field cases compare).
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One English "Golden Rule" of sentence boundary detection (pySBD / Pragmatic Segmenter).
struct GoldenRule: Decodable, Sendable, CustomTestStringConvertible {
    let id: Int
    let name: String
    let text: String
    let expected: [String]
    var testDescription: String { "rule \(id): \(name)" }

    static func all() throws -> [GoldenRule] {
        struct File: Decodable { let rules: [GoldenRule] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: Fixture.url("english_golden_rules.json"))).rules
    }
}

import Testing

import Foundation
import Testing

@testable import Journal

@Suite("Message ids and the catalog")
struct MessageIDTests {
    static let catalog = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/digestd.catalog")

    @Test("every id is 32 lower-case hex digits, and unique", arguments: MessageID.all)
    func format(id: MessageID) {
        #expect(id.rawValue.wholeMatch(of: /[0-9a-f]{32}/) != nil)
        #expect(MessageID.all.filter { $0 == id }.count == 1)
    }

    @Test("the shipped catalog has one section with Subject and Documentation per id")
    func catalogCoversEveryID() throws {
        let text = try String(contentsOf: Self.catalog, encoding: .utf8)
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("-- ") }.map { String($0.dropFirst(3)) }
        #expect(Set(headers) == Set(MessageID.all.map(\.rawValue)))
        #expect(headers.count == MessageID.all.count)
        let sections = text.components(separatedBy: "\n-- ").dropFirst()
        for section in sections {
            #expect(section.contains("\nSubject: "), "\(section.prefix(40))")
            #expect(section.contains("\nDefined-By: digestd"), "\(section.prefix(40))")
            #expect(section.contains("\nDocumentation: "), "\(section.prefix(40))")
        }
    }
}

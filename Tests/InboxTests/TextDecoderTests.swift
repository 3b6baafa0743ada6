import Foundation
import Testing
@testable import Inbox

@Suite struct TextDecoderTests {
    @Test func utf8WithAndWithoutBOM() {
        #expect(TextDecoder.decode(Array("Café.".utf8))?.text == "Café.")
        #expect(TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Café.".utf8))?.text == "Café.")
    }

    @Test func utf16LittleEndianWithBOM() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("Ça va.".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let decoded = TextDecoder.decode(bytes)
        #expect(decoded?.text == "Ça va.")
        #expect(decoded?.encoding == "utf-16le")
    }

    @Test func windows1252CurlyQuotesAndEuro() {
        // “Price” – €5 ’
        let bytes: [UInt8] = [0x93, 0x50, 0x72, 0x69, 0x63, 0x65, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x92]
        let decoded = TextDecoder.decode(bytes)
        #expect(decoded?.text == "“Price” – €5 ’")
        #expect(decoded?.encoding == "windows-1252")
        #expect(decoded?.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } == false)
    }

    @Test func mostlyValidUTF8IsRepairedNotMisread() {
        var bytes = Array(String(repeating: "Åland – harbour news. ", count: 10).utf8)
        bytes.insert(0xFF, at: 30)
        let decoded = TextDecoder.decode(bytes)
        #expect(decoded?.encoding == "utf-8")
        #expect(decoded?.repaired == true)
        #expect(decoded?.text.contains("Åland") == true)
        #expect(decoded?.text.contains("\u{FFFD}") == true)
    }

    @Test func nulBytesMeanBinary() {
        #expect(TextDecoder.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]) == nil)
    }

    @Test func lineEndsAreNormalized() {
        #expect(TextDecoder.decode(Array("a\r\nb\rc\n".utf8))?.text == "a\nb\nc\n")
    }
}

/// F42 (class S8): the shared field case's raw bytes decode to exactly its `expected/` text.
@Suite struct FieldCaseF42DecodingTests {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/../shared/field-cases/F42"
    }()

    @Test(arguments: [
        ("f42-latin1.txt", "windows-1252", false), ("f42-cp1252.txt", "windows-1252", false),
        ("f42-utf16le-bom.txt", "utf-16le", false), ("f42-invalid-utf8.txt", "utf-8", true),
    ])
    func decodesToTheExpectedText(_ name: String, _ encoding: String, _ repaired: Bool) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
        let expected = try String(contentsOfFile: Self.folder + "/expected/" + name, encoding: .utf8)
        let decoded = try #require(TextDecoder.decode(bytes))
        #expect(decoded.text == expected)
        #expect(decoded.encoding == encoding)
        #expect(decoded.repaired == repaired)
        // Never C1 control characters (CP1252 bytes misread as ISO-8859-1).
        #expect(!decoded.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
    }

    /// Maximal-subpart replacement: a stray 0xFF and a truncated E2 82 give two U+FFFD, not three.
    @Test func invalidUTF8GivesOneReplacementPerMaximalSubpart() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/f42-invalid-utf8.txt")))
        let decoded = try #require(TextDecoder.decode(bytes))
        #expect(decoded.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 2)
        #expect(decoded.text.contains("Århus"))
        #expect(decoded.text.contains("–"))
    }

    @Test func crOnlyAndCRLFLineEndsBecomeLF() {
        #expect(TextDecoder.decode(Array("Title\r\rBody one.\rBody two.\r".utf8))?.text == "Title\n\nBody one.\nBody two.\n")
        #expect(TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("A\r\n\r\nB.\r\n".utf8))?.text == "A\n\nB.\n")
    }

    @Test func utf16BigEndianWithBOM() {
        let bytes: [UInt8] = [0xFE, 0xFF] + Array("Ørsted.\r\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(TextDecoder.decode(bytes) == DecodedText(text: "Ørsted.\n", encoding: "utf-16be", repaired: false))
    }
}

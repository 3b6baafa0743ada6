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

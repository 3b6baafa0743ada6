import Foundation
import Testing
@testable import Inbox

/// Plain text in legacy encodings, detected by uchardet and converted by iconv.
@Suite struct LegacyEncodingTests {
    @Test(arguments: [
        ("kaliningrad-port-cp1251.txt", "windows-1251"),
        ("harbour-library-shift-jis.txt", "shift_jis"),
        ("tram-fares-cp1252.txt", "windows-1252"),
    ])
    func legacyTextFileDecodesExactly(_ name: String, _ encoding: String) throws {
        let decoded = try #require(TextDecoder.decode(try ArticleExtractorTests.fixture(name)))
        let expectedName = name.replacingOccurrences(of: ".txt", with: ".expected.txt")
        #expect(decoded.text == (try ArticleExtractorTests.text(expectedName)))
        #expect(decoded.encoding == encoding)
        #expect(decoded.isLegacy)
        #expect(!decoded.repaired)
    }

    /// Legacy HTML pages (F64) are detected the same way when their bytes are decoded as text.
    @Test(arguments: [
        ("f64-cp1251-meta-charset.html", "windows-1251", "В Порт-Эльвине открылся новый паромный причал"),
        ("f64-koi8r-http-equiv.html", "koi8-r", "Библиотека в Порт-Эльвине продлила часы работы"),
    ])
    func legacyHTMLPageBytesAreDetected(_ name: String, _ encoding: String, _ title: String) throws {
        let decoded = try #require(TextDecoder.decode(try SharedFieldCase.bytes("F64", name)))
        #expect(decoded.encoding == encoding)
        #expect(decoded.text.contains(title))
    }

    @Test func shiftJISBackslashIsABackslashNotAYenSign() throws {
        let decoded = try #require(TextDecoder.decode(try ArticleExtractorTests.fixture("harbour-library-shift-jis.txt")))
        #expect(decoded.text.contains("「\\\\minato\\図書館\\案内①.pdf」"))
        #expect(!decoded.text.contains("¥"))
    }

    @Test func koi8RussianIsDetected() throws {
        let utf8 = try ArticleExtractorTests.text("kaliningrad-port-cp1251.expected.txt")
        let bytes = koi8(utf8)
        #expect(bytes.count == utf8.count)
        let decoded = try #require(TextDecoder.decode(bytes))
        #expect(decoded.encoding == "koi8-r")
        #expect(decoded.text == utf8)
    }

    /// The text encoded to KOI8-R by glibc's iconv (the test's own use of the converter under test
    /// is in the other direction, so a fault in one direction cannot hide in the other).
    private func koi8(_ text: String) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "KOI8-R"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    /// Short Western text that uchardet names as a sibling Latin code page (ISO-8859-15,
    /// Windows-1250, Windows-1258) decodes the same as Windows-1252, and is named so.
    @Test func westernTextKeepsTheWindows1252Name() {
        let bytes: [UInt8] = [0x93, 0x50, 0x72, 0x69, 0x63, 0x65, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x92]
        #expect(TextDecoder.decode(bytes) == DecodedText(text: "“Price” – €5 ’", encoding: "windows-1252", repaired: false))
    }

    @Test func polishWindows1250IsNotReadAsWestern() throws {
        let text = "Władze miasta ogłosiły w środę budowę nowego mostu nad Motławą.\nPrace mają się rozpocząć jesienią i potrwają dwa lata.\nMieszkańcy narzekają, że objazdy będą uciążliwe dla kierowców.\n"
        var bytes: [UInt8] = []
        let map: [Character: UInt8] = ["ł": 0xB3, "ś": 0x9C, "ę": 0xEA, "ą": 0xB9, "ć": 0xE6, "ń": 0xF1, "ż": 0xBF, "ó": 0xF3]
        for c in text {
            if let b = map[c] { bytes.append(b) } else { bytes.append(contentsOf: Array(String(c).utf8)) }
        }
        let decoded = try #require(TextDecoder.decode(bytes))
        #expect(decoded.encoding == "windows-1250")
        #expect(decoded.text == text)
    }

    /// Bytes no detector can make sense of still decode, and never trap: every byte value in
    /// every position, at several lengths.
    @Test(arguments: [1, 2, 3, 7, 64, 1_000])
    func arbitraryBytesNeverTrap(_ length: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(length)
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let b = UInt8(truncatingIfNeeded: state >> 56)
                bytes.append(b == 0 ? 0x80 : b) // NUL would mean binary
            }
            if let decoded = TextDecoder.decode(bytes) {
                #expect(!decoded.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
            }
        }
    }

    @Test func unconvertibleBytesBecomeReplacementCharacters() throws {
        // Mostly C1-range bytes: no legacy code page reads them cleanly, and they are not UTF-8.
        let bytes: [UInt8] = Array("Port report: ".utf8) + [0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x81, 0x8D, 0x8F, 0x90, 0x9D] + Array(" end.".utf8)
        let decoded = try #require(TextDecoder.decode(bytes))
        #expect(decoded.repaired)
        #expect(decoded.text.hasPrefix("Port report: "))
        #expect(decoded.text.hasSuffix(" end."))
        #expect(decoded.text.contains("\u{FFFD}"))
    }

    @Test func iconvConversionResumesAfterABadByte() throws {
        let converted = try #require(TextDecoder.convert([0x41, 0x81, 0x42], from: "CP1252"))
        #expect(converted.text == "A\u{FFFD}B")
        #expect(converted.failures == 1)
        #expect(TextDecoder.convert([0x41], from: "NO-SUCH-ENCODING") == nil)
    }
}

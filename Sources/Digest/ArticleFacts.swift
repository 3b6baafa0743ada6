import Foundation
import Ledger

/// Facts about one article shared by the renderers.
enum ArticleFacts {
    /// The file name of the article's inbox path.
    static func sourceName(_ a: ArticleRecord) -> String {
        a.path.split(separator: "/").last.map(String.init) ?? a.path
    }

    /// Reading time in whole minutes, at least 1, at ``MarkdownDigest/wordsPerMinute``.
    static func readingMinutes(_ a: ArticleRecord) -> Int {
        max(1, (a.wordCount + MarkdownDigest.wordsPerMinute - 1) / MarkdownDigest.wordsPerMinute)
    }

    /// RFC 3339 date-time of the arrival in the article's recorded offset, to the second
    /// (`2026-11-29T15:00:00+01:00`; `Z` is never used so the local time stays visible).
    static func timestamp(_ a: ArticleRecord) -> String {
        let seconds = Int(floorDiv(a.arrivedAt, 1000)) + a.utcOffset
        let days = floorDiv(Int64(seconds), 86_400)
        let secondOfDay = Int(Int64(seconds) - days * 86_400)
        let (y, m, d) = civil(fromDays: days)
        let sign = a.utcOffset < 0 ? "-" : "+"
        let off = abs(a.utcOffset) / 60
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
            + "\(sign)\(pad(off / 60, 2)):\(pad(off % 60, 2))"
    }

    /// `HH:MM ±hh:mm`, as in the Markdown meta line.
    static func localTime(_ a: ArticleRecord) -> String {
        MarkdownDigest.localTime(arrivedAt: a.arrivedAt, utcOffset: a.utcOffset)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
    private static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    /// BCP 47 tag for a Snowball language name, or "" (unknown) for the rest.
    static func languageTag(_ snowball: String) -> String {
        let tags = ["arabic": "ar", "armenian": "hy", "basque": "eu", "catalan": "ca", "danish": "da", "dutch": "nl",
                    "english": "en", "finnish": "fi", "french": "fr", "german": "de", "greek": "el", "hindi": "hi",
                    "hungarian": "hu", "indonesian": "id", "irish": "ga", "italian": "it", "lithuanian": "lt",
                    "nepali": "ne", "norwegian": "no", "portuguese": "pt", "romanian": "ro", "russian": "ru",
                    "serbian": "sr", "spanish": "es", "swedish": "sv", "tamil": "ta", "turkish": "tr", "yiddish": "yi"]
        return tags[snowball.lowercased()] ?? ""
    }

    /// A relative URL from the folder `from` to the file `to`, every segment percent-encoded
    /// (only RFC 3986 unreserved characters stay), so the result can never carry a scheme
    /// (`javascript:`), a query, a fragment or markup.
    /// - Parameters:
    ///   - from: the digest folder; relative paths are taken from the current directory.
    ///   - to: the article's path.
    static func relativeURL(from folder: String, to file: String) -> String {
        let base = components(absolute(folder))
        let target = components(absolute(file))
        var common = 0
        while common < min(base.count, target.count - 1), base[common] == target[common] { common += 1 }
        let ups = [String](repeating: "..", count: base.count - common)
        return (ups + target[common...].map(percentEncode)).joined(separator: "/")
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Path segments with `.` removed and `..` applied.
    private static func components(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { if !out.isEmpty { out.removeLast() } } else { out.append(String(part)) }
        }
        return out
    }

    static func percentEncode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

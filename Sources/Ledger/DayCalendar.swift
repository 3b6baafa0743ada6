import Foundation

/// Maps instants to local calendar days in one configured IANA time zone.
///
/// The result depends only on the configured zone, never on the process `TZ`, except for
/// ``system``, which is explicitly the system's local zone. DST gaps and repeats need no special
/// case: an instant has exactly one local date in any zone, even where local midnight is skipped
/// or repeated.
package struct DayCalendar: Sendable {
    /// The zone days are counted in.
    package let timeZone: TimeZone
    private let calendar: Calendar

    /// - Parameter timeZone: the zone; see ``init(identifier:)`` for configuration strings.
    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// - Parameter identifier: `"system"` for the system zone, or an IANA name such as `"Europe/Paris"`.
    /// - Returns: nil when the name is not a known zone.
    package init?(identifier: String) {
        if identifier == "system" {
            self.init(timeZone: TimeZone.current)
        } else if let zone = TimeZone(identifier: identifier) {
            self.init(timeZone: zone)
        } else {
            return nil
        }
    }

    /// The local day of `instant` as `YYYY-MM-DD`.
    package func day(of instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return Self.format(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// The zone's offset from UTC at `instant`, in seconds.
    package func utcOffset(at instant: Date) -> Int {
        timeZone.secondsFromGMT(for: instant)
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `true` when `text` is a well-formed `YYYY-MM-DD` date.
    package static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        var c = DateComponents()
        c.year = y; c.month = m; c.day = d
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return c.isValidDate(in: cal)
    }
}

/// A kind of file the digest writer produces.
package enum DigestFormat: String, Sendable, CaseIterable {
    /// `YYYY-MM-DD.md` (CommonMark); always written.
    case markdown
    /// `YYYY-MM-DD.html` per day and `index.html` listing the days.
    case html
    /// `feed.atom`, an RFC 4287 feed with one entry per recent day.
    case atom
    /// `YYYY-MM-DD.json` in the `digestd.digest/1` schema (see ``JSONDigest``).
    case json

}

/// Line ends of a stored message made ones GMime reads: a message saved with carriage returns
/// alone (classic Mac OS, some export tools) has no line feed at all, so GMime saw one endless
/// header line, no body and no Subject.
///
/// Rule: when the first line end of the message is a lone CR (not followed by LF), every lone CR
/// becomes LF; CRLF pairs are left as they are. A message whose first line ends in LF or CRLF is
/// not touched, so a stray CR inside a well-formed message keeps its meaning.
enum MailLineEnds {
    /// `bytes` with lone CRs turned into LFs when the message uses them as its line ends.
    /// - Complexity: O(n).
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { $0 == 0x0D || $0 == 0x0A }), bytes[first] == 0x0D,
              first + 1 == bytes.count || bytes[first + 1] != 0x0A else { return bytes }
        var out = bytes
        for i in out.indices where out[i] == 0x0D && (i + 1 == out.count || out[i + 1] != 0x0A) { out[i] = 0x0A }
        return out
    }
}

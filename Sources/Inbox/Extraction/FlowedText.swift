/// Decodes `text/plain; format=flowed` bodies (RFC 3676) back into paragraphs.
///
/// A flowed line that ends in a space is soft-broken: it continues on the next line of the same
/// quote depth. Per §4.2–4.5: the quote depth is the number of leading `>`; one leading space
/// after the quote marks is space-stuffing and is removed; the signature separator `-- ` is never
/// soft-broken; with `DelSp=yes` (§4.2) the trailing space of a soft break is deleted when lines
/// are joined (it was added by the sender, as in CJK text without spaces), otherwise it stays as
/// the space between the words. Quote marks are written back as `>` + space at the start of
/// each decoded line, so quoted text stays recognisable.
///
/// Linear in the input; never fails (any text is a valid flowed body).
enum FlowedText {
    /// - Parameters:
    ///   - text: the part's text with LF line ends.
    ///   - delSp: the part's `DelSp` parameter is `yes`.
    /// - Returns: the text with soft line breaks joined, LF line ends.
    static func decode(_ text: String, delSp: Bool) -> String {
        var out: [String] = []
        var paragraph: String?
        var paragraphDepth = 0

        func flush() {
            if let p = paragraph {
                out.append(String(repeating: "> ", count: paragraphDepth) + p)
            }
            paragraph = nil
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() } // space-stuffing (§4.4)
            if paragraph != nil, depth != paragraphDepth { flush() } // a quote-depth change ends a paragraph (§4.5)
            let isSignature = line == "-- "
            if isSignature { flush() }
            let soft = line.last == " " && !isSignature
            if soft, delSp { line = line.dropLast() }
            if paragraph == nil {
                paragraph = String(line)
                paragraphDepth = depth
            } else {
                paragraph? += line
            }
            if !soft { flush() }
        }
        flush()
        return out.joined(separator: "\n")
    }
}

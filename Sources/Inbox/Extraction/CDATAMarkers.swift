/// CDATA section markers left in a page's text.
///
/// libxml2's HTML parser does not know `<![CDATA[…]]>` and passes it on as text, markers and
/// all, so a page written by an XML tool (XHTML, a feed item saved as a page) showed
/// `<![CDATA[Ships came in early…]]>` in its extract and summary. The content of a CDATA section
/// is character data (XML 1.0 §2.7; WHATWG HTML reads it so in SVG and MathML): the markers go,
/// the text stays. A browser in HTML content would hide it as a bogus comment up to the first
/// `>`, showing a broken tail; keeping the whole text is the author's intent.
enum CDATAMarkers {
    /// `text` without each `<![CDATA[` and the first `]]>` after it; the same string when it
    /// holds no marker. - Complexity: O(n).
    static func removed(_ text: String) -> String {
        guard text.contains("<![CDATA[") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<![CDATA[") {
            out += rest[..<open.lowerBound]
            rest = rest[open.upperBound...]
            if let close = rest.range(of: "]]>") {
                out += rest[..<close.lowerBound]
                rest = rest[close.upperBound...]
            }
        }
        return out + rest
    }
}

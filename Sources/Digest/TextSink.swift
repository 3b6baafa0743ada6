/// Where a renderer puts the text of a digest file: a `String` (the whole file in memory, as the
/// command line and the tests take it), or a ``FileOutput`` that streams it into the file being
/// replaced (as the service writes a grown day: the kept pieces go to the file through one small
/// buffer, never concatenated into a string the size of the day).
///
/// Both receive the same calls in the same order, so they hold the same bytes.
package protocol TextSink {
    /// Appends `text`.
    mutating func write(_ text: String)
    /// Appends `text`.
    mutating func write(_ text: Substring)
}

extension String: TextSink {
    package mutating func write(_ text: Substring) {
        self += text
    }
}

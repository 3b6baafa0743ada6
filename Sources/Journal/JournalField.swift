/// The journal field names digestd emits, in one place so that a test can check
/// every one against journald's rule `^[A-Z][A-Z0-9_]{0,63}$` (systemd `journal_field_valid()`).
///
/// Log calls put these names in swift-log metadata; the journal handler turns each
/// metadata pair into one `FIELD=value` entry (see digestd(8) and systemd/digestd.catalog).
package enum JournalField {
    /// Path of the article in the inbox.
    package static let article = "DIGESTD_ARTICLE"
    /// Path of the digest file written.
    package static let digest = "DIGESTD_DIGEST"
    /// Lower-case hex SHA-256 of the article's bytes.
    package static let sha256 = "DIGESTD_SHA256"
    /// Number of sentences chosen for the summary.
    package static let sentences = "DIGESTD_SENTENCES"
    /// Time spent on an article, in microseconds.
    package static let durationUsec = "DIGESTD_DURATION_USEC"
    /// Short code why an input was skipped (`empty`, `binary`, `too_large`, …).
    package static let reason = "DIGESTD_REASON"
    /// The text encoding an article was decoded from, when not UTF-8.
    package static let encoding = "DIGESTD_ENCODING"
    /// The watched folder.
    package static let watch = "DIGESTD_WATCH"
    /// errno, where one is known.
    package static let errno = "ERRNO"
    /// A catalogued event id (128-bit, 32 hex digits).
    package static let messageID = "MESSAGE_ID"
    /// Set to 1 when a value or an input was cut to a cap.
    package static let truncated = "TRUNCATED"
    /// The swift-log label of the logger that wrote the entry.
    package static let logger = "DIGESTD_LOGGER"
    /// The description of an error attached to a log event.
    package static let error = "DIGESTD_ERROR"
    /// How many log entries could not be sent to the journal (on the "N log messages lost" entry).
    package static let lostMessages = "DIGESTD_LOST_MESSAGES"
    /// Path of the configuration file read, or refused.
    package static let config = "DIGESTD_CONFIG"
    /// The day (`YYYY-MM-DD`) a briefing is about.
    package static let day = "DIGESTD_DAY"
    /// The process id of the digestd instance holding the state folder's lock.
    package static let pid = "DIGESTD_PID"

    /// Every field name above, for validation tests.
    package static let all: [String] = [
        article, digest, sha256, sentences, durationUsec, reason, encoding, watch, errno, messageID, truncated,
        logger, error, lostMessages, config, day, pid,
    ]
}

import Logging

/// A journal `MESSAGE_ID`: a 128-bit id, as 32 lower-case hex digits, that
/// names one kind of event across all versions of digestd.
///
/// Each id has a section in the shipped catalog `systemd/digestd.catalog`
/// (installed to `/usr/lib/systemd/catalog/`), which `journalctl -x` shows
/// under the entry. Select all entries of one kind with
/// `journalctl MESSAGE_ID=<id>`. Ids are fixed forever once released: never
/// reuse or change one.
///
/// Attach an id as metadata:
/// ```swift
/// logger.info("digest written", metadata: [JournalField.messageID: MessageID.digestWritten.metadataValue])
/// ```
package struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// The id as 32 lower-case hex digits.
    package let rawValue: String

    /// Wraps a known id.
    ///
    /// - Parameter rawValue: 32 lower-case hex digits (not checked here; the
    ///   unit tests check every constant).
    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The 32 hex digits.
    package var description: String { rawValue }

    /// The id as a swift-log metadata value.
    package var metadataValue: Logger.Metadata.Value { .string(rawValue) }

    /// The service is set up (config valid, state open, output writable,
    /// inbox watched) and sent `READY=1`.
    package static let ready = MessageID("ba8cf2044b12433b9b27ade0a1c479cc")
    /// An article was summarized and stored; carries `DIGESTD_ARTICLE`,
    /// `DIGESTD_SHA256`, `DIGESTD_SENTENCES`, `DIGESTD_DURATION_USEC`.
    package static let articleSummarized = MessageID("e1566dc9111b45e9909cb237b9ec2832")
    /// An input file was not taken; carries `DIGESTD_ARTICLE` and `DIGESTD_REASON`.
    package static let articleSkipped = MessageID("899992601a4c4e29a5668f0a81102d7e")
    /// A digest file was rewritten; carries `DIGESTD_DIGEST`.
    package static let digestWritten = MessageID("ab959a16cd6a43458db8c7a2ee0df405")
    /// A digest file could not be written; carries `DIGESTD_DIGEST` and `ERRNO`.
    package static let digestWriteFailed = MessageID("5d56aca4bc5946d38ed4a01968b0a51b")
    /// A new configuration was read on reload and is in force; carries `DIGESTD_CONFIG`.
    package static let configReloaded = MessageID("23c6427fa5a941aea6f9829d12da1a51")
    /// A configuration was refused (at start-up, or on reload, where the old
    /// one stays in force); carries `DIGESTD_CONFIG`.
    package static let configRejected = MessageID("48c87627eee843199802f6167ed1477d")
    /// The inbox folder is missing or cannot be watched; carries `DIGESTD_WATCH` and `ERRNO`.
    package static let watchDirMissing = MessageID("0e482d7dc34a4533880e1b5a3987fd42")
    /// The kernel's inotify queue overflowed; the inbox is rescanned.
    package static let queueOverflow = MessageID("8c391ecd3ddb4754ba36a6bd3bd96d9f")
    /// The service is stopping (SIGTERM) and sent `STOPPING=1`.
    package static let stopping = MessageID("e03acf51088747bea36f7c3aa7bebd70")
    /// Log entries could not be sent to the journal and went to stderr;
    /// carries `DIGESTD_LOST_MESSAGES`.
    package static let logMessagesLost = MessageID("8f7e9821a7884eb7a38569d282f41964")
    /// The output (digest) folder is not writable at start-up; carries `DIGESTD_DIGEST` and `ERRNO`.
    package static let outputNotWritable = MessageID("277f5e6555884bb0b2948b68807866cd")
    /// An article (or one digest entry) was quarantined: the service stopped twice while it was in
    /// hand, so it is skipped and recorded as failed; carries `DIGESTD_ARTICLE` and `DIGESTD_REASON`.
    package static let articleQuarantined = MessageID("c4a1f0d27e8b4b6f9d3a5e2c71b0f864")
    /// The morning briefing of a day was handed to sendmail; carries `DIGESTD_DAY`.
    package static let briefingSent = MessageID("831bc96d07d24e24aa8a03a163b3ee72")
    /// The briefing could not be sent (sendmail failed or is missing); carries `DIGESTD_DAY` and
    /// the MTA's message.
    package static let briefingFailed = MessageID("1decaaa6478d48f4af3bc262a5bc5deb")
    /// A second `digestd run` on a state folder already in use was refused; carries the
    /// running instance's PID in `DIGESTD_PID`.
    package static let alreadyRunning = MessageID("04b01b973ac94d31ba4cc8ad7bd70d31")

    /// Every id above, for the catalog test.
    package static let all: [MessageID] = [
        ready, articleSummarized, articleSkipped, digestWritten, digestWriteFailed, configReloaded,
        configRejected, watchDirMissing, queueOverflow, stopping, logMessagesLost, outputNotWritable,
        articleQuarantined,
        briefingSent, briefingFailed, alreadyRunning,
    ]
}

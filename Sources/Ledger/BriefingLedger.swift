import GRDB

/// One morning briefing handed to sendmail: which day, when, to whom, under which Message-ID.
package struct BriefingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "briefing"

    /// The day told, `YYYY-MM-DD`.
    package var day: String
    /// When sendmail accepted it, in milliseconds since the Unix epoch.
    package var sentAt: Int64
    /// The message's `Message-ID`, without angle brackets.
    package var messageID: String
    /// The `To` header as sent.
    package var recipients: String

    package init(day: String, sentAt: Int64, messageID: String, recipients: String) {
        self.day = day
        self.sentAt = sentAt
        self.messageID = messageID
        self.recipients = recipients
    }
}

extension Ledger {
    /// The `briefing` table (issue 16): one row per day whose briefing was sent, so that the
    /// timer sends each day once.
    static func registerBriefingMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("i16-briefing") { db in
            try db.create(table: "briefing") { t in
                t.primaryKey("day", .text)
                t.column("sentAt", .integer).notNull()
                t.column("messageID", .text).notNull()
                t.column("recipients", .text).notNull()
            }
        }
    }

    /// The record of `day`'s briefing, or nil when it was never sent.
    package func briefing(day: String) throws(LedgerError) -> BriefingRecord? {
        try readBriefing { db in try BriefingRecord.fetchOne(db, key: day) }
    }

    /// Records that `record.day`'s briefing was sent (replacing an earlier record: `--resend`).
    package func recordBriefing(_ record: BriefingRecord) throws(LedgerError) {
        try writeBriefing { db in try record.save(db) }
    }
}

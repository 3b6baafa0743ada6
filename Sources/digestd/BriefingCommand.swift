import ArgumentParser
import DigestService
import Digest
import Foundation
import Journal
import Ledger
import Logging

/// `digestd briefing [DAY] [--print | --send] [--resend] [--check]`: one day's digest as one
/// e-mail (``Briefing``), printed or piped to sendmail; a sent day is recorded in the ledger and
/// not sent again.
struct BriefingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "Print a day's digest as one MIME e-mail, or send it through sendmail once.")

    @Argument(help: "The day, YYYY-MM-DD; default [briefing] day (yesterday) in the configured time zone.")
    var day: String?

    @Flag(help: "Write the message to standard output (the default).")
    var print = false

    @Flag(help: "Pipe the message to the configured sendmail; record the day as sent.")
    var send = false

    @Flag(help: "With --send: send again a day already sent.")
    var resend = false

    @Flag(help: "Exit 0 when [briefing] mail_to is set, 1 when not (for the timer's ExecCondition).")
    var check = false

    @OptionGroup var paths: PathOptions

    func validate() throws {
        if let day, !DayCalendar.isDay(day) { throw ValidationError("'\(day)' is not a date in the form YYYY-MM-DD") }
        if print && send { throw ValidationError("give either --print or --send, not both") }
        if resend && !send { throw ValidationError("--resend goes with --send") }
    }

    func run() throws {
        let source = paths.source
        let configuration: Configuration
        do { configuration = try source.load() } catch {
            printError(error.description)
            throw ExitCode.configError
        }
        if check {
            if configuration.mailTo.isEmpty {
                printError("\(ConfigurationLookup.describe(source.file)): [briefing] mail_to is not set; no briefing")
                throw ExitCode(1)
            }
            return
        }
        if send, configuration.mailTo.isEmpty {
            printError("\(ConfigurationLookup.describe(source.file)): [briefing] mail_to is not set; nothing to send to")
            throw ExitCode.configError
        }
        // Sending records the day in the ledger, so that it goes out once: without write
        // permission, refuse before sendmail rather than send on every run.
        let ledger = try StateLedger.open(state: configuration.state, writing: send, writer: "briefing --send")
        let day = self.day ?? Briefing.defaultDay(configuration, now: Date())
        if send, !resend, let sent = try? ledger.briefing(day: day) {
            Swift.print("briefing for \(day) already sent (Message-ID <\(sent.messageID)>); --resend sends it again")
            return
        }
        let message: Briefing.Message
        do {
            message = try Briefing.build(day: day, configuration: configuration, ledger: ledger)
        } catch {
            printError("\(error)")
            throw ExitCode.ioError
        }
        // A day without articles has no briefing: one line on stderr and EX_NOINPUT (66), with
        // --print too, so that a script or a person sees it (an empty message on stdout, exit
        // 0, told nothing). digestd-briefing.service counts 66 as success (SuccessExitStatus=),
        // so the timer's run on an empty day is not a failed unit.
        if message.articles == 0 {
            printError("no articles for \(day) in \(configuration.state); no briefing \(send ? "sent" : "printed")")
            throw ExitCode.noInput
        }
        guard send else {
            try writeOutput(bytes: message.bytes)
            return
        }
        JournalLogging.bootstrap(identifier: "digestd", level: .info)
        let logger = Logger(label: "digestd")
        do {
            try Briefing.send(message, command: configuration.sendmail)
        } catch {
            logger.error("briefing for \(day) not sent: \(error.description)", metadata: [
                JournalField.day: "\(day)", JournalField.messageID: MessageID.briefingFailed.metadataValue])
            printError(error.description)
            throw ExitCode(75)
        }
        do {
            try ledger.recordBriefing(BriefingRecord(day: day, sentAt: Int64(Date().timeIntervalSince1970 * 1000),
                                                     messageID: message.messageID, recipients: configuration.mailTo))
        } catch {
            printError("sent, but cannot record it: \(error)")
            throw ExitCode.ioError
        }
        logger.info("briefing for \(day) sent to \(configuration.mailTo) (\(message.articles == 1 ? "1 article" : "\(message.articles) articles"))", metadata: [
            JournalField.day: "\(day)", JournalField.messageID: MessageID.briefingSent.metadataValue])
        Swift.print("briefing for \(day) sent to \(configuration.mailTo): \(message.subject)")
    }
}

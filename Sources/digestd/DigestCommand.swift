import ArgumentParser
import Digest
import DigestService
import Foundation
import Ledger

/// `digestd digest [YYYY-MM-DD] [--rebuild] [--format markdown|html|json]`: prints or rewrites a
/// day's digest from the ledger.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print a day's digest from the ledger, or rewrite its file with --rebuild.")

    @Argument(help: "The day, YYYY-MM-DD; default today in the configured time zone.")
    var day: String?

    @Flag(help: "Rewrite the digest file(s) from the ledger instead of printing (all days when no day is given).")
    var rebuild = false

    @Option(help: "What to print: markdown, html or json (schema digestd.digest/1); --rebuild writes the configured formats.")
    var format: String = "markdown"

    @OptionGroup var paths: PathOptions

    func validate() throws {
        if let day, !DayCalendar.isDay(day) { throw ValidationError("'\(day)' is not a date in the form YYYY-MM-DD") }
        if !["markdown", "html", "json"].contains(format) {
            throw ValidationError("'\(format)' is not a digest format (use markdown, html or json)")
        }
    }

    func run() throws {
        let configuration: Configuration
        do { configuration = try paths.source.load() } catch {
            printError(error.description)
            throw ExitCode.configError
        }
        let database = configuration.state + "/digestd.sqlite"
        // Printing only reads: a user who may read the state folder but not write it can print (F77).
        if let missing = Self.missingPermission(state: configuration.state, database: database, write: rebuild) {
            printError(missing)
            throw ExitCode.noPermission
        }
        guard FileManager.default.fileExists(atPath: database) else {
            printError("\(database): no state database (has the service run with this state folder?)")
            throw ExitCode.noInput
        }
        let ledger: Ledger
        do { ledger = try rebuild ? Ledger(path: database) : Ledger(readingOnly: database) } catch {
            printError(error.description)
            throw ExitCode.ioError
        }
        let calendar = DayCalendar(identifier: configuration.timezone) ?? DayCalendar(timeZone: .current)
        let writer = DigestWriter(output: configuration.output, ledger: ledger,
                                  formats: configuration.formats.compactMap(DigestFormat.init(rawValue:)),
                                  feedDays: configuration.feedDays)
        if rebuild {
            let days = try day.map { [$0] } ?? ledger.days()
            do {
                var out = ""
                for written in try writer.write(days: days) {
                    let entries = written.entries == 1 ? "1 entry" : "\(written.entries) entries"
                    for file in writer.dayFiles(day: written.day) { out += "\(file): \(entries)\n" }
                }
                for file in writer.sharedFiles { out += file + "\n" }
                FileHandle.standardOutput.write(Data(out.utf8))
            } catch {
                printError("\(error)")
                throw ExitCode.cannotCreate
            }
        } else {
            let text: String
            do {
                text = try writer.render(day: day ?? calendar.day(of: Date()), format: DigestFormat(rawValue: format) ?? .markdown)
            } catch {
                printError("\(error)")
                throw ExitCode.ioError
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// A plain sentence naming the state folder and the permission this user lacks, or nil.
    /// - Parameters:
    ///   - write: the command writes the ledger (`digest --rebuild` its marks, `briefing --send`
    ///     the record that a day was sent), so it needs write permission.
    ///   - writer: the command named in the sentence when write permission is missing.
    static func missingPermission(state: String, database: String, write: Bool, writer: String = "digest --rebuild") -> String? {
        var st = stat()
        let exists = stat(state, &st) == 0
        if exists, access(state, R_OK | X_OK) != 0 || (access(database, F_OK) == 0 && access(database, R_OK) != 0) {
            return "cannot read the state folder \(state): permission denied; reading digests needs read permission on it "
                + "(for the system service: be a member of the digestd group)"
        }
        if exists, write, access(state, W_OK) != 0 || (access(database, F_OK) == 0 && access(database, W_OK) != 0) {
            return "cannot write the state folder \(state): permission denied; \(writer) needs write permission on it "
                + "(run it as the digestd user, or with sudo)"
        }
        return nil
    }
}

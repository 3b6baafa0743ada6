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
        // Printing only reads: a user who may read the state folder but not write it can print (F77).
        let ledger = try StateLedger.open(state: configuration.state, writing: rebuild, writer: "digest --rebuild")
        let calendar = DayCalendar(identifier: configuration.timezone) ?? DayCalendar(timeZone: .current)
        let writer = DigestWriter(output: configuration.output, ledger: ledger,
                                  formats: configuration.formats.compactMap(DigestFormat.init(rawValue:)),
                                  feedDays: configuration.feedDays)
        if rebuild {
            let days = try day.map { [$0] } ?? ledger.days()
            var out = ""
            do {
                for written in try writer.write(days: days) {
                    let entries = written.entries == 1 ? "1 entry" : "\(written.entries) entries"
                    for file in writer.dayFiles(day: written.day) { out += "\(file): \(entries)\n" }
                }
                for file in writer.sharedFiles { out += file + "\n" }
            } catch {
                printError("\(error)")
                throw ExitCode.cannotCreate
            }
            try writeOutput(out)
        } else {
            let text: String
            do {
                text = try writer.render(day: day ?? calendar.day(of: Date()), format: DigestFormat(rawValue: format) ?? .markdown)
            } catch {
                printError("\(error)")
                throw ExitCode.ioError
            }
            try writeOutput(text)
        }
    }
}

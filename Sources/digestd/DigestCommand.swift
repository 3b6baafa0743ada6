import ArgumentParser
import Digest
import DigestService
import Foundation
import Ledger

/// `digestd digest [YYYY-MM-DD] [--rebuild]`: prints or rewrites a day's digest from the ledger.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print a day's digest from the ledger, or rewrite its file with --rebuild.")

    @Argument(help: "The day, YYYY-MM-DD; default today in the configured time zone.")
    var day: String?

    @Flag(help: "Rewrite the digest file(s) from the ledger instead of printing (all days when no day is given).")
    var rebuild = false

    @OptionGroup var paths: PathOptions

    func validate() throws {
        if let day, !DayCalendar.isDay(day) { throw ValidationError("'\(day)' is not a date in the form YYYY-MM-DD") }
    }

    func run() throws {
        let configuration: Configuration
        do { configuration = try paths.source.load() } catch {
            printError(error.description)
            throw ExitCode.configError
        }
        let database = configuration.state + "/digestd.sqlite"
        guard FileManager.default.fileExists(atPath: database) else {
            printError("\(database): no state database (has the service run with this state folder?)")
            throw ExitCode.noInput
        }
        let ledger: Ledger
        do { ledger = try Ledger(path: database) } catch {
            printError(error.description)
            throw ExitCode.ioError
        }
        let calendar = DayCalendar(identifier: configuration.timezone) ?? DayCalendar(timeZone: .current)
        let writer = DigestWriter(output: configuration.output, ledger: ledger)
        if rebuild {
            let days = try day.map { [$0] } ?? ledger.days()
            for d in days {
                do {
                    let written = try writer.write(day: d)
                    print("\(written.path): \(written.entries) entries")
                } catch {
                    printError("\(error)")
                    throw ExitCode.cannotCreate
                }
            }
        } else {
            FileHandle.standardOutput.write(Data(try writer.render(day: day ?? calendar.day(of: Date())).utf8))
        }
    }
}

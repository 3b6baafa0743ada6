import ArgumentParser
import Dispatch

/// The `digestd` command line: one binary for the service and its tools (README "Commands", digestd(8)).
///
/// A synchronous root: only `run` is an ``AsyncParsableCommand``, and ``DigestdMain`` starts
/// Swift concurrency for it alone, so the one-shot commands (`summarize`, `extract`, …) run on
/// the main thread without the concurrency runtime's thread pool (issue 15, start-up).
struct Digestd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digestd",
        abstract: "Watch an inbox of news articles and keep one summarized digest per day.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ExtractCommand.self, SummarizeCommand.self, SegmentCommand.self, DigestCommand.self, BriefingCommand.self, CheckConfigCommand.self]
    )
}

/// The process entry point: parses the command line, then runs a synchronous command on the main
/// thread, or an asynchronous one (the service) in a task while the main thread serves the main
/// queue, as an `async` `main` would. Exit status and error output are ArgumentParser's
/// (`exit(withError:)`: 0, the command's ``ExitCode``, or 64 with the usage message).
@main
enum DigestdMain {
    static func main() {
        var command: ParsableCommand
        // `summarize`, `segment` and `extract` parsed by their own parser when that succeeds;
        // anything else (help, errors, the other commands) by the whole tree, as before.
        if let direct = SubcommandDispatch.parse(Array(CommandLine.arguments.dropFirst())) {
            command = direct
        } else {
            do {
                command = try Digestd.parseAsRoot()
            } catch {
                Digestd.exit(withError: error)
            }
        }
        // A cast to the one asynchronous command's concrete type: a cast to the
        // `AsyncParsableCommand` protocol would make the Swift runtime scan every protocol
        // conformance of the binary first, on every one-shot command (issue 15, start-up).
        if let service = command as? RunCommand {
            runAsync(service)
        }
        do {
            try command.run()
        } catch {
            Digestd.exit(withError: error)
        }
    }

    /// Runs `command` in a task and parks the main thread on the main queue until it ends.
    private static func runAsync(_ command: AsyncParsableCommand) -> Never {
        nonisolated(unsafe) var command = command
        Task {
            do {
                try await command.run()
                Digestd.exit()
            } catch {
                Digestd.exit(withError: error)
            }
        }
        dispatchMain()
    }
}

import ArgumentParser

/// The `digestd` command line: one binary for the service and its tools (README "Commands", digestd(8)).
@main
struct Digestd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digestd",
        abstract: "Watch an inbox of news articles and keep one summarized digest per day.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ExtractCommand.self, SummarizeCommand.self, SegmentCommand.self, DigestCommand.self, BriefingCommand.self, CheckConfigCommand.self]
    )
}

import ArgumentParser
import DigestService
import Foundation

/// `digestd check-config [--config F]`: validates the configuration.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration; one line per problem, non-zero exit when invalid.")

    @Option(help: "Configuration file (TOML).")
    var config: String = "/etc/digestd/digestd.toml"

    func run() throws {
        do {
            _ = try Configuration.load(path: config)
        } catch {
            printError(error.description)
            throw ExitCode.configError
        }
        print("\(config): ok")
    }
}

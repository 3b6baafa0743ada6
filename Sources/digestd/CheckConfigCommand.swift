import ArgumentParser
import DigestService
import Foundation

/// `digestd check-config [--config F]`: validates the configuration found by the one lookup rule
/// (``ConfigurationLookup``).
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration; one line per problem, non-zero exit when invalid.")

    @Option(help: "Configuration file (TOML); default $DIGESTD_CONFIG, else /etc/digestd/digestd.toml when readable, else the embedded defaults.")
    var config: String?

    func run() throws {
        let file = ConfigurationLookup.file(option: config)
        do {
            _ = try ConfigurationSource(file: file).load()
        } catch {
            printError(error.description)
            throw ExitCode.configError
        }
        print("\(ConfigurationLookup.describe(file)): ok")
    }
}

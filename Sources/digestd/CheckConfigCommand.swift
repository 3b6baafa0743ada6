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
        let configuration: Configuration
        do {
            configuration = try ConfigurationSource(file: file).load()
        } catch {
            printError(error.description)
            throw ExitCode.configError
        }
        // The inbox, as `run` will find it (with this user's permissions): `run` fails on a
        // missing, unreadable or non-folder inbox, so check-config says so first. A missing one
        // that can be made is fine for the embedded defaults (`run` makes ./inbox); from a file
        // it is a warning (`run` does not create it), not an error: it may be made before the start.
        let described = ConfigurationLookup.describe(file)
        switch WatchFolderCheck(path: configuration.watch) {
        case .ok:
            break
        case .missing:
            if file != nil {
                printError("\(described): warning: watch: \(configuration.watch) does not exist yet; digestd run does not create it")
            }
        case .problem(let problem):
            printError(ConfigurationError.invalid(file: described, problems: [problem]).description)
            throw ExitCode.configError
        }
        print("\(described): ok")
    }
}

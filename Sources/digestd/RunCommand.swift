import ArgumentParser
import DigestService
import Foundation
import Journal
import Logging
import ServiceLifecycle

/// `digestd run`: the service, in the foreground (systemd `Type=notify`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the service: watch the inbox and keep the daily digests.")

    @OptionGroup var paths: PathOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func run() async throws {
        let backend = JournalLogging.bootstrap(identifier: "digestd", level: Logger.Level(rawValue: logLevel) ?? .info)
        let logger = Logger(label: "digestd")
        let source = paths.source
        let configuration: Configuration
        do {
            configuration = try source.load()
        } catch {
            // One journal entry per problem, each naming the file.
            for line in error.description.split(separator: "\n") {
                logger.error("\(line)", metadata: [JournalField.messageID: MessageID.configRejected.metadataValue,
                                                   JournalField.config: "\(source.file ?? "")"])
            }
            Self.reportFatal(error.description, backend: backend)
            throw ExitCode.configError
        }
        let service = DigestdService(source: source, configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch let error as ServiceError {
            Self.reportFatal(error.description, backend: backend)
            throw ExitCode(error.exitCode)
        } catch let error as ServiceGroupError {
            // The group wraps the service's own error.
            if let inner = Mirror(reflecting: error).descendant("underlying") as? ServiceError {
                Self.reportFatal(inner.description, backend: backend)
                throw ExitCode(inner.exitCode)
            }
            Self.reportFatal("\(error)", backend: backend)
            throw ExitCode.ioError
        }
    }

    /// Puts a fatal start-up error on stderr as one `digestd: …` line when the
    /// log went to the journal, so that whoever started the process sees why it
    /// stopped (with the stderr backend the logged line is already there).
    /// Several problems (a rejected configuration) are joined with "; ".
    static func reportFatal(_ description: String, backend: JournalLogging.Backend) {
        guard backend == .journal else { return }
        printError(description.split(separator: "\n").joined(separator: "; "))
    }
}

/// The folder and config options shared by `run`, `digest` and `check-config`.
struct PathOptions: ParsableArguments {
    @Option(help: "Configuration file (TOML); default $DIGESTD_CONFIG, else /etc/digestd/digestd.toml when readable, else the embedded defaults.")
    var config: String?

    @Option(help: "Inbox folder to watch.")
    var watch: String?

    @Option(help: "Folder for the digests.")
    var output: String?

    @Option(help: "State folder (holds digestd.sqlite).")
    var state: String?

    var source: ConfigurationSource {
        ConfigurationSource.lookup(config: config, watch: watch, output: output, state: state)
    }
}

import Foundation

/// The one rule by which every command finds its configuration file.
///
/// 1. `--config FILE`, when given (a missing or unreadable file is an error);
/// 2. else `$DIGESTD_CONFIG`, when set and not empty (likewise an error when unreadable);
/// 3. else ``ConfigurationLookup/systemFile`` (`/etc/digestd/digestd.toml`), when it exists and
///    this user may read it;
/// 4. else none: the embedded defaults (`./inbox`, `./digests`, `./.digestd`; Markdown, HTML and
///    Atom).
///
/// `--watch`, `--output` and `--state` then win over what the file says.
package enum ConfigurationLookup {
    /// The packaged configuration file.
    package static let systemFile = "/etc/digestd/digestd.toml"
    /// The environment variable naming a configuration file.
    package static let environmentVariable = "DIGESTD_CONFIG"

    /// The file the rule picks, or nil for the embedded defaults.
    /// - Parameters:
    ///   - option: the `--config` value, if given.
    ///   - environment: the process environment (``environmentVariable`` is read from it).
    ///   - systemFile: the packaged file's path (a parameter for tests).
    package static func file(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            systemFile: String = ConfigurationLookup.systemFile) -> String? {
        if let option { return option }
        if let named = environment[environmentVariable], !named.isEmpty { return named }
        if access(systemFile, R_OK) == 0 { return systemFile }
        return nil
    }

    /// Where the settings of this invocation come from, for messages: the file, or
    /// "the embedded defaults".
    package static func describe(_ file: String?) -> String {
        file ?? "the embedded defaults"
    }
}

extension ConfigurationSource {
    /// The source the one lookup rule gives for these command-line options.
    package static func lookup(config: String?, watch: String? = nil, output: String? = nil, state: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> ConfigurationSource {
        ConfigurationSource(file: ConfigurationLookup.file(option: config, environment: environment),
                            watch: watch, output: output, state: state)
    }
}

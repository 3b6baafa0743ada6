import ArgumentParser

extension ExitCode {
    /// sysexits(3) codes, as listed in the README and digestd(8).
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    /// EX_NOPERM: the user lacks a permission (e.g. to read the state folder).
    static let noPermission = ExitCode(77)
    static let ioError = ExitCode(74)
    static let configError = ExitCode(78)
}

/// Writes one line to standard error.
func printError(_ message: String) {
    var line = "digestd: " + message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

#if canImport(Glibc)
import Glibc
#endif

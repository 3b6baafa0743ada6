import ArgumentParser
import DigestService

extension ExitCode {
    /// sysexits(3) codes, as listed in the README and digestd(8).
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    /// EX_UNAVAILABLE: a library the input needs cannot be loaded (libgmime for an e-mail).
    static let unavailable = ExitCode(69)
    static let cannotCreate = ExitCode(73)
    /// EX_NOPERM: the user lacks a permission (e.g. to read the state folder).
    static let noPermission = ExitCode(77)
    static let ioError = ExitCode(74)
    static let configError = ExitCode(78)
}

/// Writes `message` to standard error, one line per line of it (a configuration error lists one
/// problem per line), each as `digestd: LINE`, with any other control character (a CR or an
/// escape in a config value) escaped (``ProblemText``), so that a problem is always one whole
/// line. A file name in a message is escaped by the caller (``InputFiles``), line feeds too.
func printError(_ message: String) {
    var text = ""
    for line in message.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
        text += "digestd: " + ProblemText.escaped(String(String.UnicodeScalarView(line))) + "\n"
    }
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

#if canImport(Glibc)
import Glibc
#endif

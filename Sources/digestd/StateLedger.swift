import ArgumentParser
import Foundation
import Ledger

/// Opens the state folder's ledger for a command run by any user, the same way for every command.
enum StateLedger {
    /// The ledger of `state`: read-only for a command that only reads (a member of group digestd
    /// may read the state folder but not write it), read-write for one that records something.
    /// - Parameters:
    ///   - writing: the command writes the ledger (`digest --rebuild` its marks, `briefing --send`
    ///     the record that a day was sent).
    ///   - writer: the command named in the sentence when write permission is missing.
    /// - Throws: `ExitCode.noPermission` (77), `ExitCode.noInput` (66) when there is no database,
    ///   `ExitCode.ioError` (74) when it cannot be opened; each after one line on stderr.
    static func open(state: String, writing: Bool, writer: String) throws -> Ledger {
        let database = state + "/digestd.sqlite"
        if let missing = missingPermission(state: state, database: database, write: writing, writer: writer) {
            printError(missing)
            throw ExitCode.noPermission
        }
        guard FileManager.default.fileExists(atPath: database) else {
            printError("\(database): no state database (has the service run with this state folder?)")
            throw ExitCode.noInput
        }
        do { return try writing ? Ledger(path: database) : Ledger(readingOnly: database) } catch {
            printError(error.description)
            throw ExitCode.ioError
        }
    }

    /// A plain sentence naming the state folder and the permission this user lacks, or nil.
    /// - Parameters:
    ///   - write: the command writes the ledger (`digest --rebuild` its marks, `briefing --send`
    ///     the record that a day was sent), so it needs write permission.
    ///   - writer: the command named in the sentence when write permission is missing.
    static func missingPermission(state: String, database: String, write: Bool, writer: String) -> String? {
        var st = stat()
        let exists = stat(state, &st) == 0
        if exists, access(state, R_OK | X_OK) != 0 || (access(database, F_OK) == 0 && access(database, R_OK) != 0) {
            return "cannot read the state folder \(state): permission denied; reading digests needs read permission on it "
                + "(for the system service: be a member of the digestd group)"
        }
        if exists, write, access(state, W_OK) != 0 || (access(database, F_OK) == 0 && access(database, W_OK) != 0) {
            return "cannot write the state folder \(state): permission denied; \(writer) needs write permission on it "
                + "(run it as the digestd user, or with sudo)"
        }
        return nil
    }
}

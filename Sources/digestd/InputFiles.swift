import Foundation
import Inbox

/// Reads the articles named on the command line (`-` or nothing for standard input) as text.
enum InputFiles {
    struct Input {
        let name: String
        let text: String
    }

    /// - Throws: `ExitCode.noInput` after printing one line for a missing or unreadable file,
    ///   `ExitCode.dataError` for a binary one.
    static func read(_ paths: [String]) throws -> [Input] {
        let names = paths.isEmpty ? ["-"] : paths
        return try names.map { name in
            let bytes: [UInt8]
            if name == "-" {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                guard let data = FileManager.default.contents(atPath: name) else {
                    let reason = FileManager.default.fileExists(atPath: name) ? "cannot read (permission denied or not a file)" : "no such file"
                    printError("\(name): \(reason)")
                    throw ExitCode.noInput
                }
                bytes = Array(data)
            }
            guard let decoded = TextDecoder.decode(bytes) else {
                printError("\(name): binary content, not text")
                throw ExitCode.dataError
            }
            return Input(name: name, text: decoded.text)
        }
    }
}

import ArgumentParser

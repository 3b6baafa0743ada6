#if canImport(Glibc)
import Glibc
#endif

/// Decides from its name alone whether an inbox entry may be an article.
///
/// Patterns are shell globs matched with `fnmatch(3)` against the bare name; extensions are compared
/// case-insensitively. Hidden, temporary and partial-download names are ignored by default.
package struct NamePolicy: Sendable, Equatable {
    /// Glob patterns of names never taken (`[inbox] ignore` in digestd.toml(5)).
    package var ignore: [String]
    /// File extensions taken, without the dot (`[inbox] extensions` in digestd.toml(5)); empty means any.
    package var extensions: [String]

    package static let defaultIgnore = [".*", "*~", "*.tmp", "*.part", "*.swp", "*.crdownload"]
    package static let defaultExtensions = ["txt", "md", "html", "htm", "eml"]

    package init(ignore: [String] = NamePolicy.defaultIgnore, extensions: [String] = NamePolicy.defaultExtensions) {
        self.ignore = ignore
        self.extensions = extensions.map { $0.lowercased() }
    }

    /// The extension (lower-cased, without the dot; `""` for none) of a name that is not ignored
    /// by a pattern but is refused only for its extension; nil when the name is accepted or ignored.
    package func unreadExtension(_ name: String) -> String? {
        if name.isEmpty || name.contains("/") || extensions.isEmpty { return nil }
        for pattern in ignore where fnmatch(pattern, name, 0) == 0 { return nil }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...].lowercased()
        return extensions.contains(ext) ? nil : ext
    }

    /// `true` when `name` (no slashes) is not ignored and has an accepted extension.
    package func accepts(_ name: String) -> Bool {
        if name.isEmpty || name.contains("/") { return false }
        for pattern in ignore where fnmatch(pattern, name, 0) == 0 { return false }
        if extensions.isEmpty { return true }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return extensions.contains(ext)
    }
}

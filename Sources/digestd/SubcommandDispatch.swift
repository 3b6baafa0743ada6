import ArgumentParser

/// The start-up fast path of the one-shot commands (issue 15, start-up): `digestd summarize ARGS`
/// is parsed by `SummarizeCommand` as a root of its own (`parseAsRoot`, ArgumentParser's public
/// API) instead of by the whole command tree.
///
/// ``Digestd``'s root parse builds the tree of all seven commands, reflects on the root's and
/// then the subcommand's arguments, and finds the command stack again for each step; every new
/// property-wrapper type it reflects on costs the Swift runtime a scan of the binary's ~7,000
/// protocol conformance records. Parsing the subcommand alone reflects on its own options only.
/// `summarize` in its plain spelling is read without reflection at all
/// (``PlainSummarizeArguments``), and with `parseAsRoot` otherwise.
///
/// The fast path is taken only when `arguments[0]` is exactly the name of a command listed here
/// and no help, version, completion or dump-help flag is among the rest, and its result is used
/// only when that parse (and the command's `validate()`) succeeds and gives that command. Anything
/// else returns `nil`, and the caller parses the whole tree as before, so help, usage and error
/// messages and their exit statuses are ArgumentParser's root ones, unchanged.
enum SubcommandDispatch {
    /// The `_superCommandName` of the commands parsed here (ArgumentParser's "super-command",
    /// which it reads only from the root of a parse).
    ///
    /// A root without one first tries to parse the arguments as `--generate-completion-script
    /// [SHELL]` by reflecting on two more commands of ArgumentParser's own; a root with one skips
    /// that step. That step was 8.2 M of the 35.2 M instructions of one `digestd summarize`
    /// (callgrind), most of them the Swift runtime's conformance scans and mangled-name look-ups
    /// for types the summarize parse never needs (issue 15, start-up). Skipping it changes no
    /// result: a completion-script flag never takes this path (``isBuiltInFlag(_:)``). Within the
    /// whole tree (``Digestd``, the slow path and every help screen) the commands are not the
    /// root, so their super-command name is never read there.
    static let superCommandName = "digestd"

    /// The parsed command for `arguments` (the process arguments without the program name), or
    /// `nil` when the caller must parse them with the full tree (``Digestd/parseAsRoot(_:)``).
    static func parse(_ arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first else { return nil }
        let rest = Array(arguments.dropFirst())
        guard !rest.contains(where: isBuiltInFlag) else { return nil }
        // Casts to the concrete types: a cast to a protocol would scan the conformance records.
        switch name {
        case "summarize":
            if let plain = PlainSummarizeArguments.parse(rest) { return plain }
            return (try? SummarizeCommand.parseAsRoot(rest)) as? SummarizeCommand
        case "segment": return (try? SegmentCommand.parseAsRoot(rest)) as? SegmentCommand
        case "extract": return (try? ExtractCommand.parseAsRoot(rest)) as? ExtractCommand
        default: return nil
        }
    }

    /// Whether `argument` may be one of ArgumentParser's built-in flags (`-h`, `--help`, `-help`,
    /// `--version`, `--generate-completion-script[=SHELL]`, `--experimental-dump-help`, …), which
    /// the root parser answers itself. Over-inclusive by design: a file literally named `--help`
    /// after `--` just goes the slow way, to the same result.
    private static func isBuiltInFlag(_ argument: String) -> Bool {
        argument == "-h" || argument == "-help" || argument == "--help" || argument == "--version"
            || argument.hasPrefix("--generate-completion") || argument.hasPrefix("--experimental")
            || argument.hasPrefix("---")
    }
}

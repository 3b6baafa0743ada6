import ArgumentParser

/// The command lines of `digestd summarize` in their plain spelling, read without ArgumentParser's
/// reflection (issue 15, start-up).
///
/// `SummarizeCommand.parseAsRoot` reflects on the command (`Mirror`) and casts each property
/// wrapper to ArgumentParser's protocols; every first cast or generic requirement check makes the
/// Swift runtime scan the binary's ~7,000 protocol conformance records. Under `perf record` that
/// parse was 16 % of the CPU time of one `digestd summarize -n 3 FILE`, more than the summary.
///
/// Accepted, and nothing else: the tokens `-n N`, `--sentences N`, `--ratio R`, `--language L`,
/// `--format text|json`, each option at most once, and file operands (any token that does not
/// start with `-`, and `-` itself, standard input). Values are converted by ArgumentParser's own
/// `ExpressibleByArgument` initialisers, and the result must pass ``SummarizeCommand/validate()``.
/// Any other spelling (`--sentences=4`, `-n4`, `--`, a repeated option, a value starting with
/// `-`, an empty token, help or version flags) or any failure gives `nil`, and the caller parses
/// with ArgumentParser, which gives the same command or the usage error it always gave.
/// `SubcommandDispatchTests` holds the two parses equal on every accepted command line.
enum PlainSummarizeArguments {
    /// The command `arguments` (what follows `summarize`) make, ready to run, or `nil` when they
    /// are not in the plain spelling or do not validate.
    static func parse(_ arguments: [String]) -> SummarizeCommand? {
        var files: [String] = []
        var sentences: Int?
        var ratio: Double?
        var language: String?
        var format: SummarizeCommand.Format = .text
        var index = arguments.startIndex
        var seen: Set<String> = []
        while index < arguments.endIndex {
            let token = arguments[index]
            index += 1
            if token == "-" || (!token.isEmpty && !token.hasPrefix("-")) {
                files.append(token)
                continue
            }
            // An option: its value is the next token, which must not look like an option.
            guard seen.insert(canonicalName(token)).inserted, index < arguments.endIndex else { return nil }
            let value = arguments[index]
            index += 1
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch token {
            case "-n", "--sentences":
                guard let number = Int(argument: value) else { return nil }
                sentences = number
            case "--ratio":
                guard let number = Double(argument: value) else { return nil }
                ratio = number
            case "--language":
                language = value
            case "--format":
                guard let chosen = SummarizeCommand.Format(argument: value) else { return nil }
                format = chosen
            default:
                return nil
            }
        }
        let command = SummarizeCommand(files: files, sentences: sentences, ratio: ratio, language: language, format: format)
        guard (try? command.validate()) != nil else { return nil }
        return command
    }

    /// `-n` and `--sentences` are one option; every other token is its own name.
    private static func canonicalName(_ token: String) -> String {
        token == "-n" ? "--sentences" : token
    }
}

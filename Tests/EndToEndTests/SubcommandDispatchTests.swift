import ArgumentParser
import Foundation
import Testing
@testable import digestd

/// The start-up fast path (``SubcommandDispatch``): `summarize`, `segment` and `extract` parsed by
/// their own parser, everything else — and every failure — by the whole command tree, with the
/// same messages and exit statuses as before (issue 15, start-up).
@Suite struct SubcommandDispatchTests {
    static let file = Repo.shared + "/eval-data/cnndm-dev/docs/cnndm-test-000020.txt"

    /// The fast path is taken for plain uses and gives what the root parse gives.
    @Test(arguments: [
        ["summarize", file],
        ["summarize", "-n", "2", file, "-"],
        ["summarize", "--sentences=4", "--format", "json", "--language", "german", file],
        ["summarize", "--ratio", "0.25", "--", file],
        ["summarize"],
    ])
    func summarizeIsParsedAloneLikeTheRootParsesIt(arguments: [String]) throws {
        let direct = try #require(SubcommandDispatch.parse(arguments) as? SummarizeCommand)
        let root = try #require(try Digestd.parseAsRoot(arguments) as? SummarizeCommand)
        #expect(direct.files == root.files)
        #expect(direct.sentences == root.sentences)
        #expect(direct.ratio == root.ratio)
        #expect(direct.language == root.language)
        #expect(direct.format == root.format)
    }

    @Test func segmentAndExtractAreParsedAlone() throws {
        let segment = try #require(SubcommandDispatch.parse(["segment", "--language", "french", Self.file]) as? SegmentCommand)
        #expect(segment.file == Self.file)
        #expect(segment.language == "french")
        let extract = try #require(SubcommandDispatch.parse(["extract", "--format", "json", "a", "b"]) as? ExtractCommand)
        #expect(extract.files == ["a", "b"])
        #expect(extract.format == .json)
    }

    /// Help, version, completion and dump-help requests, usage errors, failed validation and the
    /// other commands are left to the root parse.
    @Test(arguments: [
        [], ["--help"], ["--version"], ["help", "summarize"], ["run"], ["digest"], ["Summarize", file],
        ["summarize", "--help"], ["summarize", "-h"], ["summarize", "-help"], ["summarize", "--version"],
        ["summarize", "--generate-completion-script", "bash"], ["summarize", "--generate-completion-script=zsh"],
        ["summarize", "--experimental-dump-help"], ["summarize", "--bogus", file], ["summarize", "-n"],
        ["summarize", "-n", "0", file], ["summarize", "-n", "x", file], ["summarize", "--ratio", "2", file],
        ["summarize", "-n", "2", "--ratio", "0.5", file], ["summarize", "--format", "yaml", file],
        ["summarize", "--language", "klingon", file], ["segment", "a", "b"], ["segment", "--language", "klingon"],
        ["extract", "--bogus"], ["summarize", "---completion", "--", "positional@0", "0", "0"],
    ])
    func everythingElseFallsBackToTheRootParse(arguments: [String]) {
        #expect(SubcommandDispatch.parse(arguments) == nil)
    }

    /// Through the binary: the fallback's help, usage errors and exit statuses are the root's.
    @Test func helpAndErrorsStayTheRootParsersOwn() throws {
        let help = try runDigestd(["summarize", "--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("USAGE: digestd summarize [<files> ...] [--sentences <sentences>]"))
        #expect(help.out.contains("--version               Show the version."))

        let bogus = try runDigestd(["summarize", "--bogus", Self.file])
        #expect(bogus.status == 64)
        #expect(bogus.out.isEmpty)
        #expect(bogus.err == """
            Error: Unknown option '--bogus'
            Usage: digestd summarize [<files> ...] [--sentences <sentences>] [--ratio <ratio>] [--language <language>] [--format <format>]
              See 'digestd summarize --help' for more information.

            """)

        let bothLimits = try runDigestd(["summarize", "-n", "2", "--ratio", "0.5", Self.file])
        #expect(bothLimits.status == 64)
        #expect(bothLimits.err.hasPrefix("Error: give either -n or --ratio, not both\n"))

        let version = try runDigestd(["summarize", "--version"])
        #expect(version.status == 0)
        #expect(version.out == "0.1.0\n")

        let completion = try runDigestd(["summarize", "--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.out.contains("_digestd"))

        let missing = try runDigestd(["summarize", "/nonexistent/article.txt"])
        #expect(missing.status == 66)
        #expect(missing.err == "digestd: /nonexistent/article.txt: no such file\n")
    }

    /// Through the binary: the fast path runs the command (a file named `help` is a file).
    @Test func theFastPathRunsTheCommand() throws {
        let result = try runDigestd(["summarize", "-n", "1", "-"], stdin: "A title\n\nOne sentence here. And a second one.\n")
        #expect(result.status == 0)
        #expect(result.out.split(separator: "\n").count == 1)
        let named = try runDigestd(["summarize", "help"])
        #expect(named.status == 66)
        #expect(named.err.contains("help"))
    }
}

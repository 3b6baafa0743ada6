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

    /// The plain spelling of `summarize` is read without ArgumentParser
    /// (``PlainSummarizeArguments/parse(_:)``); each command line it accepts gives what the root parse
    /// gives, and each it refuses is one the root parse refuses or spells otherwise. Command
    /// lines of 0–6 tokens drawn from options, values (good, bad, option-like, empty) and file
    /// names, by a fixed-seed generator so that a failure is repeatable.
    @Test func thePlainSummarizeSpellingParsesAsTheRootDoes() throws {
        let pool = [
            "-n", "--sentences", "--ratio", "--language", "--format", "--sentences=2", "-n2", "--", "-",
            "2", "0", "-3", "+4", "x", "0.5", "1", "2.5", "1e-1", "nan", "english", "german", "klingon",
            "text", "json", "yaml", "", "help", "a.txt", "b c.md", "--bogus", "-x", "Ü.html",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var accepted = 0
        for _ in 0..<1_500 {
            let arguments = (0..<next(7)).map { _ in pool[next(pool.count)] }
            let root = (try? Digestd.parseAsRoot(["summarize"] + arguments)) as? SummarizeCommand
            guard let plain = PlainSummarizeArguments.parse(arguments) else { continue }
            accepted += 1
            let parsed = try #require(root, "the root parse refuses \(arguments)")
            #expect(plain.files == parsed.files, "\(arguments)")
            #expect(plain.sentences == parsed.sentences, "\(arguments)")
            #expect(plain.ratio == parsed.ratio, "\(arguments)")
            #expect(plain.language == parsed.language, "\(arguments)")
            #expect(plain.format == parsed.format, "\(arguments)")
        }
        #expect(accepted > 100)
        // Spellings left to ArgumentParser although it accepts them.
        #expect(PlainSummarizeArguments.parse(["-n", "2", "--sentences", "3", "a"]) == nil)
        #expect(PlainSummarizeArguments.parse(["-n2", "a"]) == nil)
        for arguments in [["--sentences=2", "a"], ["--", "a"], ["--ratio", "0.5", "--", "-x"]] {
            #expect(PlainSummarizeArguments.parse(arguments) == nil)
            #expect(SubcommandDispatch.parse(["summarize"] + arguments) is SummarizeCommand)
        }
        #expect(PlainSummarizeArguments.parse(["-n", "2", "--ratio", "0.5", "--format", "json", "--language", "german", "a", "-"])
            == nil)
        let plain = try #require(PlainSummarizeArguments.parse(["-n", "2", "--format", "json", "--language", "german", "a", "-"]))
        #expect(plain.files == ["a", "-"] && plain.sentences == 2 && plain.ratio == nil)
        #expect(plain.language == "german" && plain.format == .json)
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

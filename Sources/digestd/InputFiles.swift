#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import DigestService
import Inbox
import Summarizer

/// Reads the articles named on the command line (`-` or nothing for standard input) through the
/// one reading path (``ArticleExtractor/read(bytes:name:)``).
///
/// Files, pipes and FIFOs given by path (`<(cmd)` is `/dev/fd/N`) and standard input are read to
/// the end. The format comes from a known extension, else it is sniffed from the content.
enum InputFiles {
    struct Input {
        /// The path as given, or `-`.
        let name: String
        /// The article as the summarizer sees it, with its format and encoding.
        let reading: ArticleReading

        /// Title and body as the summarizer splits them (``Summarizer/summarize(_:)``): the
        /// title the format names, or, when it names none (plain text, Markdown without a
        /// heading), the headline that the first-line rule (``Article/init(text:)``) finds.
        var article: ExtractedArticle {
            let read = reading.article
            guard read.title == nil else { return read }
            let split = Article(text: read.body)
            return ExtractedArticle(title: split.title, body: split.body, format: read.format, tableCellsReadAsText: read.tableCellsReadAsText)
        }

        /// `true`, after one line on standard error naming the input, when nothing is left to
        /// summarize (``ExtractedArticle/isEmpty``: an empty or blank file, a page or mail
        /// without text): the commands then go on with the other inputs and exit 65 (EX_DATAERR:
        /// the file is there and readable, its data holds no article), as the service skips it
        /// with reason `empty`.
        func reportIfEmpty() -> Bool {
            guard reading.article.isEmpty else { return false }
            let format = reading.article.format.rawValue
            printError("\(ProblemText.escaped(name)): no text to read (the input is empty, or nothing is left after reading it as \(format)); skipped")
            return true
        }
    }

    /// At most this many bytes of one input are read: the service's default `[inbox] max_bytes`,
    /// so that a command refuses what the service would skip (and `/dev/zero` cannot fill memory).
    static let maxBytes = Configuration().maxBytes

    /// - Throws: `ExitCode.noInput` after printing one line for a missing, unreadable or
    ///   directory path; `ExitCode.dataError` for binary content or an input over ``maxBytes``;
    ///   `ExitCode.unavailable` for an e-mail while libgmime cannot be loaded.
    static func read(_ paths: [String]) throws -> [Input] {
        let names = paths.isEmpty ? ["-"] : paths
        // Asked before any file is opened: with standard input closed, the first open() gets fd
        // 0, and `-` must not then read that file (at its end) as if it were standard input.
        let stdinOpen = fcntl(0, F_GETFD) >= 0
        return try names.map { name in
            let bytes = try readAll(name, stdinOpen: stdinOpen)
            switch ArticleExtractor.reading(bytes: bytes, name: name == "-" ? nil : name) {
            case .text(let reading):
                if reading.article.tableCellsReadAsText > 0 {
                    printError("\(ProblemText.escaped(name)): " + MarkdownExtractor.tablesReadAsTextNote(cells: reading.article.tableCellsReadAsText))
                }
                return Input(name: name, reading: reading)
            case .binary:
                printError("\(ProblemText.escaped(name)): binary content, not text")
                throw ExitCode.dataError
            case .emailUnavailable:
                printError("\(ProblemText.escaped(name)): e-mail cannot be read: libgmime-3.0 could not be loaded (install libgmime-3.0-0)")
                throw ExitCode.unavailable
            }
        }
    }

    /// Every byte of `name` (`-` is standard input, `stdinOpen` whether fd 0 was open at the
    /// start), read until end of file.
    private static func readAll(_ name: String, stdinOpen: Bool) throws -> [UInt8] {
        if name == "-", !stdinOpen {
            printError("-: read failed: \(String(cString: strerror(EBADF)))")
            throw ExitCode.noInput
        }
        let fd = name == "-" ? 0 : open(name, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            printError("\(ProblemText.escaped(name)): \(e == ENOENT ? "no such file" : String(cString: strerror(e)))")
            throw ExitCode.noInput
        }
        defer { if name != "-" { close(fd) } }
        var st = stat()
        let statted = fstat(fd, &st) == 0
        if statted, (st.st_mode & S_IFMT) == S_IFDIR {
            printError("\(ProblemText.escaped(name)): is a directory")
            throw ExitCode.noInput
        }
        var bytes: [UInt8] = []
        // A regular file is read straight into an array of its size (one copy, one allocation);
        // the loop below then reads whatever else there is until end of file, as for a pipe.
        if statted, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0, st.st_size <= maxBytes {
            let size = Int(st.st_size)
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                guard let base = buffer.baseAddress else { return }
                while count < size {
                    let n = Glibc.read(fd, base + count, size - count)
                    if n < 0, errno == EINTR { continue }
                    if n < 0 { failure = errno }
                    if n <= 0 { return }
                    count += n
                }
            }
            if failure != 0 {
                printError("\(ProblemText.escaped(name)): read failed: \(String(cString: strerror(failure)))")
                throw ExitCode.noInput
            }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                printError("\(ProblemText.escaped(name)): read failed: \(String(cString: strerror(e)))")
                throw ExitCode.noInput
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxBytes {
                printError("\(ProblemText.escaped(name)): larger than \(maxBytes) bytes (the service's [inbox] max_bytes); not read")
                throw ExitCode.dataError
            }
        }
        return bytes
    }
}

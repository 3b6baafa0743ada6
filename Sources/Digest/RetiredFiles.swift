import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The old versions of digest files, swapped out by ``AtomicFile``'s exchange, unlinked on a
/// serial queue of their own instead of on the writing thread.
///
/// Unlinking the old version of a day's file frees its pages (megabytes on a big day: about
/// 15 MB of Markdown and HTML at 10,000 articles), and when that version was being written back
/// by the deferred sync (`fdatasync` of the file then in place), the kernel waits for the
/// writeback to end before it lets the pages go: the writer would wait for the disk after all.
/// Here the writer only hands the name over. A crash before the unlink leaves the old version
/// under its temporary name, which start-up removes (``AtomicFile/removeStrayTemporaries(in:)``),
/// as after a crash between the exchange and the unlink.
final class RetiredFiles: Sendable {
    private let queue = DispatchQueue(label: "digestd.retired-files")

    /// Unlinks `path` soon, off the caller's thread. A failure leaves a stray temporary file for
    /// the next start-up to remove.
    func remove(_ path: String) {
        queue.async { _ = unlink(path) }
    }

    /// Waits until every file handed over so far is unlinked.
    func wait() {
        queue.sync {}
    }
}

/// What the inbox watcher reports, in the order the kernel delivered it.
package enum InboxEvent: Sendable, Hashable {
    /// A directory entry whose writer is done: `IN_CLOSE_WRITE` or `IN_MOVED_TO`.
    /// `name` is the bare entry name.
    case candidate(name: String)
    /// An entry's metadata changed (`IN_ATTRIB`): a permission change may make an unreadable
    /// article readable. Not a sign that a writer is done: a file still held open by its writer
    /// also gets `IN_ATTRIB` (e.g. from `chmod` or `utime`), so this alone must not trigger a read
    /// of an entry that was not waiting for permission.
    case attributesChanged(name: String)
    /// The kernel's event queue overflowed (`IN_Q_OVERFLOW`): events were lost, rescan the folder.
    case overflow
    /// The watched folder's own metadata changed (`IN_ATTRIB` with no name): its permissions may
    /// have come back after articles arrived that could not be read; rescan the folder.
    case folderAttributesChanged
    /// The watched folder was deleted or moved away (`IN_DELETE_SELF`, `IN_MOVE_SELF`, `IN_IGNORED`).
    case watchLost
}

/// What the inbox watcher reports, in the order the kernel delivered it.
public enum InboxEvent: Sendable, Hashable {
    /// A directory entry whose writer may be done: `IN_CLOSE_WRITE`, `IN_MOVED_TO`, or `IN_ATTRIB`
    /// (a permission change may make an unreadable article readable). `name` is the bare entry name.
    case candidate(name: String)
    /// The kernel's event queue overflowed (`IN_Q_OVERFLOW`): events were lost, rescan the folder.
    case overflow
    /// The watched folder was deleted or moved away (`IN_DELETE_SELF`, `IN_MOVE_SELF`, `IN_IGNORED`).
    case watchLost
}

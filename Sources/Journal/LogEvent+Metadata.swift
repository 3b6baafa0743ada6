import Logging

extension LogEvent {
    /// The metadata of one message as both handlers write it: the provider's,
    /// then the handler's, then the call's own (later ones win), and the
    /// event's error, if any, as ``JournalField/error``.
    func mergedMetadata(provider: Logger.MetadataProvider?, handler: Logger.Metadata) -> Logger.Metadata {
        var merged = provider?.get() ?? [:]
        merged.merge(handler) { _, new in new }
        if let extra = metadata { merged.merge(extra) { _, new in new } }
        if let error { merged[JournalField.error] = "\(error)" }
        return merged
    }
}

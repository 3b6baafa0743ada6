/// The work loop's batches in hand: admitted (their steps begun in the ledger), handed to the
/// prepare stage, not yet recorded; oldest first, which is the order they are recorded in.
///
/// Several batches may be in hand at once, so the prepare helpers always have the next one
/// while the loop records the one before, writes the digest or reads and admits the one after;
/// the loop bounds their articles (``DigestdService/batchCap``).
struct BatchesInHand {
    /// A batch being prepared.
    typealias Batch = PrepareStage.Pending<ArticlePipeline.Ticket, ArticlePipeline.Prepared>

    private var batches: [Batch] = []
    /// Articles in all the batches.
    private(set) var articles = 0

    /// Whether no batch is in hand.
    var isEmpty: Bool { batches.isEmpty }

    /// Whether the oldest batch is prepared, so recording it waits for nothing.
    var oldestIsComplete: Bool { batches.first?.isComplete ?? false }

    /// Adds a batch admitted after every batch in hand.
    mutating func append(_ batch: Batch) {
        batches.append(batch)
        articles += batch.count
    }

    /// Takes the oldest batch out, to be finished and recorded.
    mutating func removeOldest() -> Batch? {
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        articles -= batch.count
        return batch
    }
}

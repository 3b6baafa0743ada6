import Synchronization

/// What ``TextAnalyzer`` decides about one token surface in one language, whatever the
/// article: its Snowball stem (`nil` when the token is dropped as a stopword or for having no
/// letter), whether it may stand as a keyword, and whether only sentence ranking counts it
/// (``ReportingVerbs``).
struct TokenAnalysis: Sendable {
    let stem: String?
    let isKeywordCandidate: Bool
    let ranksOnly: Bool
}

/// The process-wide memo of ``TokenAnalysis`` per token, one per language: news repeats its
/// vocabulary from article to article, and folding, the stopword test, the possessive strip,
/// stemming and the keyword test cost about five times a hash look-up. The analysis is a pure
/// function of the language and the token, so the cache never changes a result, only how soon
/// it comes; two threads that analyse the same token at once store the same value.
///
/// Keys are those of ``TextAnalyzer``'s per-article memo: a ``PackedWord`` (case-folded) for a
/// token of at most 8 ASCII bytes, else the token as written. A token never holds a NUL byte
/// (``Tokenizer`` keeps only word characters and joiners), so two packed tokens never collide.
/// Bounded by ``limit`` tokens per language; an idle service lets it go with the other
/// per-language tables (``LanguageMemos/releaseAll()``).
final class TokenAnalysisCache: Sendable {
    private struct Tables {
        var packed: [UInt64: TokenAnalysis] = [:]
        var words: [String: TokenAnalysis] = [:]
        var count: Int { packed.count + words.count }
    }

    private let tables: Mutex<Tables>

    /// An empty cache with room for the vocabulary of the first few hundred articles (growing
    /// from nothing rehashed the tables under the lock while other threads waited on it).
    init() {
        var tables = Tables()
        tables.packed.reserveCapacity(8_192)
        tables.words.reserveCapacity(2_048)
        self.tables = Mutex(tables)
    }

    /// Tokens kept per language (about 2 MB of memory when full).
    static let limit = 30_000

    private static let caches = LanguageMemo<TokenAnalysisCache>()

    /// The cache of a lower-cased Snowball language name (`"english"`, …, or any other name,
    /// whose tokens are only lower-cased).
    static func shared(language: String) -> TokenAnalysisCache {
        caches.value(for: language) { TokenAnalysisCache() }
    }

    /// Tokens kept (for tests).
    var count: Int { tables.withLock { $0.count } }

    /// The analysis kept for a token, by its packed form when it has one.
    func analysis(packed: PackedWord?, token: String) -> TokenAnalysis? {
        tables.withLock { tables in
            if let packed { return tables.packed[packed.bits] }
            return tables.words[token]
        }
    }

    /// Keeps a token's analysis while the cache holds fewer than ``limit`` tokens.
    func store(_ analysis: TokenAnalysis, packed: PackedWord?, token: String) {
        tables.withLock { tables in
            guard tables.count < Self.limit else { return }
            if let packed { tables.packed[packed.bits] = analysis } else { tables.words[token] = analysis }
        }
    }
}

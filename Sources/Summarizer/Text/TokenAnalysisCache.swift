import Synchronization

/// What ``TextAnalyzer`` decides about one token surface in one language, whatever the
/// article: its Snowball stem (`nil` when the token is dropped as a stopword or for having no
/// letter), whether it may stand as a keyword, and whether only sentence ranking counts it
/// (``ReportingVerbs``).
struct TokenAnalysis: Sendable {
    let stem: String?
    let isKeywordCandidate: Bool
    let ranksOnly: Bool
    /// The stem's number in the process-wide cache (``TokenAnalysisCache/store(_:packed:token:)``),
    /// dense from 0 per cache; -1 without a stem, without a cache, or once the cache's stem table
    /// is full.
    var stemNumber = -1
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
///
/// It also numbers the stems it sees (``TokenAnalysis/stemNumber``), up to ``limit`` stems, so
/// that each article's analyser finds its own stem ids by an array index instead of hashing the
/// stem. The table only grows (a new cache starts afresh), so a stem has a number from the first
/// time the cache sees it for the whole life of the cache, or never: an analyser that keeps the
/// cache it started with never meets one stem both with and without a number.
final class TokenAnalysisCache: Sendable {
    private struct Tables {
        var packed = PackedWordMap<TokenAnalysis>(capacity: 8_192)
        var words: [String: TokenAnalysis] = [:]
        var stemNumbers: [String: Int] = [:]
        var count: Int { packed.count + words.count }
    }

    private let tables: Mutex<Tables>

    /// An empty cache with room for the vocabulary of the first few hundred articles (growing
    /// from nothing rehashed the tables under the lock while other threads waited on it).
    init() {
        var tables = Tables()
        tables.words.reserveCapacity(2_048)
        tables.stemNumbers.reserveCapacity(4_096)
        self.tables = Mutex(tables)
    }

    /// Tokens kept per language (about 2 MB of memory when full), and stems numbered.
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

    /// Numbers the stem of a token's fresh analysis (while fewer than ``limit`` stems are
    /// numbered, or when it has its number already) and keeps the analysis while the cache holds
    /// fewer than ``limit`` tokens.
    /// - Returns: `analysis` with its ``TokenAnalysis/stemNumber``.
    func store(_ analysis: TokenAnalysis, packed: PackedWord?, token: String) -> TokenAnalysis {
        tables.withLock { tables in
            var analysis = analysis
            if let stem = analysis.stem {
                if let number = tables.stemNumbers[stem] {
                    analysis.stemNumber = number
                } else if tables.stemNumbers.count < Self.limit {
                    analysis.stemNumber = tables.stemNumbers.count
                    tables.stemNumbers[stem] = analysis.stemNumber
                }
            }
            guard tables.count < Self.limit else { return analysis }
            if let packed { tables.packed[packed.bits] = analysis } else { tables.words[token] = analysis }
            return analysis
        }
    }
}

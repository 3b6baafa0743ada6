import Foundation
import Ledger
import Summarizer

/// Finds the day's articles that report the same story and summarizes each such group.
///
/// **Grouping.** Each article becomes a term vector over its title, summary sentences and
/// keywords (the stems of the Summarizer's ``TextAnalyzer``, the pipeline its ranking and
/// keywords use; title terms count twice, keywords once more; weight `1 + ln(count)`). Two articles are
/// the same story when the cosine of their vectors is at least ``threshold``; groups are the
/// connected components of that relation (single link).
///
/// There is deliberately no corpus IDF: an IDF estimated from one day's handful of articles is
/// noisy and changes with every arrival, which would make a pair flip in and out of a group as
/// the day grows. Here the similarity of two articles depends on those two alone, so a new
/// arrival can add an article to a group or merge two groups, never split one, and the result
/// does not depend on the order of input, on hashing or on the process. Stopword removal does
/// IDF's main job (function words); the threshold was chosen on real articles (see
/// ``threshold``).
///
/// **Summary.** The members' summary sentences are ranked by LexRank — eigenvector centrality in
/// the cosine-similarity graph of the sentences (Erkan & Radev, "LexRank: Graph-based lexical
/// centrality as salience in text summarization", JAIR 22, 2004), damping 0.85, computed by the
/// Summarizer's ``TextRankScorer`` — and picked by the Summarizer's
/// ``MaximalMarginalRelevance`` (Carbonell & Goldstein, SIGIR 1998), λ = 0.7 (score
/// `0.7 · rank / max rank − 0.3 · max cosine to the picked ones`), skipping any sentence with
/// cosine ≥ ``redundancyCutoff`` to one already picked, so the same fact told by two outlets
/// appears once.
package enum TopStories {
    /// Cosine similarity at or above which two articles are one story.
    ///
    /// Measured on the 300 BBC articles of `shared/eval-data/bbc-dev`, as the ledger holds them
    /// (title, 3-sentence summary, keywords): of the 44,850 pairs of different files, 99.9 % score
    /// below 0.30 (median 0.015). Above 0.35 (under 0.1 % of pairs) are the data set's reprinted
    /// duplicates (1.0) and same-event pairs: "Tory backing for ID cards" / "Conservative backing
    /// for ID cards" 0.98, "Drink remark 'acts as diversion'" / "McConnell in 'drunk' remark row"
    /// 0.55, two reports of the Glazer bid for Man Utd 0.54; the closest pairs that are different
    /// stories score 0.36–0.40 (two FA Cup draw stories, two network-security stories). Near-copies
    /// with a new title and a reworded lead score 0.37–0.98 (median 0.78; the lowest were also cut
    /// to every other paragraph). 0.35 keeps every near-copy, at the cost of grouping a few closely
    /// related stories. `TopStoriesTests` re-checks this on the data; set `DIGEST_EXPLORE=1` to
    /// print the distribution (`TopStoriesExploration`).
    package static let threshold = 0.35
    /// Sentence cosine at or above which a candidate repeats an already chosen sentence.
    package static let redundancyCutoff = 0.5
    /// Sentences in a top story's summary, at most.
    package static let summarySentences = 3

    /// The day's top stories.
    /// - Parameter articles: the day's articles in arrival order.
    /// - Returns: the groups of two or more articles, ordered by their earliest member.
    /// - Complexity: for n articles, the sum over terms of (articles holding the term)² — O(n²)
    ///   only when every article shares terms with every other — plus O(s²) per group of s sentences.
    package static func find(in articles: [ArticleRecord]) -> [TopStory] {
        find(in: articles, cache: nil)
    }

    /// ``find(in:)`` reusing the stems held by `cache` (see ``TermCache``) and what `memo` kept
    /// of the previous search over the same day; the result is the same as without them.
    /// - Parameter unchangedPrefix: leading articles known to be those of `memo`'s previous
    ///   search (see ``TopStoriesMemo/update(to:cache:unchangedPrefix:)``); nil to compare.
    static func find(in articles: [ArticleRecord], cache: TermCache?, memo: TopStoriesMemo? = nil,
                     unchangedPrefix: Int? = nil) -> [TopStory] {
        let found: [[Int]]
        if let memo {
            memo.update(to: articles, cache: cache, unchangedPrefix: unchangedPrefix)
            found = memo.groups(threshold: threshold)
                ?? groups(vectors: TermVectorBuilder(cache: cache).articleVectors(articles), threshold: threshold)
        } else {
            found = groups(vectors: TermVectorBuilder(cache: cache).articleVectors(articles), threshold: threshold)
        }
        return found.map { members in
            let head = members.prefix(maximumSummarizedMembers)
            if let kept = memo?.keptSummary(ids: head.map { articles[$0].id }, positions: head) {
                return TopStory(headline: articles[members[0]].title, summary: kept, members: members)
            }
            let summarized = head.map { articles[$0] }
            let summary = memo?.summary(of: summarized) ?? summarize(summarized, cache: cache)
            memo?.store(summary: summary, of: summarized)
            return TopStory(headline: articles[members[0]].title, summary: summary, members: members)
        }
    }

    /// Cosine similarity of two articles as used for grouping, in [0, 1].
    package static func similarity(_ a: ArticleRecord, _ b: ArticleRecord) -> Double {
        let v = TermVectorBuilder().articleVectors([a, b])
        return v[0].cosine(v[1])
    }

    /// Connected components of the "cosine ≥ threshold" graph, each ascending, ordered by their
    /// first index; singletons left out.
    static func groups(vectors: [TermVector], threshold: Double) -> [[Int]] {
        if threshold <= 0 {
            // Every pair qualifies, even one without a shared term.
            var parent = Array(vectors.indices)
            for i in vectors.indices {
                for j in vectors.indices where j > i && vectors[i].cosine(vectors[j]) >= threshold {
                    StoryGrouping.union(i, j, in: &parent)
                }
            }
            return StoryGrouping.components(parent: parent)
        }
        var grouping = StoryGrouping(threshold: threshold)
        for vector in vectors { grouping.add(vector) }
        return grouping.groups()
    }

    /// LexRank + MMR over the members' summary sentences; see the type's documentation.
    /// Only a story's earliest members feed its summary: LexRank is quadratic in the sentences,
    /// and a story reported 200 times (a wire notice, a rolling update) must not make every
    /// digest write slow. The earliest members stay the same as the day grows.
    static let maximumSummarizedMembers = 12

    static func summarize(_ members: [ArticleRecord], cache: TermCache? = nil) -> [String] {
        var sentences: [(text: String, article: Int, position: Int, language: String)] = []
        var seen: Set<String> = []
        for (a, article) in members.prefix(maximumSummarizedMembers).enumerated() {
            for (p, s) in article.sentences.enumerated() where seen.insert(s).inserted {
                sentences.append((s, a, p, article.language))
            }
        }
        guard !sentences.isEmpty else { return [] }
        let builder = TermVectorBuilder(cache: cache)
        let vectors = sentences.map { builder.vector(text: $0.text, language: $0.language) }
        // The Summarizer's TextRank (LexRank's weighted form) and MMR, over the sentences' cosines.
        let graph = SimilarityGraph(count: vectors.count) { vectors[$0].cosine(vectors[$1]) }
        let scores = TextRankScorer().scores(graph)
        let maxScore = scores.max() ?? 1
        let lambda = 0.7
        let selector = MaximalMarginalRelevance(redundancy: 1 - lambda, duplicateCosine: redundancyCutoff,
                                                fillsWithDuplicates: false)
        let chosen = selector.select(count: summarySentences, scores: scores.map { lambda * $0 / maxScore },
                                     similarity: graph.weight)
        return chosen.sorted().map { sentences[$0].text }
    }
}

/// Reporting verbs that a language's stopword list drops but sentence ranking counts as
/// content terms: English `said`, `says`, `say`.
///
/// digestd's English list adds these news words to Snowball's list (snowballstem.org), so
/// keywords and top-story grouping never see them. Snowball's lists of the other languages
/// hold no reporting verbs, and summa's TextRank (Barrios et al. 2016, after Mihalcea & Tarau
/// 2004) keeps them as terms: the sentences that say who said what then share an edge in the
/// similarity graph, as they do in every other language. ``TextAnalyzer`` gives these
/// tokens a stem id like any content term, marked ``TextAnalyzer/Term/ranksOnly``, so the
/// ranking (similarity graph, PACSUM, headline similarity, MMR, content-word count) counts
/// them and keywords and ``TextAnalyzer/stems(of:)`` leave them out.
///
/// Measured with `digestd-bench evaluate --per-document` (issue 14, third round): bbc-dev
/// R-1 81.11 → 82.89 (+1.78; 3 folds of 100: +2.56 / +0.70 / +2.08; paired bootstrap 95 %
/// interval [+1.09, +2.49]), cnndm-dev 41.43 → 41.45 (+0.02, interval [−0.15, +0.18]); on the
/// validation sets, scored once afterwards with `rouge_table.py`: bbc-val 79.01 → 80.67
/// (summa's TextRank 79.10), cnndm-val 40.49 → 40.47. Also
/// counting `mr`, `mrs`, `ms` (the list's other news additions): bbc-dev +2.13 but
/// cnndm-dev −0.15 (folds −0.51 / −0.15 / +0.21): left out.
enum ReportingVerbs {
    /// The lower-cased reporting verbs of a Snowball language name; empty for the others.
    static func words(language: String) -> Set<String> {
        language == "english" ? english : []
    }

    private static let english: Set<String> = ["said", "says", "say"]
}

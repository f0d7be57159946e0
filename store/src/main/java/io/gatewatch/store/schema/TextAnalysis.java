package io.gatewatch.store.schema;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * How text fields are split into words, at index time and at query time alike: Unicode word
 * boundaries, lower-cased, and no stop words (in log lines "not" and "no" carry meaning).
 */
public final class TextAnalysis {
    private TextAnalysis() {}

    /** A new analyzer; analyzers hold per-thread state, so share one per index or searcher. */
    public static Analyzer analyzer() {
        return new StandardAnalyzer(CharArraySet.EMPTY_SET);
    }
}

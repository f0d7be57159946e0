package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.Range;
import io.gatewatch.store.schema.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Queries on analysed text fields ({@code message}, {@code error.message}, {@code *.text}):
 * values go through the same analysis as the indexed text ({@link TextAnalysis}), so matching is
 * by lower-cased words. A quoted phrase must match its words in order; a bare value that splits
 * into several words ({@code foo-bar}) needs all of them, anywhere in the field.
 */
final class TextQueries {
    /** Analyzers are thread-safe and keep per-thread state: one for all queries. */
    private static final Analyzer ANALYZER = TextAnalysis.analyzer();

    private TextQueries() {}

    private record Word(String term, int position) {}

    static Query match(Match m) {
        List<Word> words = analyze(m.field(), m.value());
        if (words.isEmpty()) {
            return new MatchNoDocsQuery("no words to search for in '" + m.value() + "'");
        }
        if (words.size() == 1) {
            return new TermQuery(new Term(m.field(), words.get(0).term()));
        }
        if (m.phrase()) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            for (Word w : words) {
                phrase.add(new Term(m.field(), w.term()), w.position());
            }
            return phrase.build();
        }
        if (words.size() > QueryLimits.MAX_CLAUSES) {
            throw new QuerySyntaxException(m.position(), "more than " + QueryLimits.MAX_CLAUSES + " clauses");
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Word w : words) {
            all.add(new TermQuery(new Term(m.field(), w.term())), BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    /** Indexed words are lower case, so the pattern is too (escapes survive: only letters change). */
    static Query wildcard(QueryNode.Wildcard w) {
        return PatternQueries.wildcard(w.field(), lowerCase(w.pattern()), w.position());
    }

    static Query regex(QueryNode.Regex r) {
        return PatternQueries.regex(r.field(), r.pattern(), true, r.position());
    }

    static Query range(Range r) {
        throw new QuerySyntaxException(r.position(), "ranges need a keyword, number, date or IP field; "
                + r.field() + " is full text");
    }

    private static List<Word> analyze(String field, String text) {
        List<Word> words = new ArrayList<>();
        try (TokenStream tokens = ANALYZER.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            int position = -1;
            while (tokens.incrementToken()) {
                position += increment.getPositionIncrement();
                words.add(new Word(term.toString(), position));
            }
            tokens.end();
        } catch (IOException e) {
            // A string reader does not fail.
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /** Lower case the way the analyzer's lower-case filter does it: code point by code point. */
    static String lowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(Character.toLowerCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}

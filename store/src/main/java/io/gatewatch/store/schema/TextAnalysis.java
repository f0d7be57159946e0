package io.gatewatch.store.schema;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How text fields are split into words, at index time and at query time alike: Unicode word
 * boundaries, lower-cased, and no stop words (in log lines "not" and "no" carry meaning).
 *
 * <p>The words are exactly those of Lucene's {@link StandardAnalyzer} without stop words (a test
 * compares both), built for speed: {@code message} alone gives some fifty words an event, and the
 * analyzer's empty stop filter (a hash lookup a word) and code-point-wise lower-casing cost
 * about a tenth of ingest's CPU; here ASCII is lower-cased by arithmetic, anything else as
 * Lucene does, and there is no stop filter at all.
 */
public final class TextAnalysis {
    private TextAnalysis() {}

    /** A new analyzer; analyzers hold per-thread state, so share one per index or searcher. */
    public static Analyzer analyzer() {
        return new Words();
    }

    private static final class Words extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            source.setMaxTokenLength(StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
            return new TokenStreamComponents(source, new LowerCase(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCase(in);
        }
    }

    /** Lucene's lower-casing, with ASCII letters done in place first. */
    static final class LowerCase extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        LowerCase(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            char[] chars = term.buffer();
            int length = term.length();
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                if (c >= 0x80) {
                    // The rest as Lucene's LowerCaseFilter does it, code point by code point.
                    CharacterUtils.toLowerCase(chars, i, length);
                    break;
                }
                if (c >= 'A' && c <= 'Z') {
                    chars[i] = (char) (c + ('a' - 'A'));
                }
            }
            return true;
        }
    }
}

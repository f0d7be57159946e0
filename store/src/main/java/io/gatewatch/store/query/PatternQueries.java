package io.gatewatch.store.query;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Wildcard and regex queries on term fields (keywords and analysed text), with their cost
 * bounded: the automaton's size is estimated before it is built ({@link RegexCost}) and the
 * work of making it deterministic is capped ({@link QueryLimits#DETERMINIZE_WORK_LIMIT}).
 *
 * <p>Regexes use Lucene's syntax with none of its optional operators: {@code & ~ # @ <>} are
 * plain chars, so an {@code @} in an e-mail address means an {@code @}, not "any string".
 */
final class PatternQueries {
    private PatternQueries() {}

    /** {@code pattern} in Lucene's wildcard syntax; a plain prefix ({@code adm*}) becomes a prefix query. */
    static Query wildcard(String field, String pattern, int position) {
        String prefix = literalPrefix(pattern);
        if (prefix != null) {
            return new PrefixQuery(new Term(field, prefix));
        }
        try {
            return new WildcardQuery(new Term(field, pattern), QueryLimits.DETERMINIZE_WORK_LIMIT);
        } catch (TooComplexToDeterminizeException e) {
            throw new QuerySyntaxException(position, "wildcard pattern too costly to run: use fewer wildcards");
        }
    }

    /**
     * @param caseInsensitive for analysed text, whose terms are lower case: {@code /Admin.*} must
     *     find them (folding the pattern instead would break escapes such as {@code \W})
     */
    static Query regex(String field, String pattern, boolean caseInsensitive, int position) {
        RegexCost.check(pattern, position);
        try {
            return new RegexpQuery(new Term(field, pattern), RegExp.NONE, caseInsensitive ? RegExp.CASE_INSENSITIVE : 0,
                    RegexpQuery.DEFAULT_PROVIDER, QueryLimits.DETERMINIZE_WORK_LIMIT,
                    MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE, true);
        } catch (TooComplexToDeterminizeException e) {
            throw new QuerySyntaxException(position, "regular expression too costly to run: make it more specific "
                    + "(fewer .* and alternatives, or a literal start)");
        } catch (IllegalArgumentException e) {
            throw new QuerySyntaxException(position, "invalid regular expression: " + e.getMessage());
        }
    }

    /** The unescaped text before a single trailing {@code *}, or null if the pattern is anything else. */
    static String literalPrefix(String pattern) {
        StringBuilder prefix = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                prefix.append(pattern.charAt(++i));
            } else if (c == '*' && i == pattern.length() - 1) {
                return prefix.toString();
            } else if (c == '*' || c == '?') {
                return null;
            } else {
                prefix.append(c);
            }
        }
        return null;
    }
}

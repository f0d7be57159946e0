package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Bound;
import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.query.QueryNode.Range;
import java.time.Instant;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Queries on long and date fields, both indexed as 64-bit points (dates as epoch milliseconds).
 *
 * <p>A date value names a period as long as its precision, as in Elasticsearch:
 * {@code @timestamp:2026-11-23} is that whole day, {@code @timestamp:now/h} this hour. Range
 * bounds use the end of the period that keeps the range's meaning: an included lower bound
 * ({@code >=}, {@code [}) starts at the start of its period, an excluded one ({@code >},
 * <code>&#123;</code>) after its end; an included upper bound ends at the end of its period, an
 * excluded one before its start.
 */
final class NumericQueries {
    private NumericQueries() {}

    static Query matchLong(Match m) {
        return LongPoint.newExactQuery(m.field(), parseLong(m.field(), m.value(), m.position()));
    }

    static Query rangeLong(Range r) {
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        if (r.lower() != null) {
            long v = parseLong(r.field(), r.lower().value(), r.lower().position());
            if (!r.lower().inclusive()) {
                if (v == Long.MAX_VALUE) {
                    return new MatchNoDocsQuery("nothing above the largest number");
                }
                v++;
            }
            lower = v;
        }
        if (r.upper() != null) {
            long v = parseLong(r.field(), r.upper().value(), r.upper().position());
            if (!r.upper().inclusive()) {
                if (v == Long.MIN_VALUE) {
                    return new MatchNoDocsQuery("nothing below the smallest number");
                }
                v--;
            }
            upper = v;
        }
        return points(r.field(), lower, upper);
    }

    static Query matchDate(Match m, Instant now) {
        long start = date(m.field(), m.value(), m.position(), now, false);
        long end = date(m.field(), m.value(), m.position(), now, true);
        return points(m.field(), start, end);
    }

    static Query rangeDate(Range r, Instant now) {
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        Bound lo = r.lower();
        if (lo != null) {
            // Included: from the start of its period. Excluded: from after its end.
            long v = date(r.field(), lo.value(), lo.position(), now, !lo.inclusive());
            if (!lo.inclusive()) {
                if (v == Long.MAX_VALUE) {
                    return new MatchNoDocsQuery("nothing after the last date");
                }
                v++;
            }
            lower = v;
        }
        Bound hi = r.upper();
        if (hi != null) {
            // Included: up to the end of its period. Excluded: up to before its start.
            long v = date(r.field(), hi.value(), hi.position(), now, hi.inclusive());
            if (!hi.inclusive()) {
                if (v == Long.MIN_VALUE) {
                    return new MatchNoDocsQuery("nothing before the first date");
                }
                v--;
            }
            upper = v;
        }
        return points(r.field(), lower, upper);
    }

    private static Query points(String field, long lower, long upper) {
        if (lower > upper) {
            return new MatchNoDocsQuery("empty range");
        }
        return LongPoint.newRangeQuery(field, lower, upper);
    }

    /** A whole number in ASCII digits with an optional sign; nothing else (no decimals, no spaces). */
    static long parseLong(String field, String text, int position) {
        int digitsFrom = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        boolean ok = text.length() > digitsFrom && text.length() - digitsFrom <= 19;
        for (int i = digitsFrom; ok && i < text.length(); i++) {
            ok = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (ok) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // 19 digits beyond the long range: reported below.
            }
        }
        throw new QuerySyntaxException(position, "'" + text + "' is not a whole number (" + field
                + " is a number field)");
    }

    private static long date(String field, String text, int position, Instant now, boolean roundUp) {
        try {
            return DateMath.parse(text, now, roundUp);
        } catch (QuerySyntaxException e) {
            throw new QuerySyntaxException(position, "'" + text + "' is not a date (" + field + " is a date field): "
                    + e.reason() + " at offset " + e.position());
        }
    }
}

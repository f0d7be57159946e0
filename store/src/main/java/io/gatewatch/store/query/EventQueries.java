package io.gatewatch.store.query;

import java.time.Instant;
import org.apache.lucene.search.Query;

/**
 * The events query language: entry points. The language itself is described in this package's
 * documentation.
 */
public final class EventQueries {
    private EventQueries() {}

    /**
     * The syntax tree of {@code text}; blank (or null) text is {@link QueryNode.MatchAll}.
     *
     * @throws QuerySyntaxException if the text does not parse or is over a {@link QueryLimits} bound
     */
    public static QueryNode parse(String text) {
        return QueryParser.parse(text);
    }

    /**
     * The Lucene query for {@code text}: {@link #parse} then {@link LuceneQueries#toLucene}.
     *
     * @param now what {@code now} means in date math
     * @throws QuerySyntaxException if the text does not parse or a value does not fit its field
     */
    public static Query compile(String text, Instant now) {
        return LuceneQueries.toLucene(parse(text), now);
    }
}

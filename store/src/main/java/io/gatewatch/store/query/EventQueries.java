package io.gatewatch.store.query;

import java.time.Instant;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/** Placeholder until the query language lands: blank only. */
public final class EventQueries {
    private EventQueries() {}

    public static Query compile(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        throw new IllegalArgumentException("query language not available yet");
    }
}

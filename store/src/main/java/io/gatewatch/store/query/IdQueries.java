package io.gatewatch.store.query;

import io.gatewatch.store.query.QueryNode.Match;
import io.gatewatch.store.schema.EventIds;
import io.gatewatch.store.schema.StoreFields;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Queries on {@link StoreFields#ID}, which is not indexed: an id is a journal offset written as a
 * UUID ({@link EventIds}), so an id matches the event at that offset. Exact ids only, as they
 * were on the keyword: a pattern over UUIDs of this layout means nothing, and a range of them is
 * a range of {@link StoreFields#OFFSET}, which can be asked directly.
 */
final class IdQueries {
    private IdQueries() {}

    static Query match(Match m) {
        long offset = EventIds.offset(m.value());
        return offset < 0
                ? new MatchNoDocsQuery("not an event id of this store: " + m.value())
                : LongPoint.newExactQuery(StoreFields.OFFSET, offset);
    }

    /** Every event has an id: those with an offset, that is all of them. */
    static Query exists() {
        return new FieldExistsQuery(StoreFields.OFFSET);
    }

    static QuerySyntaxException notFor(String what, int position) {
        return new QuerySyntaxException(position, what + " do not apply to " + StoreFields.ID
                + ", which is the journal offset as a UUID: search an exact id, or a range of " + StoreFields.OFFSET);
    }
}

package io.gatewatch.store.schema;

import io.gatewatch.core.journal.JournalRecord;
import java.util.UUID;

/**
 * Event ids back to journal offsets. An event's id is its journal offset written as a UUID
 * ({@link JournalRecord#eventId(long)}), so the store does not index ids: a search for an id is
 * a search for its offset ({@link StoreFields#OFFSET}), and sorting by id is sorting by offset
 * (the id's hex digits are fixed-width, so both orders agree).
 *
 * <p>Indexing the id as a keyword cost a unique 36-byte term and a unique doc value per event,
 * for a field that carried nothing the offset does not.
 */
public final class EventIds {
    private EventIds() {}

    /** The journal offset {@code id} names, or -1 when it is not an id of the store's layout. */
    public static long offset(String id) {
        if (id == null || id.length() != 36) {
            return -1;
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        long offset = uuid.getLeastSignificantBits() & Long.MAX_VALUE;
        // Exact, as the keyword was: the same UUID spelled otherwise (upper case) is not the id.
        return JournalRecord.eventId(offset).equals(id) ? offset : -1;
    }
}

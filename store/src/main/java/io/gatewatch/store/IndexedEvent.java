package io.gatewatch.store;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.JournalRecord;
import java.util.Objects;

/**
 * An event to index and the journal position it came from. Making one writes what the journal
 * knows onto the event, {@code event.id}, {@code gatewatch.intake} and {@code event.ingested}, so
 * that the pipeline stages (rules may group by intake) and the store see the same fields.
 */
public record IndexedEvent(long offset, String intake, long receivedAtMillis, EcsEvent event) {
    public IndexedEvent {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(event, "event");
        event.set(EcsField.EVENT_ID, JournalRecord.eventId(offset));
        event.set(EcsField.GATEWATCH_INTAKE, intake);
        event.setLong(EcsField.EVENT_INGESTED, receivedAtMillis);
    }
}

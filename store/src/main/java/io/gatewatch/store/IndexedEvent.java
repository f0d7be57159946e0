package io.gatewatch.store;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.Objects;

/**
 * An event to index: the parsed event (already carrying its id, intake and reception time) and
 * the journal position it came from.
 */
public record IndexedEvent(long offset, String intake, long receivedAtMillis, EcsEvent event) {
    public IndexedEvent {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(event, "event");
    }
}

package io.gatewatch.alerts;

import io.gatewatch.detect.Alert;
import java.util.Objects;

/**
 * One rule match as detection hands it over: what the rule raised, the id detection gave it, the
 * journal offset of the event that raised it (what makes ingestion exactly-once) and its intake.
 */
public record RaisedAlert(Alert alert, String raisedId, long eventOffset, String intake) {
    public RaisedAlert {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(raisedId, "raisedId");
        if (eventOffset < 0) {
            throw new IllegalArgumentException("event offset must not be negative, not " + eventOffset);
        }
    }
}

package io.gatewatch.alerts;

import java.util.List;

/** A page of alerts, newest first, and the cursor of the next page (null on the last one). */
public record AlertPage(List<StoredAlert> alerts, String nextCursor) {
    public AlertPage {
        alerts = List.copyOf(alerts);
    }
}

package io.gatewatch.alerts;

import java.util.List;

/** One alert with its matched events, status history and comments, oldest first. */
public record AlertDetail(StoredAlert alert, List<MatchedEvent> events, List<StatusChange> history,
        List<AlertComment> comments) {
    public AlertDetail {
        events = List.copyOf(events);
        history = List.copyOf(history);
        comments = List.copyOf(comments);
    }
}

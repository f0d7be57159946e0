package io.gatewatch.alerts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as stored: what it is about, how urgent, when and how often it was seen, where it
 * stands. Times are epoch milliseconds; {@code firstSeen}/{@code lastSeen} are event times.
 */
public record StoredAlert(String uuid, String shortId, String title, String ruleId, String ruleTitle, String level,
        String intake, int urgency, AttackMapping attack, String correlationType, Map<String, String> group,
        long firstSeen, long lastSeen, long occurrences, AlertStatus status, String assignee, long createdAt,
        long updatedAt) {
    public StoredAlert {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(status, "status");
        group = Map.copyOf(group);
    }

    /** Urgency as the reference labels it: low below 50, medium below 75, high from 75. */
    public String urgencyLabel() {
        return urgency < 50 ? "low" : urgency < 75 ? "medium" : "high";
    }

    public List<String> techniques() {
        return attack.techniques();
    }
}

package io.gatewatch.alerts;

import java.util.Locale;

/**
 * An alert's urgency, 0–100: the rule's level as a severity, averaged with the intake's
 * criticality when one is set (the reference platform's "(severity + criticality) / 2"; a
 * criticality of 0 means none, and then urgency is the severity).
 */
final class Urgency {
    private Urgency() {}

    /** informational 10, low 25, medium 50, high 75, critical 90; an unknown level counts as medium. */
    static int severity(String level) {
        if (level == null) {
            return 50;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "informational" -> 10;
            case "low" -> 25;
            case "high" -> 75;
            case "critical" -> 90;
            default -> 50;
        };
    }

    static int of(String level, int criticality) {
        int severity = severity(level);
        return criticality <= 0 ? severity : (severity + Math.min(criticality, 100) + 1) / 2;
    }
}

package io.gatewatch.alerts;

import java.util.Locale;

/** The three stages every status belongs to; similar matches join an alert only before {@link #CLOSED}. */
public enum Stage {
    OPEN, IN_PROGRESS, CLOSED;

    /** {@code open}, {@code in_progress}, {@code closed}: the name in JSON and in filters. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stage named {@code text} ({@code in-progress} is accepted too), or null. */
    public static Stage parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Stage s : values()) {
            if (s.jsonName().equals(t)) {
                return s;
            }
        }
        return null;
    }
}

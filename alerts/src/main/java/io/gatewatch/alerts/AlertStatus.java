package io.gatewatch.alerts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An alert's status, in one of three stages. A new alert is {@link #PENDING}. Closed statuses
 * are final: once an alert is closed, similar matches open a new alert instead of reviving it,
 * so reopening it would leave two live alerts for one similarity key.
 */
public enum AlertStatus {
    PENDING(Stage.OPEN, "Pending"),
    ACKNOWLEDGED(Stage.OPEN, "Acknowledged"),
    ONGOING(Stage.IN_PROGRESS, "Ongoing"),
    REJECTED(Stage.CLOSED, "Rejected"),
    CLOSED(Stage.CLOSED, "Closed");

    private final Stage stage;
    private final String label;

    AlertStatus(Stage stage, String label) {
        this.stage = stage;
        this.label = label;
    }

    public Stage stage() {
        return stage;
    }

    /** The name people read: {@code Pending}, {@code In progress}'s {@code Ongoing}, … */
    public String label() {
        return label;
    }

    /** {@code pending}, {@code acknowledged}, …: the name in JSON and in requests. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses an alert in this one may move to. */
    public Set<AlertStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACKNOWLEDGED, ONGOING, REJECTED, CLOSED);
            case ACKNOWLEDGED -> EnumSet.of(ONGOING, REJECTED, CLOSED);
            case ONGOING -> EnumSet.of(REJECTED, CLOSED);
            case REJECTED, CLOSED -> EnumSet.noneOf(AlertStatus.class);
        };
    }

    /** The status named {@code text}, case-insensitive, or null. */
    public static AlertStatus parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (AlertStatus s : values()) {
            if (s.jsonName().equals(t)) {
                return s;
            }
        }
        return null;
    }

    /** Every status of {@code stage}. */
    public static Set<AlertStatus> of(Stage stage) {
        EnumSet<AlertStatus> out = EnumSet.noneOf(AlertStatus.class);
        for (AlertStatus s : values()) {
            if (s.stage == stage) {
                out.add(s);
            }
        }
        return out;
    }
}

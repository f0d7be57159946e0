package io.gatewatch.alerts;

/** A status change the lifecycle does not allow; its message names both statuses and what is allowed. */
public final class IllegalTransitionException extends Exception {
    private final AlertStatus from;
    private final AlertStatus to;

    IllegalTransitionException(String alert, AlertStatus from, AlertStatus to) {
        super(message(alert, from, to), null, false, false);
        this.from = from;
        this.to = to;
    }

    private static String message(String alert, AlertStatus from, AlertStatus to) {
        if (from == to) {
            return "alert " + alert + " is already " + from.jsonName();
        }
        if (from.next().isEmpty()) {
            return "alert " + alert + " is " + from.jsonName() + ", which is final: similar matches open a new alert";
        }
        return "alert " + alert + " cannot go from " + from.jsonName() + " to " + to.jsonName() + "; from "
                + from.jsonName() + " it may go to " + String.join(", ", from.next().stream().map(AlertStatus::jsonName).toList());
    }

    public AlertStatus from() {
        return from;
    }

    public AlertStatus to() {
        return to;
    }
}

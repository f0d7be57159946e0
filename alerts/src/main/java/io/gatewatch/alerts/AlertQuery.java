package io.gatewatch.alerts;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which alerts to list. Filters that are absent (empty set, null, the full range) match all;
 * text values come from requests, so their lengths are bounded here.
 *
 * @param statuses only these statuses (a stage filter is its statuses)
 * @param rule only this rule id
 * @param minUrgency lowest urgency, inclusive
 * @param maxUrgency highest urgency, inclusive
 * @param from only alerts last seen at or after this (epoch ms)
 * @param to only alerts first seen at or before this (epoch ms)
 * @param text words the title, rule id or rule title contain, case-insensitive
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param cursor where the previous page stopped, or null for the first page
 */
public record AlertQuery(Set<AlertStatus> statuses, String rule, int minUrgency, int maxUrgency, long from, long to,
        String text, int limit, String cursor) {
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;
    static final int MAX_TEXT = 256;

    public AlertQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        rule = blankToNull(rule, "rule");
        text = blankToNull(text, "text");
        if (minUrgency < 0 || maxUrgency > 100 || minUrgency > maxUrgency) {
            throw new IllegalArgumentException("urgency range must lie within 0 to 100, low end first; not " + minUrgency
                    + " to " + maxUrgency);
        }
        if (from > to) {
            throw new IllegalArgumentException("the time range ends before it starts");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (cursor != null && !cursor.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("cursor is not one this API gave");
        }
    }

    /** Every alert, newest first, {@code limit} at a time. */
    public static AlertQuery all(int limit) {
        return new AlertQuery(Set.of(), null, 0, 100, Long.MIN_VALUE, Long.MAX_VALUE, null, limit, null);
    }

    public AlertQuery withCursor(String next) {
        return new AlertQuery(statuses, rule, minUrgency, maxUrgency, from, to, text, limit, next);
    }

    /**
     * Statuses from a filter text: a comma list of status names ({@code pending}, {@code closed}, …)
     * or the stages {@code open} and {@code in_progress}, which mean their statuses.
     */
    public static Set<AlertStatus> parseStatuses(String text) {
        EnumSet<AlertStatus> out = EnumSet.noneOf(AlertStatus.class);
        if (text == null || text.isBlank()) {
            return out;
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("status filter is at most " + MAX_TEXT + " characters");
        }
        for (String part : text.split(",")) {
            AlertStatus s = AlertStatus.parse(part);
            Stage stage = Stage.parse(part);
            if (s != null) {
                out.add(s);
            } else if (stage != null) {
                out.addAll(AlertStatus.of(stage));
            } else {
                throw new IllegalArgumentException("unknown status '" + part.strip()
                        + "' (pending, acknowledged, ongoing, rejected, closed, or the stages open, in_progress)");
            }
        }
        return out;
    }

    private static String blankToNull(String s, String name) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " filter is at most " + MAX_TEXT + " characters");
        }
        return s.strip();
    }
}

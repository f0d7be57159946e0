package io.gatewatch.bench.store;

import java.util.Objects;

/**
 * One question of the mix, asked two ways: in the events query language of the store, and as a
 * condition in code for the NDJSON scan.
 *
 * @param kind what the question is about (user, IP, CIDR…): latencies are reported per kind
 * @param query the events query language text ({@code io.gatewatch.store.query.EventQueries})
 * @param lastDay true for the last 24 hours of the data, false for all of it
 * @param condition the same question for the scan
 */
record AnalystQuery(String kind, String query, boolean lastDay, ScanCondition condition) {
    AnalystQuery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(condition, "condition");
    }

    /** The time window, inclusive, in epoch milliseconds. */
    long fromMillis(TimeLayout layout) {
        return lastDay ? layout.lastDayFromMillis() : layout.startMillis();
    }

    long toMillis(TimeLayout layout) {
        return layout.endMillis();
    }

    String window() {
        return lastDay ? "last 24 h" : "all";
    }
}

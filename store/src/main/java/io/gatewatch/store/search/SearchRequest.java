package io.gatewatch.store.search;

import java.util.Objects;

/**
 * An events search.
 *
 * @param query the events query language text; blank matches everything
 * @param fromMillis start of the time window on {@code @timestamp}, inclusive
 * @param toMillis end of the time window, inclusive
 * @param size how many events to return (1 to {@link #MAX_SIZE})
 * @param sort the order; newest first by default
 * @param intake only this intake's events, or null for all
 * @param cursor where the previous page ended ({@link SearchResult#nextCursor()}), or null
 */
public record SearchRequest(String query, long fromMillis, long toMillis, int size, SortSpec sort, String intake,
        String cursor) {
    public static final int MAX_SIZE = 10_000;
    public static final int DEFAULT_SIZE = 100;

    public SearchRequest {
        query = query == null ? "" : query;
        Objects.requireNonNull(sort, "sort");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("the time window ends before it starts");
        }
    }

    /** Everything matching {@code query}, newest first, top {@link #DEFAULT_SIZE}. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, DEFAULT_SIZE, SortSpec.NEWEST_FIRST, null, null);
    }
}

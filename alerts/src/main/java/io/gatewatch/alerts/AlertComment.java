package io.gatewatch.alerts;

/** An analyst's note on an alert. */
public record AlertComment(long id, long at, String author, String text) {}

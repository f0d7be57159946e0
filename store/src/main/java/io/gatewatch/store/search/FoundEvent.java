package io.gatewatch.store.search;

/** One stored event: its id, journal offset, and its ECS source as JSON. */
public record FoundEvent(String id, long offset, String sourceJson) {}

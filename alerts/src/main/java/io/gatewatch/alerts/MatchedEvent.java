package io.gatewatch.alerts;

/**
 * An event that made the alert's rule fire: its id (null when the event had none), the journal
 * offset of the match, the id detection gave the match, when it was added, and the event's ECS
 * JSON for the first few (null past the sample bound).
 */
public record MatchedEvent(String eventId, long eventOffset, String raisedId, long addedAt, String sampleJson) {}

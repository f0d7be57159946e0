package io.gatewatch.alerts;

/** One step of an alert's history: who moved it, when, from what (null at creation) to what, and why. */
public record StatusChange(long at, String author, AlertStatus from, AlertStatus to, String comment) {}

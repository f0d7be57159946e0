/**
 * The embedded event store: ECS events from the journal indexed into day-partitioned Lucene
 * indexes, searched with the events query language, aggregated, and dropped by retention.
 */
package io.gatewatch.store;

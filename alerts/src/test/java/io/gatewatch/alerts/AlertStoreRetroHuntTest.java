package io.gatewatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.detect.Alert;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matches of old events (a retro-hunt): taken below the applied offset, each once by its id. */
class AlertStoreRetroHuntTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static RaisedAlert raised(String id, long offset) {
        Alert a = new Alert("cti", "Threat intelligence match: ipv4-addr", "high", List.of("cti", "cti.retrohunt"),
                1_700_000_000_000L + offset, List.of(AlertStoreTest.event("203.0.113.9", null, "victim")), Map.of(), null);
        return new RaisedAlert(a, id, offset, "vpn");
    }

    @Test
    void oldEventsAreTakenOnceAndTheLiveOffsetStays() throws Exception {
        Path file = dir.resolve("alerts.db");
        try (AlertStore store = AlertStore.open(file, AlertSettings.defaults(), CLOCK)) {
            store.ingest(List.of(raised("live", 100)));
            assertThat(store.ingestRetroHunt(List.of(raised("h1", 3), raised("h2", 5)))).extracting(RaisedAlert::raisedId)
                    .containsExactly("h1", "h2");
            assertThat(store.appliedThrough()).isEqualTo(100);
            assertThat(store.ingestRetroHunt(List.of(raised("h2", 5), raised("h3", 7)))).extracting(RaisedAlert::raisedId)
                    .containsExactly("h3");
        }
        try (AlertStore store = AlertStore.open(file, AlertSettings.defaults(), CLOCK)) {
            assertThat(store.ingestRetroHunt(List.of(raised("h1", 3)))).isEmpty();
            assertThat(store.list(AlertQuery.all(50)).alerts()).singleElement()
                    .satisfies(a -> assertThat(a.occurrences()).isEqualTo(4));
        }
    }
}

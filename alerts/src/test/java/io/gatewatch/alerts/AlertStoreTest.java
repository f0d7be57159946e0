package io.gatewatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping by similarity, the status lifecycle and durability, on a real database file. */
class AlertStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private long offset;

    private AlertStore open(AlertSettings settings) throws Exception {
        return AlertStore.open(dir.resolve("alerts.db"), settings, CLOCK);
    }

    private AlertStore open() throws Exception {
        return open(AlertSettings.defaults());
    }

    static EcsEvent event(String src, String dst, String user) {
        EcsEvent e = new EcsEvent();
        e.set(EcsField.EVENT_ID, java.util.UUID.randomUUID().toString());
        if (src != null) {
            e.set(EcsField.SOURCE_IP, src);
        }
        if (dst != null) {
            e.set(EcsField.DESTINATION_IP, dst);
        }
        if (user != null) {
            e.set(EcsField.USER_NAME, user);
        }
        return e;
    }

    private RaisedAlert raised(String rule, String intake, EcsEvent e) {
        long at = 1_700_000_000_000L + offset * 1000;
        Alert a = new Alert(rule, "Rule " + rule, "high", List.of("attack.t1110.003", "attack.credential-access", "attack.g0016"),
                at, List.of(e), Map.of(), null);
        long o = offset++;
        return new RaisedAlert(a, "m" + o, o, intake);
    }

    private RaisedAlert correlation(String user, String ip) {
        long at = 1_700_000_000_000L + offset * 1000;
        Alert a = new Alert("brute", "Brute force", "medium", List.of(), at, List.of(event(ip, null, user)),
                Map.of("user.name", user, "source.ip", ip), "event_count");
        long o = offset++;
        return new RaisedAlert(a, "m" + o, o, "vpn");
    }

    @Test
    void ingest_sameKeyJoins_otherKeyOpensAnother() throws Exception {
        try (AlertStore store = open()) {
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", "10.0.0.2", "a")),
                    raised("r1", "vpn", event("10.0.0.1", "10.0.0.2", "b")),
                    raised("r1", "vpn", event("10.0.0.9", "10.0.0.2", "a")),
                    raised("r1", "lab", event("10.0.0.1", "10.0.0.2", "a")),
                    raised("r2", "vpn", event("10.0.0.1", "10.0.0.2", "a"))));
            List<StoredAlert> all = store.list(AlertQuery.all(50)).alerts();
            assertThat(all).hasSize(4);
            StoredAlert first = all.getLast();
            assertThat(first.occurrences()).isEqualTo(2);
            assertThat(first.urgency()).isEqualTo(75);
            assertThat(first.attack().techniques()).containsExactly("T1110.003");
            assertThat(first.attack().tactics()).containsExactly("credential-access");
            assertThat(first.status()).isEqualTo(AlertStatus.PENDING);
            assertThat(first.shortId()).matches("AL[0-9a-z]{8}");
            assertThat(store.get(first.shortId()).orElseThrow().events()).hasSize(2);
        }
    }

    @Test
    void ingest_swappedSourceAndDestination_join() throws Exception {
        try (AlertStore store = open()) {
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", "10.0.0.2", null)),
                    raised("r1", "vpn", event("10.0.0.2", "10.0.0.1", null))));
            assertThat(store.list(AlertQuery.all(50)).alerts()).singleElement()
                    .satisfies(a -> assertThat(a.occurrences()).isEqualTo(2));
        }
    }

    @Test
    void ingest_afterClose_opensNewAlert_whileInProgressJoins() throws Exception {
        try (AlertStore store = open()) {
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", null, null))));
            String id = store.list(AlertQuery.all(1)).alerts().getFirst().uuid();
            store.update(id, AlertStatus.ONGOING, null, "ana", "looking");
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", null, null))));
            assertThat(store.list(AlertQuery.all(50)).alerts()).hasSize(1);
            store.update(id, AlertStatus.CLOSED, null, "ana", "benign");
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", null, null))));
            List<StoredAlert> all = store.list(AlertQuery.all(50)).alerts();
            assertThat(all).hasSize(2);
            assertThat(all.getFirst().status()).isEqualTo(AlertStatus.PENDING);
            assertThat(all.getFirst().occurrences()).isEqualTo(1);
            assertThat(all.getLast().occurrences()).isEqualTo(2);
        }
    }

    @Test
    void ingest_correlation_groupsByItsGroupByValues() throws Exception {
        try (AlertStore store = open()) {
            store.ingest(List.of(correlation("victim", "203.0.113.9"), correlation("victim", "203.0.113.9"),
                    correlation("other", "203.0.113.9")));
            List<StoredAlert> all = store.list(AlertQuery.all(50)).alerts();
            assertThat(all).hasSize(2);
            assertThat(all.getLast().group()).containsEntry("user.name", "victim");
            assertThat(all.getLast().occurrences()).isEqualTo(2);
            assertThat(all.getLast().correlationType()).isEqualTo("event_count");
        }
    }

    @Test
    void ingest_ruleOwnFields_replaceTheDefault() throws Exception {
        AlertSettings byUser = new AlertSettings(Map.of("r1", List.of(List.of("user.name"))), Map.of("vpn", 90), 1000, 10);
        try (AlertStore store = open(byUser)) {
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", null, "a")),
                    raised("r1", "vpn", event("10.0.0.7", null, "a")),
                    raised("r1", "vpn", event("10.0.0.1", null, "b"))));
            List<StoredAlert> all = store.list(AlertQuery.all(50)).alerts();
            assertThat(all).extracting(StoredAlert::occurrences).containsExactly(1L, 2L);
            assertThat(all.getFirst().urgency()).isEqualTo(83); // (75 + 90) / 2, rounded up
        }
    }

    @Test
    void ingest_replayedOffsets_areSkipped() throws Exception {
        List<RaisedAlert> batch = List.of(raised("r1", "vpn", event("10.0.0.1", null, null)),
                raised("r1", "vpn", event("10.0.0.1", null, null)));
        try (AlertStore store = open()) {
            assertThat(store.ingest(batch)).isEqualTo(2);
        }
        try (AlertStore store = open()) {
            assertThat(store.ingest(batch)).isZero();
            assertThat(store.appliedThrough()).isEqualTo(1);
            assertThat(store.list(AlertQuery.all(50)).alerts().getFirst().occurrences()).isEqualTo(2);
        }
    }

    @Test
    void events_areBounded_countGoesOn() throws Exception {
        try (AlertStore store = open(new AlertSettings(Map.of(), Map.of(), 5, 2))) {
            List<RaisedAlert> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add(raised("r1", "vpn", event("10.0.0.1", null, null)));
            }
            store.ingest(batch);
            AlertDetail d = store.get(store.list(AlertQuery.all(1)).alerts().getFirst().uuid()).orElseThrow();
            assertThat(d.alert().occurrences()).isEqualTo(8);
            assertThat(d.events()).hasSize(5);
            assertThat(d.events()).filteredOn(e -> e.sampleJson() != null).hasSize(2);
            assertThat(d.events().getFirst().sampleJson()).contains("10.0.0.1");
        }
    }

    @Test
    void lifecycle_historyAndComments_surviveARestart() throws Exception {
        String id;
        try (AlertStore store = open()) {
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", null, null))));
            id = store.list(AlertQuery.all(1)).alerts().getFirst().shortId();
            store.update(id, AlertStatus.ACKNOWLEDGED, "bob", "ana", "seen");
            store.comment(id, "ana", "asked the user");
            store.update(id, AlertStatus.ONGOING, null, "bob", null);
        }
        try (AlertStore store = open()) {
            AlertDetail d = store.get(id.toLowerCase(java.util.Locale.ROOT)).orElseThrow();
            assertThat(d.alert().status()).isEqualTo(AlertStatus.ONGOING);
            assertThat(d.alert().assignee()).isEqualTo("bob");
            assertThat(d.history()).extracting(StatusChange::to)
                    .containsExactly(AlertStatus.PENDING, AlertStatus.ACKNOWLEDGED, AlertStatus.ONGOING);
            assertThat(d.history().get(1)).satisfies(h -> {
                assertThat(h.author()).isEqualTo("ana");
                assertThat(h.from()).isEqualTo(AlertStatus.PENDING);
                assertThat(h.comment()).isEqualTo("seen");
                assertThat(h.at()).isEqualTo(CLOCK.millis());
            });
            assertThat(d.comments()).singleElement().satisfies(c -> assertThat(c.text()).isEqualTo("asked the user"));
            assertThatThrownBy(() -> store.update(id, AlertStatus.ACKNOWLEDGED, null, "ana", null))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("cannot go from ongoing to acknowledged").hasMessageContaining("rejected, closed");
            store.update(id, AlertStatus.REJECTED, null, "ana", "false positive");
            assertThatThrownBy(() -> store.update(id, AlertStatus.CLOSED, null, "ana", null))
                    .hasMessageContaining("final");
            assertThat(store.get(id).orElseThrow().history()).hasSize(4);
        }
    }

    @Test
    void update_badInput_isRefusedAndUnknownIdsAreEmpty() throws Exception {
        try (AlertStore store = open()) {
            store.ingest(List.of(raised("r1", "vpn", event("10.0.0.1", null, null))));
            String id = store.list(AlertQuery.all(1)).alerts().getFirst().uuid();
            assertThatThrownBy(() -> store.comment(id, "ana", "x".repeat(AlertStore.MAX_COMMENT + 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
            assertThatThrownBy(() -> store.comment(id, " ", "hi")).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.get("AL00000000")).isEmpty();
            assertThat(store.get("00000000-0000-0000-0000-000000000000")).isEmpty();
            assertThat(store.get("'; DROP TABLE alerts; --")).isEmpty();
            assertThat(store.comment("AL00000000", "ana", "hi")).isEmpty();
        }
    }

    @Test
    void list_filtersAndPages() throws Exception {
        try (AlertStore store = open()) {
            List<RaisedAlert> batch = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                batch.add(raised("r" + (i % 2), "vpn", event("10.0.0." + i, null, null)));
            }
            store.ingest(batch);
            String one = store.list(AlertQuery.all(1)).alerts().getFirst().uuid();
            store.update(one, AlertStatus.CLOSED, null, "ana", null);
            Set<String> seen = new HashSet<>();
            AlertQuery q = AlertQuery.all(3);
            int pages = 0;
            do {
                AlertPage page = store.list(q);
                page.alerts().forEach(a -> seen.add(a.uuid()));
                q = page.nextCursor() == null ? null : q.withCursor(page.nextCursor());
                pages++;
            } while (q != null);
            assertThat(seen).hasSize(7);
            assertThat(pages).isEqualTo(3);
            assertThat(store.list(new AlertQuery(AlertQuery.parseStatuses("open"), null, 0, 100, Long.MIN_VALUE, Long.MAX_VALUE,
                    null, 50, null)).alerts()).hasSize(6);
            assertThat(store.list(new AlertQuery(Set.of(), "r1", 0, 100, Long.MIN_VALUE, Long.MAX_VALUE, null, 50, null))
                    .alerts()).hasSize(3);
            assertThat(store.list(new AlertQuery(Set.of(), null, 80, 100, Long.MIN_VALUE, Long.MAX_VALUE, null, 50, null))
                    .alerts()).isEmpty();
            assertThat(store.list(new AlertQuery(Set.of(), null, 0, 100, Long.MIN_VALUE, Long.MAX_VALUE, "RULE R0", 50, null))
                    .alerts()).hasSize(4);
            assertThat(store.list(new AlertQuery(Set.of(), null, 0, 100, 1_700_000_005_000L, Long.MAX_VALUE, null, 50, null))
                    .alerts()).hasSize(2);
        }
    }

    @Test
    void open_foreignFile_isRefused() throws Exception {
        Path other = dir.resolve("other.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other); var s = c.createStatement()) {
            s.execute("PRAGMA application_id = 42");
        }
        assertThatThrownBy(() -> AlertStore.open(other, AlertSettings.defaults(), CLOCK))
                .hasMessageContaining("not a gatewatch alerts database");
        assertThat(Files.exists(other)).isTrue();
    }
}

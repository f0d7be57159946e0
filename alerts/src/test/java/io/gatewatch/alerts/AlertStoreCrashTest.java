package io.gatewatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.detect.Alert;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies without closing anything (as under {@code kill -9}) loses nothing it
 * committed: another process opens the database and finds every alert and status change.
 */
class AlertStoreCrashTest {
    @TempDir
    Path dir;

    /** The child: ingests, moves the first alert on, comments, then halts with the database open. */
    public static void main(String[] args) throws Exception {
        AlertStore store = AlertStore.open(Path.of(args[0]), AlertSettings.defaults(), Clock.systemUTC());
        for (int i = 0; i < 50; i++) {
            Alert a = new Alert("r" + (i % 5), "Rule", "high", List.of(), 1_700_000_000_000L + i,
                    List.of(AlertStoreTest.event("10.0.0." + (i % 5), null, null)), Map.of(), null);
            store.ingest(List.of(new RaisedAlert(a, "m" + i, i, "vpn")));
        }
        String first = store.list(AlertQuery.all(500)).alerts().getLast().uuid();
        store.update(first, AlertStatus.ACKNOWLEDGED, "ana", "ana", "before the crash");
        store.comment(first, "ana", "still here?");
        System.out.println(first);
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }

    @Test
    void committedAlertsAndHistory_surviveAProcessCrash() throws Exception {
        Path db = dir.resolve("alerts.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                AlertStoreCrashTest.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String first = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(child.exitValue()).isEqualTo(137);

        try (AlertStore store = AlertStore.open(db, AlertSettings.defaults(), Clock.systemUTC())) {
            List<StoredAlert> all = store.list(AlertQuery.all(500)).alerts();
            assertThat(all).hasSize(5);
            assertThat(all).allSatisfy(a -> assertThat(a.occurrences()).isEqualTo(10));
            assertThat(store.appliedThrough()).isEqualTo(49);
            AlertDetail d = store.get(first).orElseThrow();
            assertThat(d.alert().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(d.history()).last().satisfies(h -> assertThat(h.comment()).isEqualTo("before the crash"));
            assertThat(d.comments()).singleElement().satisfies(c -> assertThat(c.text()).isEqualTo("still here?"));
        }
    }
}

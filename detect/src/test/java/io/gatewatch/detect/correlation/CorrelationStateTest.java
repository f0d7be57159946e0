package io.gatewatch.detect.correlation;

import static io.gatewatch.detect.correlation.Fixtures.MINUTE;
import static io.gatewatch.detect.correlation.Fixtures.SECOND;
import static io.gatewatch.detect.correlation.Fixtures.T0;
import static io.gatewatch.detect.correlation.Fixtures.engine;
import static io.gatewatch.detect.correlation.Fixtures.eventCount;
import static io.gatewatch.detect.correlation.Fixtures.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.Utf8Text;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.correlation.CorrelationEngine.RestoreResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** snapshot / restore: the state survives a restart, and only for rules that are still the same. */
class CorrelationStateTest {
    static final String SPRAY = CountCorrelationTest.spraying("gte: 4");
    static final String[] RULES = {eventCount("bf", "gte: 5", "1h", "user.name, source.ip"), SPRAY,
            CorrelationEngineTest.OUTER, CorrelationEngineTest.INNER, TemporalCorrelationTest.RECON};

    static byte[] snapshot(CorrelationEngine e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.snapshot(out);
        return out.toByteArray();
    }

    static RestoreResult restore(CorrelationEngine e, byte[] state) throws IOException {
        return e.restore(new ByteArrayInputStream(state));
    }

    /** Half of a scenario, then the other half: alerts as text, to compare engines. */
    static List<String> play(CorrelationEngine e, boolean firstHalf) {
        List<String> out = new ArrayList<>();
        int from = firstHalf ? 0 : 30;
        int to = firstHalf ? 30 : 60;
        for (int i = from; i < to; i++) {
            long t = T0 + i * SECOND;
            EcsEvent ev = login("user" + (i % 7), "203.0.113." + (i % 3), t);
            String rule = i % 11 == 10 ? "successful_login" : i % 5 == 4 ? "cmd_" + "abc".charAt(i % 3) : "failed_login";
            for (Alert a : e.onMatch(rule, null, ev, t)) {
                out.add(a.ruleId() + " " + a.group() + " " + a.timestampMillis() + " "
                        + a.events().stream().map(EcsEvent::toJson).toList());
            }
        }
        return out;
    }

    @Test
    void roundTrip_aRestoredEngineContinuesExactlyLikeTheOriginal() throws IOException {
        CorrelationEngine original = engine(RULES);
        play(original, true);
        byte[] state = snapshot(original);

        CorrelationEngine restarted = engine(RULES);
        RestoreResult r = restore(restarted, state);
        assertThat(r.restored()).isEqualTo(5);
        assertThat(r.dropped()).isZero();
        assertThat(r.groups()).isEqualTo(original.stats().groups()).isPositive();
        assertThat(restarted.watermark()).isEqualTo(original.watermark());

        List<String> expected = play(original, false);
        assertThat(expected).isNotEmpty();
        assertThat(play(restarted, false)).isEqualTo(expected);
        // and a snapshot of the restored engine is the same bytes
        CorrelationEngine again = engine(RULES);
        restore(again, state);
        assertThat(snapshot(again)).isEqualTo(state);
    }

    @Test
    void changedRules_stateOfGoneOrRegroupedRulesIsDropped_theRestKept() throws IOException {
        CorrelationEngine before = engine(eventCount("bf", "gte: 3", "1h", "user.name"), SPRAY);
        EcsEvent ev = login("alice", "ip");
        before.onMatch("failed_login", null, ev, T0);
        before.onMatch("failed_login", null, ev, T0 + 1);
        byte[] state = snapshot(before);

        CorrelationEngine after = engine(eventCount("bf", "gte: 3", "1h", "user.name"),
                SPRAY.replace("timespan: 15m", "timespan: 30m"), eventCount("new", "gte: 1", "1h", "user.name"));
        RestoreResult r = restore(after, state);
        assertThat(r).isEqualTo(new RestoreResult(1, 1, 1));
        assertThat(after.stats().groups()).isEqualTo(1);
        assertThat(after.onMatch("failed_login", null, ev, T0 + 2)).extracting(Alert::ruleId)
                .containsExactlyInAnyOrder("bf", "new");
    }

    @Test
    void changedThreshold_keepsTheState() throws IOException {
        CorrelationEngine before = engine(eventCount("bf", "gte: 5", "1h", "user.name"));
        Fixtures.feed(before, "failed_login", login("alice", "ip"), T0, SECOND, 3);
        CorrelationEngine after = engine(eventCount("bf", "gte: 4", "1h", "user.name"));
        assertThat(restore(after, snapshot(before)).restored()).isEqualTo(1);
        assertThat(after.onMatch("failed_login", null, login("alice", "ip"), T0 + 3 * SECOND)).hasSize(1);
    }

    @Test
    void loweredThreshold_belowTheCountHeld_firesOnTheNextMatch() throws IOException {
        CorrelationEngine before = engine(eventCount("bf", "gte: 10", "1h", "user.name"));
        Fixtures.feed(before, "failed_login", login("alice", "ip"), T0, SECOND, 6);
        CorrelationEngine after = engine(eventCount("bf", "gte: 3", "1h", "user.name"));
        restore(after, snapshot(before));
        assertThat(after.onMatch("failed_login", null, login("alice", "ip"), T0 + 6 * SECOND)).hasSize(1);
    }

    @Test
    void restore_replacesTheCurrentState() throws IOException {
        CorrelationEngine empty = engine(eventCount("bf", "gte: 2", "1h", "user.name"));
        byte[] state = snapshot(empty);
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1h", "user.name"));
        e.onMatch("failed_login", null, login("alice", "ip"), T0);
        restore(e, state);
        assertThat(e.stats().groups()).isZero();
        assertThat(e.onMatch("failed_login", null, login("alice", "ip"), T0 + 1)).isEmpty();
    }

    @Test
    void restore_damagedFile_failsAndChangesNothing() throws IOException {
        CorrelationEngine e = engine(RULES);
        play(e, true);
        byte[] state = snapshot(e);
        long groups = e.stats().groups();

        byte[] flipped = state.clone();
        flipped[state.length / 2] ^= 0x10;
        assertThatThrownBy(() -> restore(e, flipped)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
        byte[] cut = java.util.Arrays.copyOf(state, state.length - 20);
        assertThatThrownBy(() -> restore(e, cut)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> restore(e, "not a state file at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("GWCS");
        assertThatThrownBy(() -> restore(e, new byte[0])).isInstanceOf(IOException.class);
        assertThat(e.stats().groups()).isEqualTo(groups);
    }

    @Test
    void restore_laterVersion_isRefused() throws IOException {
        byte[] state = snapshot(engine(RULES));
        state[7] = 2;
        assertThatThrownBy(() -> restore(engine(RULES), state)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void eventCodec_everyKindOfValueSurvives() throws IOException {
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("origin", Map.of("ip", "10.0.0.1"));
        sd.put("meta", Map.of("sequenceId", "7"));
        byte[] line = "raw line ünïcode".getBytes(StandardCharsets.UTF_8);
        EcsEvent e = new EcsEvent()
                .setLong(EcsField.TIMESTAMP, T0)
                .setText(EcsField.MESSAGE, new Utf8Text(line, 4, line.length - 4))
                .set(EcsField.USER_NAME, "\ud83d\ude00 émile")
                .setLong(EcsField.SOURCE_PORT, 51514)
                .setList(EcsField.EVENT_CATEGORY, List.of("authentication", "session"))
                .putLabel(EcsField.LABELS, "site", "paris")
                .setObject(EcsField.SYSLOG, sd);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventCodec.write(new DataOutputStream(bytes), e);
        EcsEvent back = EventCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.toJson()).isEqualTo(e.toJson());
        assertThat(back.getLong(EcsField.TIMESTAMP, 0)).isEqualTo(T0);
    }

    @Test
    void snapshot_keepsSampleEvents() throws IOException {
        CorrelationEngine before = engine(eventCount("bf", "gte: 3", "1h", "user.name"));
        EcsEvent first = login("alice", "198.51.100.1", T0);
        before.onMatch("failed_login", null, first, T0);
        before.onMatch("failed_login", null, login("alice", "198.51.100.2", T0 + MINUTE), T0 + MINUTE);
        CorrelationEngine after = engine(eventCount("bf", "gte: 3", "1h", "user.name"));
        restore(after, snapshot(before));
        List<Alert> alerts = after.onMatch("failed_login", null, login("alice", "198.51.100.3"), T0 + 2 * MINUTE);
        assertThat(alerts.getFirst().events()).extracting(x -> x.getString(EcsField.SOURCE_IP))
                .containsExactly("198.51.100.1", "198.51.100.2", "198.51.100.3");
    }
}

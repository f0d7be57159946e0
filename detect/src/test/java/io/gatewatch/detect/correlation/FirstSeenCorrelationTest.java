package io.gatewatch.detect.correlation;

import static io.gatewatch.detect.correlation.Fixtures.T0;
import static io.gatewatch.detect.correlation.Fixtures.engine;
import static io.gatewatch.detect.correlation.Fixtures.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.correlation.CorrelationEngine.RestoreResult;
import io.gatewatch.detect.correlation.CorrelationRule.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * value_first_seen (the gatewatch extension): parsing, learning, new and known values,
 * forgetting, out-of-order matches, caps, and the state across a restart.
 */
class FirstSeenCorrelationTest {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /** Admin source addresses per appliance: learn 7 days, forget after 30. */
    static String firstSeen(String id, String learning, String timespan, String groupBy) {
        return """
                title: New admin address %s
                id: %s
                level: medium
                tags: [attack.t1078]
                correlation:
                  type: value_first_seen
                  rules: [admin_login]
                  group-by: [%s]
                  timespan: %s
                  learning: %s
                  condition:
                    field: source.ip
                """.formatted(id, id, groupBy, timespan, learning);
    }

    static final String ADMIN = firstSeen("fs", "7d", "30d", "observer.name");

    static EcsEvent admin(String node, String ip) {
        return new EcsEvent().set(EcsField.OBSERVER_NAME, node).set(EcsField.SOURCE_IP, ip)
                .set(EcsField.USER_NAME, "admin");
    }

    static List<Alert> sign(CorrelationEngine e, String node, String ip, long t) {
        return e.onMatch("admin_login", null, admin(node, ip), t);
    }

    // ---- parsing ---------------------------------------------------------------------------

    @Test
    void parse_readsTypeFieldLearningAndTimespan() {
        CorrelationRule r = CorrelationRuleParserTest.parse(ADMIN);
        assertThat(r.type()).isEqualTo(Type.VALUE_FIRST_SEEN);
        assertThat(r.type().sigmaName()).isEqualTo("value_first_seen");
        assertThat(r.condition().field()).isEqualTo("source.ip");
        assertThat(r.condition().test(1)).isTrue();
        assertThat(r.timespanMillis()).isEqualTo(30 * DAY);
        assertThat(r.learningMillis()).isEqualTo(7 * DAY);
        assertThat(r.groupBy()).containsExactly("observer.name");
        // the other types have no learning period
        assertThat(CorrelationRuleParserTest.parse(Fixtures.eventCount("bf", "gte: 2", "1h", "user.name"))
                .learningMillis()).isZero();
    }

    @Test
    void parse_withoutGroupBy_isOneGroup_andTheFieldMayBeAListOfOne() {
        CorrelationRule r = CorrelationRuleParserTest.parse(ADMIN.replace("  group-by: [observer.name]\n", "")
                .replace("field: source.ip", "field: [source.ip]"));
        assertThat(r.groupBy()).isEmpty();
        assertThat(r.condition().field()).isEqualTo("source.ip");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            learning: 7d|                         | correlation.learning is missing: value_first_seen needs a learning period
            learning: 7d|learning: 7 days         | correlation.learning '7 days' is not a whole number followed by s, m, h or d
            learning: 7d|learning: 0d             | correlation.learning '0d' is zero
            learning: 7d|learning: 400d           | correlation.learning '400d' is longer than 365d
            learning: 7d|learning: 7w             | correlation.learning '7w' is not a whole number
            timespan: 30d|timespan: 30            | correlation.timespan '30' is not a whole number
            timespan: 30d|timespan: 0s            | correlation.timespan '0s' is zero
            'condition:\\n    field: source.ip'|'' | correlation.condition.field is missing: value_first_seen remembers the values of a field
            field: source.ip|gte: 1               | correlation.condition.gte: value_first_seen takes only a field
            field: source.ip|'field: source.ip\\n    gt: 0' | correlation.condition.gt: value_first_seen takes only a field
            field: source.ip|field: 42            | correlation.condition.field must be a field name
            value_first_seen|value_count          | correlation.learning is only for value_first_seen, not value_count
            value_first_seen|value_first_sen      | correlation.type 'value_first_sen' is not one of event_count, value_count, temporal, temporal_ordered, value_first_seen
            """)
    void parse_errors_sayWhereAndWhy(String from, String to, String message) {
        String text = ADMIN.replace(from.replace("\\n", "\n"), to == null ? "" : to.replace("\\n", "\n"));
        assertThat(text).isNotEqualTo(ADMIN);
        assertThatThrownBy(() -> CorrelationRuleParserTest.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rules/mr_test.yml:7: " + message);
    }

    @Test
    void parse_learningOnAnotherType_isRefused() {
        String temporal = """
                title: t
                id: t
                correlation:
                  type: temporal
                  rules: [a, b]
                  timespan: 5m
                  learning: 1d
                """;
        assertThatThrownBy(() -> CorrelationRuleParserTest.parse(temporal))
                .hasMessage("rules/mr_test.yml:7: correlation.learning is only for value_first_seen, not temporal");
    }

    // ---- learning --------------------------------------------------------------------------

    @Test
    void learning_valuesAreOnlyRecorded_untilTheGroupHasBeenObservedForTheLearningPeriod() {
        CorrelationEngine e = engine(ADMIN);
        assertThat(sign(e, "node1", "10.0.0.1", T0)).isEmpty();
        assertThat(sign(e, "node1", "10.0.0.2", T0 + DAY)).isEmpty();
        assertThat(sign(e, "node1", "10.0.0.3", T0 + 7 * DAY - 1)).isEmpty();
        // exactly one learning period after the group's first match: learned
        List<Alert> alerts = sign(e, "node1", "203.0.113.9", T0 + 7 * DAY);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("fs");
            assertThat(a.correlationType()).isEqualTo("value_first_seen");
            assertThat(a.timestampMillis()).isEqualTo(T0 + 7 * DAY);
            assertThat(a.group()).isEqualTo(Map.of("observer.name", "node1"));
            assertThat(a.events()).extracting(x -> x.getString(EcsField.SOURCE_IP)).containsExactly("203.0.113.9");
            assertThat(a.level()).isEqualTo("medium");
            assertThat(a.tags()).containsExactly("attack.t1078");
        });
        // values recorded while learning are known afterwards
        assertThat(sign(e, "node1", "10.0.0.3", T0 + 8 * DAY)).isEmpty();
    }

    @Test
    void learning_isPerGroup_aNewGroupLearnsFromItsOwnFirstMatch() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        assertThat(sign(e, "node2", "10.0.0.1", T0 + 10 * DAY)).isEmpty();
        assertThat(sign(e, "node2", "203.0.113.9", T0 + 11 * DAY)).isEmpty();
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 11 * DAY)).hasSize(1);
        assertThat(sign(e, "node2", "198.51.100.4", T0 + 17 * DAY)).hasSize(1);
    }

    @Test
    void matchesWithoutTheFieldOrAGroupValue_areUngrouped() {
        CorrelationEngine e = engine(ADMIN);
        e.onMatch("admin_login", null, new EcsEvent().set(EcsField.OBSERVER_NAME, "node1"), T0);
        e.onMatch("admin_login", null, new EcsEvent().set(EcsField.SOURCE_IP, "10.0.0.1"), T0);
        assertThat(e.stats().ungrouped()).isEqualTo(2);
        assertThat(e.stats().groups()).isZero();
    }

    // ---- new and known values ----------------------------------------------------------------

    @Test
    void aNewValue_alertsOnce_thenIsKnown() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 8 * DAY)).hasSize(1);
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 8 * DAY + HOUR)).isEmpty();
        assertThat(sign(e, "node1", "10.0.0.1", T0 + 9 * DAY)).isEmpty();
        // each further new value alerts on its own
        assertThat(sign(e, "node1", "198.51.100.4", T0 + 9 * DAY)).hasSize(1);
        assertThat(sign(e, "node1", "198.51.100.5", T0 + 9 * DAY)).hasSize(1);
        assertThat(e.stats().alerts()).isEqualTo(3);
    }

    // ---- forgetting ----------------------------------------------------------------------------

    @Test
    void aValueNotSeenForATimespan_isForgotten_andAlertsAgain() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        sign(e, "node1", "10.0.0.2", T0 + DAY);
        sign(e, "node1", "10.0.0.2", T0 + 29 * DAY);
        // 10.0.0.1 was last seen 30 days minus a millisecond before the group's newest match: still known
        assertThat(sign(e, "node1", "10.0.0.1", T0 + 30 * DAY - 1)).isEmpty();
        sign(e, "node1", "10.0.0.2", T0 + 59 * DAY);
        // now last seen exactly 30 days before the newest match: forgotten
        assertThat(sign(e, "node1", "10.0.0.1", T0 + 60 * DAY - 1)).hasSize(1);
    }

    @Test
    void aGroupThatForgotEveryValue_learnsAgain() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        // a quiet month: nothing is left to tell new from known, so this is a fresh start
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 31 * DAY)).isEmpty();
        assertThat(sign(e, "node1", "198.51.100.4", T0 + 37 * DAY)).isEmpty();
        assertThat(sign(e, "node1", "198.51.100.5", T0 + 38 * DAY)).hasSize(1);
    }

    @Test
    void groups_expireTwoTimespansAfterTheirNewestMatch_byEventTimeAndByWallClock() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        sign(e, "node2", "10.0.0.1", T0 + 50 * DAY);
        assertThat(e.stats().groups()).isEqualTo(2);
        sign(e, "node2", "10.0.0.1", T0 + 60 * DAY);
        assertThat(e.stats().groups()).isEqualTo(1);
        assertThat(e.stats().expired()).isEqualTo(1);
        assertThat(e.expire(T0 + 120 * DAY - 1)).isZero();
        assertThat(e.expire(T0 + 120 * DAY)).isEqualTo(1);
        assertThat(e.stats().groups()).isZero();
    }

    // ---- out of order -----------------------------------------------------------------------

    @Test
    void outOfOrder_aValueAlertsOnTheFirstOfItsMatchesToArrive() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 10 * DAY)).hasSize(1);
        // an earlier sighting of the same value arriving late: already known
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 9 * DAY)).isEmpty();
        // a late match with a new value is still new, and its alert carries its own time
        assertThat(sign(e, "node1", "198.51.100.4", T0 + 9 * DAY)).singleElement()
                .extracting(Alert::timestampMillis).isEqualTo(T0 + 9 * DAY);
        // a late sighting does not move a value's last sighting back
        sign(e, "node1", "10.0.0.1", T0 + 20 * DAY);
        sign(e, "node1", "10.0.0.1", T0 + 2 * DAY);
        sign(e, "node1", "10.0.0.2", T0 + 49 * DAY);
        assertThat(sign(e, "node1", "10.0.0.1", T0 + 49 * DAY)).isEmpty();
    }

    @Test
    void outOfOrder_aLateMatchCanEndLearningEarlier_andOneATimespanLateIsIgnored() {
        CorrelationEngine e = engine(ADMIN);
        sign(e, "node1", "10.0.0.1", T0 + 5 * DAY);
        assertThat(sign(e, "node1", "10.0.0.2", T0 + 8 * DAY)).isEmpty(); // learning since day 5
        assertThat(sign(e, "node1", "10.0.0.3", T0)).isEmpty(); // late: the group was observed from day 0
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 8 * DAY)).hasSize(1);
        // a timespan or more before the newest match: late, ignored (never alerts, never learns)
        assertThat(sign(e, "node1", "198.51.100.4", T0 - 22 * DAY)).isEmpty();
        assertThat(e.stats().late()).isEqualTo(1);
        assertThat(sign(e, "node1", "198.51.100.4", T0 + 9 * DAY)).hasSize(1);
    }

    // ---- bounds ---------------------------------------------------------------------------------

    @Test
    void valuesPerGroup_areCapped_theOneSeenLongestAgoIsForgotten() {
        CorrelationEngine e = engine(CorrelationLimits.DEFAULTS.withMaxSeen(10, 3), ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        sign(e, "node1", "10.0.0.2", T0 + DAY);
        sign(e, "node1", "10.0.0.3", T0 + 2 * DAY);
        sign(e, "node1", "10.0.0.1", T0 + 3 * DAY); // 10.0.0.2 is now the one seen longest ago
        assertThat(sign(e, "node1", "10.0.0.4", T0 + 8 * DAY)).hasSize(1);
        assertThat(e.stats().forgotten()).isEqualTo(1);
        assertThat(sign(e, "node1", "10.0.0.1", T0 + 8 * DAY)).isEmpty();
        assertThat(sign(e, "node1", "10.0.0.3", T0 + 8 * DAY)).isEmpty();
        // forgotten before its time: it alerts again (a full group errs towards alerting)
        assertThat(sign(e, "node1", "10.0.0.2", T0 + 9 * DAY)).hasSize(1);
        assertThat(e.stats().forgotten()).isEqualTo(2);
    }

    @Test
    void groups_areCapped_anEvictedGroupLearnsAgain() {
        CorrelationEngine e = engine(CorrelationLimits.DEFAULTS.withMaxSeen(2, 100), ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        sign(e, "node2", "10.0.0.1", T0);
        sign(e, "node1", "10.0.0.1", T0 + DAY); // node2 is now the least recently updated
        sign(e, "node3", "10.0.0.1", T0 + DAY);
        assertThat(e.stats().groups()).isEqualTo(2);
        assertThat(e.stats().evicted()).isEqualTo(1);
        assertThat(sign(e, "node1", "203.0.113.9", T0 + 8 * DAY)).hasSize(1);
        // an evicted group errs towards silence: it learns again rather than flag what it knew
        assertThat(sign(e, "node2", "203.0.113.9", T0 + 8 * DAY)).isEmpty();
    }

    @Test
    void theGroupCap_isTheLowerOfTheTwo() {
        CorrelationEngine e = engine(CorrelationLimits.DEFAULTS.withMaxGroupsPerRule(1).withMaxSeen(5, 100), ADMIN);
        sign(e, "node1", "10.0.0.1", T0);
        sign(e, "node2", "10.0.0.1", T0);
        assertThat(e.stats().groups()).isEqualTo(1);
    }

    @Test
    void limits_refuseCapsOutOfRange() {
        assertThatThrownBy(() -> CorrelationLimits.DEFAULTS.withMaxSeen(0, 10))
                .hasMessageContaining("maxSeenGroups");
        assertThatThrownBy(() -> CorrelationLimits.DEFAULTS.withMaxSeen(10, 0))
                .hasMessageContaining("maxSeenValues");
        assertThatThrownBy(() -> CorrelationLimits.DEFAULTS.withMaxSeen(10, CorrelationLimits.MAX_SEEN_VALUES + 1))
                .hasMessageContaining("maxSeenValues");
    }

    @Test
    void longValues_areBounded_andStayDistinct() {
        CorrelationEngine e = engine(ADMIN.replace("field: source.ip", "field: user.name"));
        String head = "x".repeat(300);
        e.onMatch("admin_login", null, admin("node1", "10.0.0.1").set(EcsField.USER_NAME, head + "a"), T0);
        assertThat(e.onMatch("admin_login", null, admin("node1", "10.0.0.1").set(EcsField.USER_NAME, head + "a"),
                T0 + 8 * DAY)).isEmpty();
        assertThat(e.onMatch("admin_login", null, admin("node1", "10.0.0.1").set(EcsField.USER_NAME, head + "b"),
                T0 + 8 * DAY)).hasSize(1);
    }

    // ---- restart -----------------------------------------------------------------------------

    /** Day-spaced sign-ins on three nodes from a pool of addresses, some out of order; alerts as text. */
    static List<String> play(CorrelationEngine e, int from, int to) {
        List<String> out = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < to; i++) {
            long t = T0 + i * 6 * HOUR - (i % 5 == 0 ? 2 * DAY : 0);
            String node = "node" + random.nextInt(3);
            String ip = "10.0." + random.nextInt(3) + "." + random.nextInt(i < 60 ? 4 : 12);
            if (i >= from) {
                for (Alert a : sign(e, node, ip, t)) {
                    out.add(a.group() + " " + ip + " " + a.timestampMillis());
                }
            }
        }
        return out;
    }

    static byte[] snapshot(CorrelationEngine e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.snapshot(out);
        return out.toByteArray();
    }

    @Test
    void snapshotRestore_aRestartedEngineDoesNotRelearn_andContinuesExactlyLikeTheOriginal() throws IOException {
        CorrelationEngine original = engine(ADMIN, CorrelationStateTest.SPRAY);
        play(original, 0, 100);
        byte[] state = snapshot(original);

        CorrelationEngine restarted = engine(ADMIN, CorrelationStateTest.SPRAY);
        RestoreResult r = CorrelationStateTest.restore(restarted, state);
        assertThat(r.restored()).isEqualTo(2);
        assertThat(r.dropped()).isZero();
        assertThat(r.groups()).isEqualTo(3);
        assertThat(snapshot(restarted)).isEqualTo(state);

        List<String> expected = play(original, 100, 240);
        assertThat(expected).isNotEmpty();
        assertThat(play(restarted, 100, 240)).isEqualTo(expected);
        // without the state the same matches would have been a new learning period, with different alerts
        assertThat(play(engine(ADMIN), 100, 240)).isNotEqualTo(expected);
    }

    @Test
    void snapshotRestore_keepsWhatWasLearned_aKnownValueStaysKnown_aNewOneAlerts() throws IOException {
        CorrelationEngine before = engine(ADMIN);
        sign(before, "node1", "10.0.0.1", T0);
        sign(before, "node1", "10.0.0.2", T0 + 2 * DAY);
        CorrelationEngine after = engine(ADMIN);
        CorrelationStateTest.restore(after, snapshot(before));
        // learning still counts from day 0, and both values are known
        assertThat(sign(after, "node1", "10.0.0.2", T0 + 7 * DAY)).isEmpty();
        assertThat(sign(after, "node1", "10.0.0.1", T0 + 7 * DAY)).isEmpty();
        assertThat(sign(after, "node1", "203.0.113.9", T0 + 7 * DAY)).hasSize(1);
    }

    @Test
    void snapshotRestore_aChangedLearningPeriodKeepsTheState_aChangedTimespanOrFieldDropsIt() throws IOException {
        CorrelationEngine before = engine(ADMIN);
        sign(before, "node1", "10.0.0.1", T0);
        byte[] state = snapshot(before);

        CorrelationEngine longer = engine(firstSeen("fs", "14d", "30d", "observer.name"));
        assertThat(CorrelationStateTest.restore(longer, state)).isEqualTo(new RestoreResult(1, 0, 1));
        assertThat(sign(longer, "node1", "203.0.113.9", T0 + 8 * DAY)).isEmpty();
        assertThat(sign(longer, "node1", "198.51.100.4", T0 + 14 * DAY)).hasSize(1);

        CorrelationEngine regrouped = engine(firstSeen("fs", "7d", "60d", "observer.name"));
        assertThat(CorrelationStateTest.restore(regrouped, state)).isEqualTo(new RestoreResult(0, 1, 0));
        CorrelationEngine otherField = engine(ADMIN.replace("field: source.ip", "field: user.name"));
        assertThat(CorrelationStateTest.restore(otherField, state)).isEqualTo(new RestoreResult(0, 1, 0));
    }

    @Test
    void snapshotRestore_underALowerValueCap_keepsTheValuesSeenLast() throws IOException {
        CorrelationEngine before = engine(ADMIN);
        for (int i = 0; i < 5; i++) {
            sign(before, "node1", "10.0.0." + i, T0 + i * DAY);
        }
        CorrelationEngine after = engine(CorrelationLimits.DEFAULTS.withMaxSeen(10, 2), ADMIN);
        CorrelationStateTest.restore(after, snapshot(before));
        assertThat(sign(after, "node1", "10.0.0.4", T0 + 8 * DAY)).isEmpty();
        assertThat(sign(after, "node1", "10.0.0.3", T0 + 8 * DAY)).isEmpty();
        assertThat(sign(after, "node1", "10.0.0.0", T0 + 8 * DAY)).hasSize(1);
    }

    @Test
    void snapshot_ofEveryType_togetherRoundTrips() throws IOException {
        String[] rules = new String[CorrelationStateTest.RULES.length + 1];
        System.arraycopy(CorrelationStateTest.RULES, 0, rules, 0, CorrelationStateTest.RULES.length);
        rules[rules.length - 1] = ADMIN;
        CorrelationEngine e = engine(rules);
        CorrelationStateTest.play(e, true);
        sign(e, "node1", "10.0.0.1", T0);
        byte[] state = snapshot(e);
        CorrelationEngine again = engine(rules);
        assertThat(CorrelationStateTest.restore(again, state).restored()).isEqualTo(6);
        assertThat(snapshot(again)).isEqualTo(state);
        assertThat(CorrelationStateTest.play(again, false)).isEqualTo(CorrelationStateTest.play(e, false));
    }

    // ---- against a reference ---------------------------------------------------------------------

    /**
     * The engine against a naive model that keeps every accepted match and decides from scratch:
     * matches up to a timespan out of order, a restart midway. Times in hours: timespan 30, learning 7.
     */
    @Property(tries = 300)
    void engineAgreesWithTheNaiveModel(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 999) Integer> seeds,
            @ForAll @IntRange(min = 0, max = 200) int restartAt) throws IOException {
        String rule = firstSeen("p", "7h", "30h", "user.name");
        long span = 30 * HOUR;
        long learning = 7 * HOUR;
        Random random = new Random(seeds.hashCode());
        long front = T0;
        record M(String group, String value, long t) {}
        List<M> matches = new ArrayList<>();
        for (int s : seeds) {
            front += random.nextInt(4) * HOUR / 2;
            long lag = random.nextInt(4) == 0 ? random.nextInt((int) (span / 1000)) * 1000L : 0;
            matches.add(new M("u" + s % 3, "v" + s % 7, front - lag));
        }

        List<String> actual = new ArrayList<>();
        CorrelationEngine e = engine(rule);
        for (int i = 0; i < matches.size(); i++) {
            if (i == restartAt) {
                byte[] state = snapshot(e);
                e = engine(rule);
                CorrelationStateTest.restore(e, state);
            }
            M m = matches.get(i);
            for (Alert a : e.onMatch("admin_login", null, login(m.group(), m.value()), m.t())) {
                actual.add(m.group() + " " + m.value() + " " + a.timestampMillis());
            }
        }

        List<String> expected = new ArrayList<>();
        Map<String, List<M>> accepted = new HashMap<>();
        Map<String, Long> since = new HashMap<>();
        for (M m : matches) {
            List<M> before = accepted.computeIfAbsent(m.group(), k -> new ArrayList<>());
            long newest = before.stream().mapToLong(M::t).max().orElse(Long.MIN_VALUE);
            if (!before.isEmpty() && m.t() <= newest - span) {
                continue; // late
            }
            long cutoff = Math.max(newest, m.t()) - span;
            List<M> remembered = before.stream().filter(x -> x.t() > cutoff).toList();
            long start = remembered.isEmpty() ? m.t() : Math.min(since.get(m.group()), m.t());
            since.put(m.group(), start);
            boolean known = remembered.stream().anyMatch(x -> x.value().equals(m.value()));
            if (!known && m.t() - learning >= start) {
                expected.add(m.group() + " " + m.value() + " " + m.t());
            }
            before.add(m);
        }
        assertThat(actual).isEqualTo(expected);
    }
}

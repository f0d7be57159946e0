package io.gatewatch.detect.correlation;

import static io.gatewatch.detect.correlation.Fixtures.MINUTE;
import static io.gatewatch.detect.correlation.Fixtures.SECOND;
import static io.gatewatch.detect.correlation.Fixtures.T0;
import static io.gatewatch.detect.correlation.Fixtures.engine;
import static io.gatewatch.detect.correlation.Fixtures.eventCount;
import static io.gatewatch.detect.correlation.Fixtures.feed;
import static io.gatewatch.detect.correlation.Fixtures.login;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** event_count and value_count: thresholds, window boundaries, late matches, firing and reset. */
class CountCorrelationTest {

    @Test
    void eventCount_firesWhenTheThresholdIsReached_notBefore() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 3", "1m", "user.name, source.ip"));
        EcsEvent ev = login("alice", "203.0.113.9");
        assertThat(e.onMatch("failed_login", null, ev, T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + SECOND)).isEmpty();
        List<Alert> alerts = e.onMatch("failed_login", null, ev, T0 + 2 * SECOND);

        assertThat(alerts).hasSize(1);
        Alert a = alerts.getFirst();
        assertThat(a.ruleId()).isEqualTo("bf");
        assertThat(a.ruleTitle()).isEqualTo("Brute force bf");
        assertThat(a.level()).isEqualTo("high");
        assertThat(a.tags()).containsExactly("attack.t1110");
        assertThat(a.correlationType()).isEqualTo("event_count");
        assertThat(a.timestampMillis()).isEqualTo(T0 + 2 * SECOND);
        assertThat(a.group()).isEqualTo(Map.of("user.name", "alice", "source.ip", "203.0.113.9"));
        assertThat(a.events()).hasSize(3).allMatch(x -> x == ev);
    }

    @Test
    void eventCount_gt_needsOneMore() {
        CorrelationEngine e = engine(eventCount("bf", "gt: 3", "1m", "user.name"));
        assertThat(feed(e, "failed_login", login("alice", "x"), T0, SECOND, 3)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0 + 3 * SECOND)).hasSize(1);
    }

    @Test
    void window_aMatchExactlyOneTimespanBeforeTheNewest_isOut() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1m", "user.name"));
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("failed_login", null, ev, T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + MINUTE)).isEmpty();
    }

    @Test
    void window_aMatchOneMillisecondLater_isIn() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1m", "user.name"));
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("failed_login", null, ev, T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + MINUTE - 1)).hasSize(1);
    }

    @Test
    void window_slides_oldMatchesLeaveAsNewOnesArrive() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 3", "1m", "user.name"));
        EcsEvent ev = login("alice", "x");
        // 40 s apart: never three within a minute
        assertThat(feed(e, "failed_login", ev, T0, 40 * SECOND, 10)).isEmpty();
        // 29 s apart: the third is 58 s after the first
        assertThat(feed(e, "failed_login", ev, T0 + 10 * MINUTE, 29 * SECOND, 3)).hasSize(1);
    }

    @Test
    void outOfOrder_lateMatchesInsideTheWindowCount() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 3", "1m", "user.name"));
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("failed_login", null, ev, T0 + 50 * SECOND)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + 10 * SECOND)).isEmpty();
        List<Alert> alerts = e.onMatch("failed_login", null, ev, T0 + 30 * SECOND);
        assertThat(alerts).hasSize(1);
        // the alert's time is the window's end, the newest match
        assertThat(alerts.getFirst().timestampMillis()).isEqualTo(T0 + 50 * SECOND);
    }

    @Test
    void outOfOrder_aMatchOlderThanTheWindow_isLateAndIgnored() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1m", "user.name"));
        EcsEvent ev = login("alice", "x");
        e.onMatch("failed_login", null, ev, T0 + 2 * MINUTE);
        assertThat(e.onMatch("failed_login", null, ev, T0 + MINUTE)).isEmpty();
        assertThat(e.stats().late()).isEqualTo(1);
        assertThat(e.onMatch("failed_login", null, ev, T0 + MINUTE + 1)).hasSize(1);
    }

    @Test
    void firing_resetsTheGroup_aBurstOf100AgainstGte20RaisesFive() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 20", "1h", "user.name"));
        List<Alert> alerts = feed(e, "failed_login", login("alice", "x"), T0, SECOND, 100);
        assertThat(alerts).hasSize(5);
        assertThat(alerts).extracting(Alert::timestampMillis)
                .containsExactly(T0 + 19 * SECOND, T0 + 39 * SECOND, T0 + 59 * SECOND, T0 + 79 * SECOND, T0 + 99 * SECOND);
    }

    @Test
    void firing_matchesAtOrBeforeTheFiredWindowEnd_doNotCountAgain() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1h", "user.name"));
        EcsEvent ev = login("alice", "x");
        e.onMatch("failed_login", null, ev, T0);
        assertThat(e.onMatch("failed_login", null, ev, T0 + 10 * SECOND)).hasSize(1);
        // stragglers of the burst that fired
        assertThat(e.onMatch("failed_login", null, ev, T0 + 5 * SECOND)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + 10 * SECOND)).isEmpty();
        assertThat(e.stats().late()).isEqualTo(2);
        e.onMatch("failed_login", null, ev, T0 + 11 * SECOND);
        assertThat(e.onMatch("failed_login", null, ev, T0 + 12 * SECOND)).hasSize(1);
    }

    @Test
    void groups_areCountedApart() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1h", "user.name"));
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("bob", "x"), T0 + 1)).isEmpty();
        List<Alert> alerts = e.onMatch("failed_login", null, login("alice", "y"), T0 + 2);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.group()).isEqualTo(Map.of("user.name", "alice")));
        assertThat(e.stats().groups()).isEqualTo(2);
    }

    @Test
    void groups_aMatchWithoutAGroupByValue_isUngrouped() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 1", "1h", "user.name, source.ip"));
        assertThat(e.onMatch("failed_login", null, new EcsEvent().set(EcsField.USER_NAME, "alice"), T0)).isEmpty();
        assertThat(e.stats().ungrouped()).isEqualTo(1);
        assertThat(e.stats().groups()).isZero();
    }

    @Test
    void groups_noGroupBy_isOneGroupForAll() {
        CorrelationEngine e = engine("""
                title: Many failures anywhere
                id: all
                correlation: {type: event_count, rules: [failed_login], timespan: 1m, condition: {gte: 3}}
                """);
        e.onMatch("failed_login", null, login("a", "1"), T0);
        e.onMatch("failed_login", null, new EcsEvent(), T0 + 1);
        List<Alert> alerts = e.onMatch("failed_login", null, login("c", "3"), T0 + 2);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.group()).isEmpty());
    }

    @Test
    void groups_valuesCannotBeShiftedFromOneFieldToTheNext() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1h", "user.name, source.ip"));
        e.onMatch("failed_login", null, login("a\u0001b", "c"), T0);
        assertThat(e.onMatch("failed_login", null, login("a", "\u0001bc"), T0 + 1)).isEmpty();
        assertThat(e.stats().groups()).isEqualTo(2);
    }

    @Test
    void groups_hugeValuesAreBounded_andStayDistinct() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1h", "user.name"));
        String head = "x".repeat(10_000);
        e.onMatch("failed_login", null, login(head + "1", "ip"), T0);
        assertThat(e.onMatch("failed_login", null, login(head + "2", "ip"), T0 + 1)).isEmpty();
        List<Alert> alerts = e.onMatch("failed_login", null, login(head + "1", "ip"), T0 + 2);
        String shown = alerts.getFirst().group().get("user.name");
        assertThat(shown).hasSize(256).startsWith("xxxx").matches(".*#[0-9a-f]{16}");
    }

    @Test
    void conditions_rangeFiresWhenTheCountEntersIt() {
        CorrelationEngine e = engine(eventCount("bf", "gt: 2, lte: 3", "1h", "user.name"));
        List<Alert> alerts = feed(e, "failed_login", login("alice", "x"), T0, SECOND, 3);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void conditions_ltFiresOnTheFirstMatch() {
        CorrelationEngine e = engine(eventCount("bf", "lt: 5", "1h", "user.name"));
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0)).hasSize(1);
    }

    @Test
    void conditions_eq() {
        CorrelationEngine e = engine(eventCount("bf", "eq: 4", "1h", "user.name"));
        assertThat(feed(e, "failed_login", login("alice", "x"), T0, SECOND, 3)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0 + 3 * SECOND)).hasSize(1);
    }

    @Test
    void conditions_neq_firesOnAnyOtherCount() {
        CorrelationEngine e = engine(eventCount("bf", "neq: 1", "1h", "user.name"));
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0 + 1)).hasSize(1);
    }

    @Test
    void samples_areTheLastEventsOfTheWindow_byTime() {
        CorrelationEngine e = engine(CorrelationLimits.DEFAULTS.withSampleEvents(3),
                eventCount("bf", "gte: 5", "1h", "source.ip"));
        List<Alert> alerts = List.of();
        for (int i = 0; i < 5; i++) {
            // out of order on purpose: 4 arrives before 3
            int n = i == 3 ? 4 : i == 4 ? 3 : i;
            alerts = e.onMatch("failed_login", null, login("u" + n, "ip"), T0 + n * SECOND);
        }
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.events())
                .extracting(x -> x.getString(EcsField.USER_NAME)).containsExactly("u2", "u3", "u4"));
    }

    @Test
    void samples_none_theAlertStillCarriesItsTrigger() {
        CorrelationEngine e = engine(CorrelationLimits.DEFAULTS.withSampleEvents(0),
                eventCount("bf", "gte: 2", "1h", "source.ip"));
        e.onMatch("failed_login", null, login("u1", "ip"), T0);
        EcsEvent last = login("u2", "ip");
        assertThat(e.onMatch("failed_login", null, last, T0 + 1)).singleElement()
                .satisfies(a -> assertThat(a.events()).containsExactly(last));
    }

    static String spraying(String condition) {
        return """
                title: Password spraying
                id: spray
                level: high
                correlation:
                  type: value_count
                  rules: [failed_login]
                  group-by: [source.ip]
                  timespan: 15m
                  condition: {%s, field: user.name}
                """.formatted(condition);
    }

    @Test
    void valueCount_countsDistinctValues() {
        CorrelationEngine e = engine(spraying("gte: 3"));
        assertThat(e.onMatch("failed_login", null, login("alice", "198.51.100.7"), T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("alice", "198.51.100.7"), T0 + 1)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("bob", "198.51.100.7"), T0 + 2)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("bob", "198.51.100.8"), T0 + 3)).isEmpty();
        List<Alert> alerts = e.onMatch("failed_login", null, login("carol", "198.51.100.7"), T0 + 4);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.correlationType()).isEqualTo("value_count");
            assertThat(a.group()).isEqualTo(Map.of("source.ip", "198.51.100.7"));
        });
    }

    @Test
    void valueCount_aValueLeavesTheWindowWithItsLastSighting() {
        CorrelationEngine e = engine(spraying("gte: 3"));
        String ip = "198.51.100.7";
        e.onMatch("failed_login", null, login("alice", ip), T0);
        e.onMatch("failed_login", null, login("bob", ip), T0 + MINUTE);
        // alice seen again: her last sighting moves on
        e.onMatch("failed_login", null, login("alice", ip), T0 + 10 * MINUTE);
        // bob's only sighting is exactly 15 min back: out
        assertThat(e.onMatch("failed_login", null, login("carol", ip), T0 + 16 * MINUTE)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("dave", ip), T0 + 16 * MINUTE + 1)).hasSize(1);
    }

    @Test
    void valueCount_boundary_aValueSeenExactlyOneTimespanBefore_isOut() {
        CorrelationEngine e = engine(spraying("gte: 2"));
        e.onMatch("failed_login", null, login("alice", "ip"), T0);
        assertThat(e.onMatch("failed_login", null, login("bob", "ip"), T0 + 15 * MINUTE)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("carol", "ip"), T0 + 15 * MINUTE + 1)).hasSize(1);
    }

    @Test
    void valueCount_outOfOrder() {
        CorrelationEngine e = engine(spraying("gte: 3"));
        e.onMatch("failed_login", null, login("alice", "ip"), T0 + 10 * MINUTE);
        e.onMatch("failed_login", null, login("bob", "ip"), T0 + MINUTE);
        assertThat(e.onMatch("failed_login", null, login("carol", "ip"), T0 + 5 * MINUTE)).hasSize(1);
    }

    @Test
    void valueCount_aMatchWithoutTheCountedField_isUngrouped() {
        CorrelationEngine e = engine(spraying("gte: 1"));
        assertThat(e.onMatch("failed_login", null, new EcsEvent().set(EcsField.SOURCE_IP, "ip"), T0)).isEmpty();
        assertThat(e.stats().ungrouped()).isEqualTo(1);
    }
}

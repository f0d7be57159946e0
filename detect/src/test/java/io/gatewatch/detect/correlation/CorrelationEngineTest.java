package io.gatewatch.detect.correlation;

import static io.gatewatch.detect.correlation.Fixtures.MINUTE;
import static io.gatewatch.detect.correlation.Fixtures.SECOND;
import static io.gatewatch.detect.correlation.Fixtures.T0;
import static io.gatewatch.detect.correlation.Fixtures.engine;
import static io.gatewatch.detect.correlation.Fixtures.eventCount;
import static io.gatewatch.detect.correlation.Fixtures.feed;
import static io.gatewatch.detect.correlation.Fixtures.login;
import static io.gatewatch.detect.correlation.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chaining, generate, the rule graph, the group cap and expiry. */
class CorrelationEngineTest {
    /** The specification's example: many failed logins followed by a successful one. */
    static final String OUTER = """
            title: Correlation - Multiple Failed Logins Followed by Successful Login
            id: b180ead8-d58f-40b2-ae54-c8940995b9b6
            level: high
            tags: [attack.t1110]
            correlation:
                type: temporal_ordered
                rules:
                    - multiple_failed_login
                    - successful_login
                group-by:
                    - user.name
                timespan: 10m
            """;
    static final String INNER = """
            title: Multiple failed logons
            id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
            name: multiple_failed_login
            correlation:
                type: event_count
                rules:
                    - failed_login
                group-by:
                    - user.name
                timespan: 10m
                condition:
                    gte: 10
            """;

    @Test
    void chaining_anInnerCorrelationsAlertIsAMatchOfTheOuter() {
        CorrelationEngine e = engine(OUTER, INNER);
        EcsEvent fail = login("alice", "203.0.113.9");
        // the inner correlation fires on the 10th failure, but generates no alert of its own
        assertThat(feed(e, "53ba33fd", "failed_login", fail, T0, SECOND, 10)).isEmpty();
        EcsEvent success = login("alice", "203.0.113.9");
        List<Alert> alerts = e.onMatch("4d0a2c83", "successful_login", success, T0 + MINUTE);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
            assertThat(a.level()).isEqualTo("high");
            assertThat(a.correlationType()).isEqualTo("temporal_ordered");
            assertThat(a.events()).containsExactly(fail, success);
        });
        assertThat(e.stats().alerts()).isEqualTo(2);
    }

    @Test
    void chaining_successBeforeTheBurst_doesNotFire() {
        CorrelationEngine e = engine(OUTER, INNER);
        e.onMatch("4d0a2c83", "successful_login", login("alice", "x"), T0);
        assertThat(feed(e, "53ba33fd", "failed_login", login("alice", "x"), T0 + SECOND, SECOND, 10)).isEmpty();
    }

    @Test
    void chaining_tooFewFailures_doesNotFire() {
        CorrelationEngine e = engine(OUTER, INNER);
        feed(e, "53ba33fd", "failed_login", login("alice", "x"), T0, SECOND, 9);
        assertThat(e.onMatch("4d0a2c83", "successful_login", login("alice", "x"), T0 + MINUTE)).isEmpty();
    }

    @Test
    void chaining_innerCorrelationReferredToById() {
        CorrelationEngine e = engine(OUTER.replace("- multiple_failed_login", "- a8418a5a-5fc4-46b5-b23b-6c73beb19d41"),
                INNER);
        feed(e, "53ba33fd", "failed_login", login("alice", "x"), T0, SECOND, 10);
        assertThat(e.onMatch("4d0a2c83", "successful_login", login("alice", "x"), T0 + MINUTE)).hasSize(1);
    }

    @Test
    void generate_default_referredRulesAreSuppressed() {
        CorrelationEngine e = engine(OUTER, INNER);
        assertThat(e.suppressed("successful_login")).isTrue();
        assertThat(e.suppressed("failed_login")).isTrue();
        assertThat(e.suppressed("53ba33fd", "failed_login")).isTrue();
        assertThat(e.suppressed("multiple_failed_login")).isTrue();
        assertThat(e.suppressed("b180ead8-d58f-40b2-ae54-c8940995b9b6")).isFalse();
        assertThat(e.suppressed("some_other_rule")).isFalse();
        assertThat(e.suppressed(null, null)).isFalse();
    }

    @Test
    void generate_true_referredRulesAlertToo_innerCorrelationIncluded() {
        CorrelationEngine e = engine(OUTER + "generate: true\n", INNER);
        assertThat(e.suppressed("successful_login")).isFalse();
        assertThat(e.suppressed("multiple_failed_login")).isFalse();
        // the inner correlation does not generate: its own rule stays suppressed
        assertThat(e.suppressed("failed_login")).isTrue();
        List<Alert> inner = feed(e, "53ba33fd", "failed_login", login("alice", "x"), T0, SECOND, 10);
        assertThat(inner).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("a8418a5a-5fc4-46b5-b23b-6c73beb19d41");
            assertThat(a.level()).isEqualTo("medium");
        });
    }

    @Test
    void generate_aRuleReferredByOneGeneratingCorrelation_isNotSuppressed() {
        CorrelationEngine e = engine(eventCount("one", "gte: 2", "1h", "user.name"),
                eventCount("two", "gte: 5", "1h", "source.ip") + "generate: true\n");
        assertThat(e.suppressed("failed_login")).isFalse();
    }

    @Test
    void oneMatch_feedsEveryCorrelationReferringToItsRule_onceEach() {
        CorrelationEngine e = engine(eventCount("by_user", "gte: 2", "1h", "user.name"),
                eventCount("by_ip", "gte: 2", "1h", "source.ip"),
                """
                title: Referred to by id and by name
                id: both
                correlation:
                  type: event_count
                  rules: [failed_login, fl-id]
                  timespan: 1h
                  condition: {gte: 2}
                """);
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("fl-id", "failed_login", ev, T0)).isEmpty();
        assertThat(e.onMatch("fl-id", "failed_login", ev, T0 + 1)).extracting(Alert::ruleId)
                .containsExactlyInAnyOrder("by_user", "by_ip", "both");
    }

    @Test
    void references_areTheSingleEventRulesNeeded() {
        CorrelationEngine e = engine(OUTER, INNER);
        assertThat(e.references()).containsExactlyInAnyOrder("successful_login", "failed_login");
    }

    @Test
    void ruleGraph_cyclesAndTheirDependentsAreLeftOut_theRestRuns() {
        List<CorrelationRule> rules = List.of(
                rule(correlation("a", "b")), rule(correlation("b", "a")),
                rule(correlation("c", "a")), rule(correlation("self", "self")),
                rule(correlation("fine", "failed_login")));
        CorrelationEngine e = new CorrelationEngine(rules);
        assertThat(e.rules()).extracting(CorrelationRule::key).containsExactly("fine");
        assertThat(e.errors()).hasSize(4);
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).startsWith("test.yml:1: correlation 'a' left out: ")
                .contains("cycle: a -> b -> a"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("correlation 'b' left out").contains("cycle"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("correlation 'c' left out")
                .contains("refers to correlation 'a', which was left out"));
        assertThat(e.errors()).anySatisfy(m -> assertThat(m).contains("cycle: self -> self"));
        assertThat(e.onMatch("failed_login", null, login("u", "i"), T0)).hasSize(1);
    }

    @Test
    void ruleGraph_anIdOrNameUsedTwice_theSecondIsLeftOut() {
        CorrelationEngine e = new CorrelationEngine(List.of(rule(correlation("a", "x")), rule(correlation("a", "y"))));
        assertThat(e.rules()).singleElement().satisfies(r -> assertThat(r.rules()).containsExactly("x"));
        assertThat(e.errors()).singleElement().satisfies(m -> assertThat(m).contains("'a' is already the id or name"));
    }

    static String correlation(String id, String refers) {
        return "title: " + id + "\nid: " + id + "\ncorrelation: {type: event_count, rules: [" + refers
                + "], timespan: 1h, condition: {gte: 1}}\n";
    }

    @Test
    void cap_theLeastRecentlyUpdatedGroupIsEvicted_andCounted() {
        CorrelationEngine e = engine(CorrelationLimits.DEFAULTS.withMaxGroupsPerRule(3),
                eventCount("bf", "gte: 2", "1h", "user.name"));
        e.onMatch("failed_login", null, login("u1", "x"), T0);
        e.onMatch("failed_login", null, login("u2", "x"), T0 + 1);
        e.onMatch("failed_login", null, login("u3", "x"), T0 + 2);
        // u1 is touched again (and fires), u2 becomes the least recently updated
        assertThat(e.onMatch("failed_login", null, login("u1", "x"), T0 + 3)).hasSize(1);
        e.onMatch("failed_login", null, login("u4", "x"), T0 + 4);
        assertThat(e.stats().evicted()).isEqualTo(1);
        assertThat(e.stats().groups()).isEqualTo(3);
        // u2 starts over (pushing out u3); u4 still has its first match
        assertThat(e.onMatch("failed_login", null, login("u2", "x"), T0 + 5)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("u4", "x"), T0 + 6)).hasSize(1);
    }

    @Test
    void expiry_byEventTime_aGroupGoesTwoTimespansAfterItsNewestMatch() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 5", "1m", "user.name"));
        e.onMatch("failed_login", null, login("old", "x"), T0);
        e.onMatch("failed_login", null, login("new", "x"), T0 + 2 * MINUTE - 1);
        assertThat(e.stats().groups()).isEqualTo(2);
        e.onMatch("failed_login", null, login("new", "x"), T0 + 2 * MINUTE);
        assertThat(e.stats().groups()).isEqualTo(1);
        assertThat(e.stats().expired()).isEqualTo(1);
    }

    @Test
    void expiry_aMatchLessThanATimespanLate_stillFindsItsGroup() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1m", "user.name"));
        e.onMatch("failed_login", null, login("alice", "x"), T0 + 30 * SECOND);
        // other traffic moves event time on by 80 s
        e.onMatch("failed_login", null, login("bob", "x"), T0 + 110 * SECOND);
        // alice's late match, 59 s behind the newest time seen, is within 1 m of her first
        assertThat(e.onMatch("failed_login", null, login("alice", "x"), T0 + 51 * SECOND)).hasSize(1);
    }

    @Test
    void expiry_byWallClock() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 5", "1m", "user.name"),
                eventCount("slow", "gte: 5", "1h", "user.name"));
        e.onMatch("failed_login", null, login("a", "x"), T0);
        e.onMatch("failed_login", null, login("b", "x"), T0 + MINUTE);
        assertThat(e.stats().groups()).isEqualTo(4);
        assertThat(e.expire(T0 + 2 * MINUTE)).isEqualTo(1);
        assertThat(e.expire(T0 + 3 * MINUTE)).isEqualTo(1);
        assertThat(e.stats().groups()).isEqualTo(2);
        assertThat(e.expire(T0 + 121 * MINUTE)).isEqualTo(2);
        assertThat(e.stats()).isEqualTo(new CorrelationStats(0, 4, 0, 0, 0, 0, 4, 0));
    }

    @Test
    void timestamps_nearTheEndsOfLong_doNotWrap() {
        CorrelationEngine e = engine(eventCount("bf", "gte: 2", "1m", "user.name"));
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("failed_login", null, ev, Long.MIN_VALUE + 5)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, Long.MIN_VALUE + 6)).hasSize(1);
        assertThat(e.onMatch("failed_login", null, login("bob", "x"), Long.MAX_VALUE)).isEmpty();
        assertThat(e.onMatch("failed_login", null, login("bob", "x"), Long.MAX_VALUE)).hasSize(1);
        assertThat(e.onMatch("failed_login", null, login("bob", "x"), Long.MAX_VALUE)).isEmpty();
        assertThat(e.stats().late()).isEqualTo(1);
        assertThat(e.stats().expired()).isEqualTo(1);
    }
}

package io.gatewatch.detect.correlation;

import static io.gatewatch.detect.correlation.Fixtures.MINUTE;
import static io.gatewatch.detect.correlation.Fixtures.SECOND;
import static io.gatewatch.detect.correlation.Fixtures.T0;
import static io.gatewatch.detect.correlation.Fixtures.engine;
import static io.gatewatch.detect.correlation.Fixtures.login;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** temporal, temporal_ordered, and aliases. */
class TemporalCorrelationTest {
    static final String RECON = """
            title: Recon by one user
            id: recon
            level: medium
            correlation:
              type: temporal
              rules: [cmd_a, cmd_b, cmd_c]
              group-by: [user.name]
              timespan: 5m
            """;

    static final String ORDERED = """
            title: Failures then success
            id: fail_then_success
            level: high
            correlation:
              type: temporal_ordered
              rules: [failed_login, successful_login]
              group-by: [user.name]
              timespan: 10m
            """;

    @Test
    void temporal_allRulesInTheWindow_inAnyOrder() {
        CorrelationEngine e = engine(RECON);
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("cmd_c", null, ev, T0)).isEmpty();
        assertThat(e.onMatch("cmd_a", null, ev, T0 + MINUTE)).isEmpty();
        assertThat(e.onMatch("cmd_a", null, ev, T0 + 2 * MINUTE)).isEmpty();
        List<Alert> alerts = e.onMatch("cmd_b", null, ev, T0 + 3 * MINUTE);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.correlationType()).isEqualTo("temporal");
            assertThat(a.group()).isEqualTo(Map.of("user.name", "alice"));
            assertThat(a.timestampMillis()).isEqualTo(T0 + 3 * MINUTE);
        });
    }

    @Test
    void temporal_boundary_aRuleMatchedExactlyOneTimespanBefore_isOut() {
        CorrelationEngine e = engine(RECON);
        EcsEvent ev = login("alice", "x");
        e.onMatch("cmd_a", null, ev, T0);
        e.onMatch("cmd_b", null, ev, T0 + MINUTE);
        assertThat(e.onMatch("cmd_c", null, ev, T0 + 5 * MINUTE)).isEmpty();
        // cmd_a again, within 5 minutes of cmd_b and cmd_c
        assertThat(e.onMatch("cmd_a", null, ev, T0 + 5 * MINUTE + 1)).hasSize(1);
    }

    @Test
    void temporal_otherGroupsDoNotHelp() {
        CorrelationEngine e = engine(RECON);
        e.onMatch("cmd_a", null, login("alice", "x"), T0);
        e.onMatch("cmd_b", null, login("bob", "x"), T0 + 1);
        assertThat(e.onMatch("cmd_c", null, login("alice", "x"), T0 + 2)).isEmpty();
    }

    @Test
    void temporal_conditionCountsDistinctRules() {
        CorrelationEngine e = engine("""
                title: Two of three
                id: two
                correlation:
                  type: temporal
                  rules: [cmd_a, cmd_b, cmd_c]
                  group-by: [user.name]
                  timespan: 5m
                  condition: {gte: 2}
                """);
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("cmd_a", null, ev, T0)).isEmpty();
        assertThat(e.onMatch("cmd_a", null, ev, T0 + 1)).isEmpty();
        assertThat(e.onMatch("cmd_c", null, ev, T0 + 2)).hasSize(1);
    }

    @Test
    void temporalOrdered_inOrder_fires() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("failed_login", null, ev, T0)).isEmpty();
        List<Alert> alerts = e.onMatch("successful_login", null, ev, T0 + MINUTE);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.correlationType()).isEqualTo("temporal_ordered"));
    }

    @Test
    void temporalOrdered_wrongOrder_doesNotFire() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        assertThat(e.onMatch("successful_login", null, ev, T0)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + MINUTE)).isEmpty();
    }

    @Test
    void temporalOrdered_aLaterSecondOccurrenceCompletesTheOrder() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        e.onMatch("successful_login", null, ev, T0);
        e.onMatch("failed_login", null, ev, T0 + MINUTE);
        assertThat(e.onMatch("successful_login", null, ev, T0 + 2 * MINUTE)).hasSize(1);
    }

    @Test
    void temporalOrdered_anEarlierOccurrenceOfTheFirstRuleIsUsed() {
        // failed at 1, success at 2, failed again at 3: the order 1 < 2 holds
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        e.onMatch("failed_login", null, ev, T0 + MINUTE);
        e.onMatch("failed_login", null, ev, T0 + 3 * MINUTE);
        assertThat(e.onMatch("successful_login", null, ev, T0 + 2 * MINUTE)).hasSize(1);
    }

    @Test
    void temporalOrdered_orderIsByEventTime_notArrival() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        // the success arrives first but happened later
        assertThat(e.onMatch("successful_login", null, ev, T0 + 2 * MINUTE)).isEmpty();
        assertThat(e.onMatch("failed_login", null, ev, T0 + MINUTE)).hasSize(1);
    }

    @Test
    void temporalOrdered_equalTimesCountAsInOrder() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        e.onMatch("successful_login", null, ev, T0);
        assertThat(e.onMatch("failed_login", null, ev, T0)).hasSize(1);
    }

    @Test
    void temporalOrdered_boundary() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        e.onMatch("failed_login", null, ev, T0);
        assertThat(e.onMatch("successful_login", null, ev, T0 + 10 * MINUTE)).isEmpty();
        // a late failure a millisecond inside the window completes the order
        assertThat(e.onMatch("failed_login", null, ev, T0 + 10 * MINUTE - 1)).hasSize(1);
    }

    @Test
    void temporal_firing_resetsTheGroup() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent ev = login("alice", "x");
        e.onMatch("failed_login", null, ev, T0);
        assertThat(e.onMatch("successful_login", null, ev, T0 + SECOND)).hasSize(1);
        // a second success alone does not fire again: the failure belonged to the fired window
        assertThat(e.onMatch("successful_login", null, ev, T0 + 2 * SECOND)).isEmpty();
        e.onMatch("failed_login", null, ev, T0 + 3 * SECOND);
        assertThat(e.onMatch("successful_login", null, ev, T0 + 4 * SECOND)).hasSize(1);
    }

    @Test
    void temporal_alertShowsTheLastEventOfEachRule_oldestFirst() {
        CorrelationEngine e = engine(ORDERED);
        EcsEvent f1 = login("alice", "1");
        EcsEvent f2 = login("alice", "2");
        EcsEvent s = login("alice", "3");
        e.onMatch("failed_login", null, f1, T0);
        e.onMatch("failed_login", null, f2, T0 + 1);
        assertThat(e.onMatch("successful_login", null, s, T0 + 2)).singleElement()
                .satisfies(a -> assertThat(a.events()).containsExactly(f2, s));
    }

    /** The specification's alias example: an internal error, then a connection back from its client. */
    static final String ALIASES = """
            title: Error then connection
            id: err_conn
            correlation:
              type: temporal
              rules: [internal_error, new_network_connection]
              group-by: [internal_ip, remote_ip]
              timespan: 10s
              aliases:
                internal_ip:
                  internal_error: destination.ip
                  new_network_connection: source.ip
                remote_ip:
                  internal_error: source.ip
                  new_network_connection: destination.ip
            """;

    static EcsEvent flow(String src, String dst) {
        return new EcsEvent().set(EcsField.SOURCE_IP, src).set(EcsField.DESTINATION_IP, dst);
    }

    @Test
    void aliases_groupByReadsADifferentFieldPerRule() {
        CorrelationEngine e = engine(ALIASES);
        assertThat(e.onMatch("internal_error", null, flow("198.51.100.1", "10.0.0.5"), T0)).isEmpty();
        List<Alert> alerts = e.onMatch("new_network_connection", null, flow("10.0.0.5", "198.51.100.1"), T0 + SECOND);
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.group())
                .isEqualTo(Map.of("internal_ip", "10.0.0.5", "remote_ip", "198.51.100.1")));
    }

    @Test
    void aliases_sameFieldsInBothRules_doNotCorrelate() {
        CorrelationEngine e = engine(ALIASES);
        e.onMatch("internal_error", null, flow("198.51.100.1", "10.0.0.5"), T0);
        assertThat(e.onMatch("new_network_connection", null, flow("198.51.100.1", "10.0.0.5"), T0 + SECOND)).isEmpty();
    }

    @Test
    void aliases_aRuleListedByIdAndAliasedByName_resolvesAtMatchTime() {
        CorrelationEngine e = engine("""
                title: Error then connection
                id: err_conn
                correlation:
                  type: temporal
                  rules: [6d2c4c5e-0000-4000-8000-000000000001, new_network_connection]
                  group-by: [internal_ip]
                  timespan: 10s
                  aliases:
                    internal_ip:
                      6d2c4c5e-0000-4000-8000-000000000001: destination.ip
                      new_network_connection: source.ip
                """);
        e.onMatch("6d2c4c5e-0000-4000-8000-000000000001", "internal_error", flow("a", "10.0.0.5"), T0);
        assertThat(e.onMatch("nnc-id", "new_network_connection", flow("10.0.0.5", "b"), T0 + 1)).hasSize(1);
    }

    @Test
    void aliases_countedFieldCanBeAnAlias() {
        CorrelationEngine e = engine("""
                title: Many targets
                id: targets
                correlation:
                  type: value_count
                  rules: [a, b]
                  group-by: [source.ip]
                  timespan: 1m
                  condition: {gte: 2, field: target}
                  aliases:
                    target: {a: user.name, b: user.target.name}
                """);
        e.onMatch("a", null, login("alice", "ip"), T0);
        assertThat(e.onMatch("b", null, new EcsEvent().set(EcsField.SOURCE_IP, "ip")
                .set(EcsField.USER_TARGET_NAME, "bob"), T0 + 1)).hasSize(1);
    }
}

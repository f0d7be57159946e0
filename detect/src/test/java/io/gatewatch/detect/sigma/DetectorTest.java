package io.gatewatch.detect.sigma;

import static io.gatewatch.detect.sigma.TestRules.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts from single-event rules, and how matches reach correlations. */
class DetectorTest {
    private static final String FAILED_LOGIN = """
            title: Failed login
            id: failed-login
            name: failed_login
            level: low
            tags: [attack.credential-access, attack.t1110]
            detection:
              sel:
                event.code: AUT24414
              condition: sel
            """;

    private static String bruteForce(boolean generate) {
        return """
                ---
                title: Brute force
                id: brute-force
                level: high
                generate: %s
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [user.name]
                  timespan: 1h
                  condition:
                    gte: 3
                """.formatted(generate);
    }

    private static RuleSet load(String yaml) {
        RuleSet set = RuleSet.load(List.of(RuleFile.of("r.yml", yaml)), Map.of());
        assertThat(set.errors()).isEmpty();
        return set;
    }

    private static EcsEvent failure(String user, long time) {
        return event("event.code", "AUT24414", "user.name", user, "@timestamp", time);
    }

    @Test
    void aSingleEventRule_raisesAnAlertWithTheRuleAndTheEvent() {
        Detector d = load(FAILED_LOGIN).newDetector(() -> 42L);
        EcsEvent e = failure("bob", 1_700_000_000_000L);
        List<Alert> alerts = d.evaluate(e);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("failed-login");
            assertThat(a.ruleTitle()).isEqualTo("Failed login");
            assertThat(a.level()).isEqualTo("low");
            assertThat(a.tags()).containsExactly("attack.credential-access", "attack.t1110");
            assertThat(a.timestampMillis()).isEqualTo(1_700_000_000_000L);
            assertThat(a.events()).containsExactly(e);
            assertThat(a.group()).isEmpty();
            assertThat(a.correlationType()).isNull();
        });
        assertThat(d.evaluate(event("event.code", "AUT24414")).getFirst().timestampMillis())
                .as("undated events take the clock's time").isEqualTo(42L);
        assertThat(d.evaluate(event("event.code", "AUT24326"))).isEmpty();
    }

    @Test
    void aRuleUsedByACorrelation_raisesNoAlertOfItsOwn_byDefault() {
        Detector d = load(FAILED_LOGIN + bruteForce(false)).newDetector();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alerts.addAll(d.evaluate(failure("bob", 1_700_000_000_000L + i * 1000)));
        }
        assertThat(alerts).extracting(Alert::ruleId).containsExactly("brute-force");
        assertThat(alerts.getFirst().group()).containsEntry("user.name", "bob");
        assertThat(alerts.getFirst().correlationType()).isEqualTo("event_count");
    }

    @Test
    void withGenerate_theRuleAlertsToo() {
        Detector d = load(FAILED_LOGIN + bruteForce(true)).newDetector();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            d.evaluate(failure("bob", 1_700_000_000_000L + i * 1000)).forEach(a -> ids.add(a.ruleId()));
        }
        assertThat(ids).containsExactly("failed-login", "failed-login", "failed-login", "brute-force");
    }

    @Test
    void aCorrelationReferringToAnUnknownRule_isALoadError() {
        RuleSet set = RuleSet.load(List.of(RuleFile.of("r.yml", bruteForce(false).replace("failed_login", "nope"))));
        assertThat(set.errors()).singleElement().asString()
                .isEqualTo("r.yml:2: correlation 'Brute force' refers to 'nope', which is no loaded rule's id or name");
        assertThat(set.correlations()).isEmpty();
    }

    @Test
    void oddEvents_neverThrow() {
        Detector d = load("""
                title: Everything
                id: all
                detection:
                  a:
                    url.original|re: '(x+x+)+y'
                  b:
                    source.ip|cidr: '::/0'
                  c:
                    user.name|fieldref|contains: url.original
                  d:
                    http.response.status_code|gt: 5
                  e:
                    '@timestamp|hour': 3
                  k:
                    - 'needle'
                  condition: 1 of them
                """).newDetector();
        EcsEvent empty = new EcsEvent();
        EcsEvent huge = event("url.original", "x".repeat(200_000), "user.name", "\u0000\uffff\ud800", "source.ip",
                ":::::", "message", "\ud83d\ude00".repeat(1000), "@timestamp", Long.MAX_VALUE);
        huge.setLong(EcsField.HTTP_RESPONSE_STATUS_CODE, Long.MIN_VALUE);
        assertThat(d.evaluate(empty)).isEmpty();
        assertThat(d.evaluate(huge)).isEmpty();
        assertThat(d.failures()).isZero();
        assertThat(d.events()).isEqualTo(2);
    }
}

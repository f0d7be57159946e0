package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import java.util.ArrayList;
import java.util.List;

/** Rules from YAML text and events from a few fields, for the correlation tests. */
final class Fixtures {
    private Fixtures() {}

    static final long T0 = 1_700_000_000_000L;
    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;

    static CorrelationRule rule(String yaml) {
        return CorrelationRuleParser.parse(CorrelationRuleParserTest.yaml(yaml), "test.yml", 1);
    }

    static CorrelationEngine engine(String... yamls) {
        return engine(CorrelationLimits.DEFAULTS, yamls);
    }

    static CorrelationEngine engine(CorrelationLimits limits, String... yamls) {
        List<CorrelationRule> rules = new ArrayList<>();
        for (String y : yamls) {
            rules.add(rule(y));
        }
        CorrelationEngine e = new CorrelationEngine(rules, limits);
        if (!e.errors().isEmpty()) {
            throw new AssertionError(e.errors());
        }
        return e;
    }

    static EcsEvent login(String user, String ip) {
        return new EcsEvent().set(EcsField.USER_NAME, user).set(EcsField.SOURCE_IP, ip);
    }

    static EcsEvent login(String user, String ip, long t) {
        return login(user, ip).setLong(EcsField.TIMESTAMP, t);
    }

    /** Feeds {@code n} matches of {@code ruleId} at {@code start}, {@code start + step}...; returns all alerts. */
    static List<Alert> feed(CorrelationEngine e, String ruleId, EcsEvent event, long start, long step, int n) {
        return feed(e, ruleId, null, event, start, step, n);
    }

    static List<Alert> feed(CorrelationEngine e, String ruleId, String ruleName, EcsEvent event, long start, long step,
            int n) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.addAll(e.onMatch(ruleId, ruleName, event, start + i * step));
        }
        return out;
    }

    static String eventCount(String id, String threshold, String timespan, String groupBy) {
        return """
                title: Brute force %s
                id: %s
                level: high
                tags: [attack.t1110]
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [%s]
                  timespan: %s
                  condition: {%s}
                """.formatted(id, id, groupBy, timespan, threshold);
    }
}

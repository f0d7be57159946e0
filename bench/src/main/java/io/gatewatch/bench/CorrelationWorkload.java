package io.gatewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.correlation.CorrelationRuleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * The correlations of the built-in pack's credential-access rules, and a stream of failed-login
 * matches for them: benign traffic spread over {@code groups} groups (too thin to fire), and one
 * attacker sending 1 match in 64 (fires every 20-odd of its matches).
 *
 * <ul>
 *   <li>{@code brute_force}: event_count, more than 20 failures for one user from one address
 *       in 1 h (group-by user.name, source.ip);
 *   <li>{@code spraying}: value_count, failures for more than 20 distinct users from one address
 *       in 15 min (group-by source.ip, counting user.name).
 * </ul>
 */
final class CorrelationWorkload {
    static final String BRUTE_FORCE = """
            title: Brute force
            id: bench-brute-force
            level: high
            correlation:
              type: event_count
              rules: [failed_login]
              group-by: [user.name, source.ip]
              timespan: 1h
              condition: {gt: 20}
            """;
    static final String SPRAYING = """
            title: Password spraying
            id: bench-spraying
            level: high
            correlation:
              type: value_count
              rules: [failed_login]
              group-by: [source.ip]
              timespan: 15m
              condition: {gt: 20, field: user.name}
            """;

    /** Event time between two matches: 10,000 groups see one match each 1,000 s. */
    static final long STEP_MILLIS = 100;

    private static final int STREAM = 1 << 20;
    private static final int POOL = 1024;

    final String kind;
    final CorrelationRule rule;
    private final String[] users;
    private final String[] ips;
    /** Per position of the stream: the group (or -1 for the attacker). */
    private final int[] stream = new int[STREAM];
    /**
     * Events are taken from a small pool and refilled per match: the engine keeps no reference
     * for most of them, and a million distinct events would measure the heap, not the engine.
     */
    private final EcsEvent[] pool = new EcsEvent[POOL];
    private int next;
    private int attackerUser;

    CorrelationWorkload(String kind, int groups) {
        this.kind = kind;
        this.rule = parse(kind.equals("brute_force") ? BRUTE_FORCE : SPRAYING);
        users = new String[groups];
        ips = new String[groups];
        for (int i = 0; i < groups; i++) {
            users[i] = "user" + i + "@corp.example";
            ips[i] = "10." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255);
        }
        Random random = new Random(42);
        for (int i = 0; i < STREAM; i++) {
            stream[i] = random.nextInt(64) == 0 ? -1 : random.nextInt(groups);
        }
        for (int i = 0; i < POOL; i++) {
            pool[i] = new EcsEvent().set(EcsField.EVENT_CODE, "AUT24803").set(EcsField.EVENT_OUTCOME, "failure");
        }
    }

    static CorrelationRule parse(String yaml) {
        try {
            JsonNode doc = new YAMLMapper().readTree(yaml);
            return CorrelationRuleParser.parse(doc, "bench", 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next match's event. */
    EcsEvent next() {
        int i = next++;
        int g = stream[i & (STREAM - 1)];
        EcsEvent e = pool[i & (POOL - 1)];
        if (g >= 0) {
            // benign: for spraying a few users per address; for brute force one user, one address
            int user = kind.equals("spraying") ? (g + (i & 3)) % users.length : g;
            return e.set(EcsField.USER_NAME, users[user]).set(EcsField.SOURCE_IP, ips[g]);
        }
        // the attacker: one address, one user for brute force, a new user each time for spraying
        int user = kind.equals("spraying") ? attackerUser++ % users.length : 0;
        return e.set(EcsField.USER_NAME, users[user]).set(EcsField.SOURCE_IP, "203.0.113.66");
    }
}

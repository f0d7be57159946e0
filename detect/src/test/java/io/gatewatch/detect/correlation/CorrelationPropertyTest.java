package io.gatewatch.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.correlation.CorrelationRule.Condition;
import io.gatewatch.detect.correlation.CorrelationRule.Criterion;
import io.gatewatch.detect.correlation.CorrelationRule.Op;
import io.gatewatch.detect.correlation.CorrelationRule.Type;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine against a naive reference that keeps every accepted match of every group and
 * recounts the window from scratch on each match. Matches arrive up to one timespan out of order
 * (the range in which the engine promises exact counts); groups expire and state is snapshotted
 * and restored midway, neither of which may change a single alert.
 */
class CorrelationPropertyTest {
    /** A match: which group (user), which referred rule, which counted value, when. */
    record Match(int group, int rule, int value, long time) {}

    record Scenario(Type type, Condition condition, long span, List<Match> matches, int snapshotAt) {
        CorrelationRule rule() {
            List<String> rules = type == Type.EVENT_COUNT || type == Type.VALUE_COUNT ? List.of("r0", "r1")
                    : List.of("r0", "r1", "r2");
            Condition c = type == Type.TEMPORAL_ORDERED ? Condition.of(Op.GTE, rules.size(), null)
                    : type == Type.VALUE_COUNT ? new Condition(condition.criteria(), "source.ip") : condition;
            return new CorrelationRule("p", null, "Property", "low", List.of(), type, rules, List.of("user.name"), span,
                    0, c, Map.of(), false, "p.yml", 1);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        // The window types: value_first_seen keeps no window (FirstSeenCorrelationTest has its reference).
        Arbitrary<Type> types = Arbitraries.of(Type.EVENT_COUNT, Type.VALUE_COUNT, Type.TEMPORAL, Type.TEMPORAL_ORDERED);
        Arbitrary<Long> spans = Arbitraries.of(10L, 50L, 200L);
        Arbitrary<Condition> conditions = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 6).map(k -> Condition.of(Op.GTE, k, null)),
                Arbitraries.integers().between(0, 5).map(k -> Condition.of(Op.GT, k, null)),
                Arbitraries.integers().between(1, 5).map(k -> Condition.of(Op.EQ, k, null)),
                Arbitraries.integers().between(1, 4).map(k -> new Condition(
                        List.of(new Criterion(Op.GTE, k), new Criterion(Op.LTE, k + 2)), null)),
                Arbitraries.integers().between(1, 3).map(k -> Condition.of(Op.NEQ, k, null)));
        return Combinators.combine(types, spans, conditions, Arbitraries.integers().between(0, 1000).list()
                        .ofMinSize(1).ofMaxSize(300), Arbitraries.integers().between(0, 300))
                .as((type, span, condition, seeds, snapshotAt) -> {
                    if (type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED) {
                        long k = Math.min(3, Math.max(1, condition.lowestFiring()));
                        condition = Condition.of(Op.GTE, k, null);
                    }
                    return new Scenario(type, condition, span, matches(seeds, span), snapshotAt);
                });
    }

    /** Time moves on by 0..span/4 per match; each match lags the front by less than a timespan. */
    private static List<Match> matches(List<Integer> seeds, long span) {
        List<Match> out = new ArrayList<>();
        long front = 1_000_000;
        java.util.Random random = new java.util.Random(seeds.hashCode());
        for (int s : seeds) {
            front += random.nextInt((int) span / 4 + 1);
            long lag = random.nextInt(4) == 0 ? random.nextInt((int) span) : 0;
            out.add(new Match(s % 4, s % 3, s % 5, front - lag));
        }
        return out;
    }

    @Property(tries = 400)
    void engineAgreesWithTheNaiveReference(@ForAll("scenarios") Scenario s) throws IOException {
        List<String> expected = Naive.run(s);
        assertThat(run(s, false)).isEqualTo(expected);
        assertThat(run(s, true)).isEqualTo(expected);
    }

    private static List<String> run(Scenario s, boolean restartMidway) throws IOException {
        CorrelationLimits limits = new CorrelationLimits(1_000_000, 10, 256, 1024, 10_000, 100);
        CorrelationEngine e = new CorrelationEngine(List.of(s.rule()), limits);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.matches().size(); i++) {
            if (restartMidway && i == s.snapshotAt()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                e.snapshot(bytes);
                e = new CorrelationEngine(List.of(s.rule()), limits);
                e.restore(new ByteArrayInputStream(bytes.toByteArray()));
            }
            Match m = s.matches().get(i);
            EcsEvent ev = new EcsEvent().set(EcsField.USER_NAME, "u" + m.group()).set(EcsField.SOURCE_IP, "v" + m.value());
            String rule = s.rule().rules().get(m.rule() % s.rule().rules().size());
            for (Alert a : e.onMatch(rule, null, ev, m.time())) {
                out.add(a.group().get("user.name") + "@" + a.timestampMillis());
            }
        }
        return out;
    }

    /** Keeps everything, recounts everything. */
    static final class Naive {
        static final class Group {
            final List<Match> accepted = new ArrayList<>();
            long newest = Long.MIN_VALUE;
            long floor = Long.MIN_VALUE;
        }

        static List<String> run(Scenario s) {
            CorrelationRule rule = s.rule();
            int rules = rule.rules().size();
            Map<Integer, Group> groups = new HashMap<>();
            List<String> out = new ArrayList<>();
            for (Match m0 : s.matches()) {
                Match m = new Match(m0.group(), m0.rule() % rules, m0.value(), m0.time());
                Group g = groups.get(m.group());
                if (g != null && (m.time() <= g.floor || m.time() <= g.newest - s.span())) {
                    continue; // late
                }
                if (g == null) {
                    g = new Group();
                    groups.put(m.group(), g);
                }
                g.accepted.add(m);
                g.newest = Math.max(g.newest, m.time());
                long cutoff = Math.max(g.floor, g.newest - s.span());
                List<Match> window = g.accepted.stream().filter(x -> x.time() > cutoff).toList();
                if (holds(rule, window, rules)) {
                    out.add("u" + m.group() + "@" + g.newest);
                    g.floor = g.newest;
                }
            }
            return out;
        }

        private static boolean holds(CorrelationRule rule, List<Match> window, int rules) {
            return switch (rule.type()) {
                case EVENT_COUNT -> rule.condition().test(window.size());
                case VALUE_COUNT -> rule.condition().test(window.stream().map(Match::value).distinct().count());
                case TEMPORAL -> rule.condition().test(window.stream().map(Match::rule).distinct().count());
                case TEMPORAL_ORDERED -> ordered(window, 0, Long.MIN_VALUE, rules);
                case VALUE_FIRST_SEEN -> throw new IllegalArgumentException("not a window type");
            };
        }

        /** Some choice of one match per rule, in rule order, at non-decreasing times. */
        private static boolean ordered(List<Match> window, int rule, long notBefore, int rules) {
            if (rule == rules) {
                return true;
            }
            Set<Long> tried = new HashSet<>();
            for (Match m : window) {
                if (m.rule() == rule && m.time() >= notBefore && tried.add(m.time())
                        && ordered(window, rule + 1, m.time(), rules)) {
                    return true;
                }
            }
            return false;
        }
    }
}

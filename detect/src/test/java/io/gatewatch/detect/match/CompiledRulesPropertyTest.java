package io.gatewatch.detect.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.match.Predicate.Op;
import io.gatewatch.detect.match.Predicate.Position;
import io.gatewatch.detect.match.Predicate.TimePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The compiled matcher (shared leaves, hash maps, automata, tries, candidate index, short-cut
 * evaluation) agrees with {@link NaiveInterpreter} on random rules and random events. Values
 * come from a tiny alphabet, so that patterns, events and rules collide often.
 */
class CompiledRulesPropertyTest {
    private static final String[] FIELDS = {"user.name", "url.original", "event.code", "event.category", "labels.x",
        Predicate.KEYWORDS, "message", "source.ip", "http.response.status_code", "@timestamp"};
    private static final String CHARS = "abAB-/.é*?\\K\u212a";
    private static final String[] IPS = {"10.0.0.1", "10.1.2.3", "192.168.1.20", "2001:db8::1", "2001:db8:1::5",
        "::ffff:10.0.0.7", "fe80::1%eth0", "not-an-ip", "010.0.0.1", "300.1.1.1"};
    private static final String[] NETWORKS = {"10.0.0.0/8", "10.0.0.0/24", "10.0.0.1", "192.168.0.0/16", "0.0.0.0/0",
        "2001:db8::/32", "2001:db8::/48", "::/0", "fe80::/10", "10.1.2.3/32"};
    /** The last ones hold literals of three chars or more, which file and guard them by those literals. */
    private static final String[] REGEXES = {"^a", "b$", "a.b", "(?:a|B)+-", "[a-b]{2}", "\\d+", "^$", "é",
        "aba", "(?:abA|bAB)+", "^b\\.a-?", "(?i)abk", "[ab]{2}(ab|ba)a"};

    @Property(tries = 400)
    void compiledMatcher_agreesWithTheNaiveInterpreter(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Expr> rules = new ArrayList<>();
        int n = 1 + rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            rules.add(expr(rnd, 3));
        }
        CompiledRules compiled = CompiledRules.compile(rules);
        RuleMatcher matcher = compiled.newMatcher();
        for (int k = 0; k < 25; k++) {
            EcsEvent event = event(rnd);
            int[] expected = IntStream.range(0, rules.size())
                    .filter(i -> NaiveInterpreter.eval(rules.get(i), event)).toArray();
            assertThat(matcher.match(event)).as("seed %d, event %s, rules %s", seed, event, rules)
                    .containsExactly(expected);
        }
    }

    static Expr expr(Random rnd, int depth) {
        int kind = depth == 0 ? 0 : rnd.nextInt(6);
        return switch (kind) {
            case 1 -> new Expr.And(children(rnd, depth));
            case 2 -> new Expr.Or(children(rnd, depth));
            case 3 -> new Expr.Not(expr(rnd, depth - 1));
            default -> new Expr.Test(predicate(rnd));
        };
    }

    private static List<Expr> children(Random rnd, int depth) {
        List<Expr> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(expr(rnd, depth - 1));
        }
        return out;
    }

    static Predicate predicate(Random rnd) {
        String field = FIELDS[rnd.nextInt(FIELDS.length)];
        return switch (rnd.nextInt(14)) {
            case 0 -> new Predicate.Regex(field, REGEXES[rnd.nextInt(REGEXES.length)], rnd.nextBoolean(),
                    rnd.nextBoolean(), rnd.nextBoolean());
            case 1 -> new Predicate.Cidr(rnd.nextBoolean() ? "source.ip" : field, NETWORKS[rnd.nextInt(NETWORKS.length)]);
            case 2 -> new Predicate.Exists(field);
            case 3 -> new Predicate.Empty(field);
            case 4 -> new Predicate.Compare(field, Op.values()[rnd.nextInt(Op.values().length)], rnd.nextInt(600) - 50,
                    rnd.nextInt(4) == 0 ? TimePart.values()[rnd.nextInt(TimePart.values().length)] : null);
            case 5 -> new Predicate.FieldRef(field, FIELDS[rnd.nextInt(5)],
                    Position.values()[rnd.nextInt(Position.values().length)], rnd.nextBoolean());
            default -> new Predicate.Matches(field, pattern(rnd), rnd.nextInt(4) == 0);
        };
    }

    /** A pattern of the matcher's syntax: literals, stars, question marks and escapes. */
    private static String pattern(Random rnd) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextInt(3) == 0) {
            sb.append('*');
        }
        int len = rnd.nextInt(5);
        for (int i = 0; i < len; i++) {
            int r = rnd.nextInt(10);
            if (r == 0) {
                sb.append('*');
            } else if (r == 1) {
                sb.append('?');
            } else if (r == 2) {
                sb.append('\\').append("*?\\".charAt(rnd.nextInt(3)));
            } else {
                char c = CHARS.charAt(rnd.nextInt(CHARS.length()));
                if (c == '*' || c == '?' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        if (rnd.nextInt(3) == 0) {
            sb.append('*');
        }
        return sb.toString();
    }

    private static String text(Random rnd, int max) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(max + 1);
        for (int i = 0; i < len; i++) {
            sb.append(CHARS.charAt(rnd.nextInt(CHARS.length())));
        }
        return sb.toString();
    }

    static EcsEvent event(Random rnd) {
        EcsEvent e = new EcsEvent();
        if (rnd.nextBoolean()) {
            e.set(EcsField.USER_NAME, text(rnd, 5));
        }
        if (rnd.nextBoolean()) {
            e.set(EcsField.URL_ORIGINAL, text(rnd, 8));
        }
        if (rnd.nextBoolean()) {
            e.set(EcsField.EVENT_CODE, rnd.nextBoolean() ? text(rnd, 3) : String.valueOf(rnd.nextInt(300)));
        }
        int categories = rnd.nextInt(3);
        for (int i = 0; i < categories; i++) {
            e.add(EcsField.EVENT_CATEGORY, text(rnd, 3));
        }
        if (rnd.nextBoolean()) {
            e.putLabel(EcsField.LABELS, "x", text(rnd, 4));
        }
        if (rnd.nextBoolean()) {
            e.set(EcsField.MESSAGE, text(rnd, 10));
        }
        if (rnd.nextBoolean()) {
            e.set(EcsField.EVENT_ORIGINAL, text(rnd, 10));
        }
        if (rnd.nextBoolean()) {
            e.set(EcsField.SOURCE_IP, IPS[rnd.nextInt(IPS.length)]);
        }
        if (rnd.nextBoolean()) {
            e.setLong(EcsField.HTTP_RESPONSE_STATUS_CODE, rnd.nextInt(600) - 50);
        }
        if (rnd.nextBoolean()) {
            e.setLong(EcsField.TIMESTAMP, 1_700_000_000_000L + rnd.nextLong(100_000_000_000L));
        }
        return e;
    }
}

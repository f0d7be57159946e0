package io.gatewatch.bench;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.correlation.CorrelationEngine;
import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.event.EventFields;
import io.gatewatch.detect.match.Expr;
import io.gatewatch.detect.match.Predicate;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.detect.sigma.SigmaRule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The baseline of {@link DetectBench}: a straightforward Sigma interpreter, as one would first
 * write it. Every rule is evaluated on every event by walking its condition tree; each test reads
 * its field from the event by name and compares each value with {@code String} operations on a
 * lower-cased copy ({@code equals}, {@code contains}, {@code startsWith}, {@code endsWith}), or
 * with {@code java.util.regex} for wildcard patterns and {@code re}; CIDR tests parse the address
 * with {@link InetAddress}. Nothing is shared between rules or remembered between tests.
 *
 * <p>It is not a straw man: literals are lower-cased and patterns compiled once, when the rules
 * load, and the trees are the loader's own (search identifiers and {@code 1 of} already inlined),
 * so it reads the same rules with the same meaning. The benchmark's test checks that it raises
 * exactly the engine's alerts on the whole corpus. What it does with a match is the engine's
 * {@code Detector}'s: an alert, and the correlation engine for the rules correlations use.
 */
final class NaiveDetector {
    private final List<SigmaRule> rules;
    private final List<Node> conditions;
    private final CorrelationEngine correlations;
    private final boolean[] alerting;
    private final boolean[] correlated;

    NaiveDetector(RuleSet ruleSet) {
        rules = ruleSet.rules();
        conditions = rules.stream().map(r -> node(r.condition())).toList();
        List<CorrelationRule> c = ruleSet.correlations();
        correlations = c.isEmpty() ? null : new CorrelationEngine(c);
        Set<String> referenced = new HashSet<>();
        c.forEach(r -> referenced.addAll(r.rules()));
        alerting = new boolean[rules.size()];
        correlated = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            SigmaRule r = rules.get(i);
            alerting[i] = correlations == null || !correlations.suppressed(r.id(), r.name());
            correlated[i] = referenced.contains(r.id()) || r.name() != null && referenced.contains(r.name());
        }
    }

    /** The alerts of one event, in the order the engine's {@code Detector} gives them. */
    List<Alert> evaluate(EcsEvent event) {
        List<Alert> alerts = null;
        List<Alert> fromCorrelations = null;
        for (int i = 0; i < conditions.size(); i++) {
            if (!conditions.get(i).eval(event)) {
                continue;
            }
            SigmaRule rule = rules.get(i);
            long time = event.has(EcsField.TIMESTAMP) ? event.getLong(EcsField.TIMESTAMP, 0) : 0L;
            if (alerts == null) {
                alerts = new ArrayList<>();
            }
            if (alerting[i]) {
                alerts.add(new Alert(rule.id(), rule.title(), rule.level(), rule.tags(), time, List.of(event), Map.of(),
                        null));
            }
            if (correlated[i]) {
                List<Alert> more = correlations.onMatch(rule.id(), rule.name(), event, time);
                if (!more.isEmpty()) {
                    if (fromCorrelations == null) {
                        fromCorrelations = new ArrayList<>();
                    }
                    fromCorrelations.addAll(more);
                }
            }
        }
        if (alerts == null) {
            return List.of();
        }
        if (fromCorrelations != null) {
            alerts.addAll(fromCorrelations);
        }
        return alerts;
    }

    // ---- the condition tree ----------------------------------------------------------------------

    private sealed interface Node {
        boolean eval(EcsEvent event);
    }

    private record All(List<Node> children) implements Node {
        @Override
        public boolean eval(EcsEvent event) {
            for (Node c : children) {
                if (!c.eval(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Any(List<Node> children) implements Node {
        @Override
        public boolean eval(EcsEvent event) {
            for (Node c : children) {
                if (c.eval(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Not(Node child) implements Node {
        @Override
        public boolean eval(EcsEvent event) {
            return !child.eval(event);
        }
    }

    /** A test of one field: its values, read from the event by name each time. */
    private record Test(String field, FieldTest test) implements Node {
        @Override
        public boolean eval(EcsEvent event) {
            return test.test(values(event, field), event);
        }
    }

    private interface FieldTest {
        boolean test(List<String> values, EcsEvent event);
    }

    /** A test that holds when one of the field's values passes it. */
    private interface ValueTest extends FieldTest {
        boolean test(String value);

        @Override
        default boolean test(List<String> values, EcsEvent event) {
            for (String v : values) {
                if (test(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Node node(Expr e) {
        return switch (e) {
            case Expr.And a -> new All(a.children().stream().map(NaiveDetector::node).toList());
            case Expr.Or o -> new Any(o.children().stream().map(NaiveDetector::node).toList());
            case Expr.Not n -> new Not(node(n.child()));
            case Expr.Test t -> new Test(t.predicate().field(), test(t.predicate()));
        };
    }

    private static FieldTest test(Predicate p) {
        return switch (p) {
            case Predicate.Matches m -> matches(m.pattern(), m.cased());
            case Predicate.Regex r -> {
                int flags = (r.ignoreCase() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                        | (r.multiline() ? Pattern.MULTILINE : 0) | (r.dotAll() ? Pattern.DOTALL : 0);
                Pattern pattern = Pattern.compile(r.regex(), flags);
                yield (ValueTest) v -> pattern.matcher(v).find();
            }
            case Predicate.Cidr c -> cidr(c.network());
            case Predicate.Exists x -> (values, event) -> !values.isEmpty();
            case Predicate.Empty x -> (values, event) -> values.isEmpty() || values.contains("");
            case Predicate.Compare c -> (ValueTest) v -> compare(v, c);
            case Predicate.FieldRef f -> (values, event) -> {
                for (String v : values) {
                    for (String o : values(event, f.other())) {
                        String a = f.cased() ? v : v.toLowerCase(Locale.ROOT);
                        String b = f.cased() ? o : o.toLowerCase(Locale.ROOT);
                        boolean same = switch (f.position()) {
                            case EQUALS -> a.equals(b);
                            case CONTAINS -> a.contains(b);
                            case STARTS_WITH -> a.startsWith(b);
                            case ENDS_WITH -> a.endsWith(b);
                        };
                        if (same) {
                            return true;
                        }
                    }
                }
                return false;
            };
        };
    }

    /** {@code message} and {@code event.original} for keyword searches, else the named field. */
    private static List<String> values(EcsEvent event, String field) {
        if (field.isEmpty()) {
            List<String> out = new ArrayList<>(EventFields.values(event, "message"));
            out.addAll(EventFields.values(event, "event.original"));
            return out;
        }
        return EventFields.values(event, field);
    }

    /**
     * A Sigma wildcard pattern: {@code abc}, {@code abc*}, {@code *abc}, {@code *abc*} as the
     * matching {@code String} method on the lower-cased value, anything else as a regex.
     */
    private static ValueTest matches(String pattern, boolean cased) {
        List<Token> tokens = Token.of(pattern);
        boolean leading = !tokens.isEmpty() && tokens.getFirst().is('*');
        boolean trailing = tokens.size() > (leading ? 1 : 0) && tokens.getLast().is('*');
        List<Token> inner = tokens.subList(leading ? 1 : 0, tokens.size() - (trailing ? 1 : 0));
        if (inner.isEmpty() && (leading || trailing) || inner.stream().anyMatch(Token::wildcard)) {
            StringBuilder regex = new StringBuilder();
            for (Token t : tokens) {
                regex.append(t.is('*') ? ".*" : t.is('?') ? "." : Pattern.quote(String.valueOf(t.c())));
            }
            Pattern p = Pattern.compile(regex.toString(),
                    Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            return v -> p.matcher(v).matches();
        }
        StringBuilder sb = new StringBuilder();
        inner.forEach(t -> sb.append(t.c()));
        String lit = cased ? sb.toString() : sb.toString().toLowerCase(Locale.ROOT);
        if (leading && trailing) {
            return v -> (cased ? v : v.toLowerCase(Locale.ROOT)).contains(lit);
        } else if (leading) {
            return v -> (cased ? v : v.toLowerCase(Locale.ROOT)).endsWith(lit);
        } else if (trailing) {
            return v -> (cased ? v : v.toLowerCase(Locale.ROOT)).startsWith(lit);
        }
        return cased ? lit::equals : lit::equalsIgnoreCase;
    }

    /** A char of a wildcard pattern: a literal one (escapes resolved), or an unescaped {@code *} or {@code ?}. */
    private record Token(char c, boolean wildcard) {
        boolean is(char w) {
            return wildcard && c == w;
        }

        static List<Token> of(String pattern) {
            List<Token> out = new ArrayList<>(pattern.length());
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                    out.add(new Token(pattern.charAt(++i), false));
                } else {
                    out.add(new Token(c, c == '*' || c == '?'));
                }
            }
            return out;
        }
    }

    private static ValueTest cidr(String network) {
        int slash = network.indexOf('/');
        byte[] net = address(slash < 0 ? network : network.substring(0, slash));
        int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(network.substring(slash + 1));
        return v -> {
            byte[] a = address(v);
            if (a == null || a.length != net.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((a[bit / 8] & mask) != (net[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * The bytes of an IP literal (an IPv4-mapped IPv6 address gives IPv4 bytes), or null. Only
     * literals reach {@link InetAddress#getByName}, which would otherwise resolve host names.
     */
    private static byte[] address(String s) {
        boolean v6 = s.indexOf(':') >= 0;
        if (s.isEmpty() || !(v6 ? s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                : DOTTED_QUAD.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private static boolean compare(String v, Predicate.Compare c) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return false;
        }
        if (c.part() != null) {
            ZonedDateTime t = Instant.ofEpochMilli((long) d).atZone(ZoneOffset.UTC);
            d = switch (c.part()) {
                case MINUTE -> t.getMinute();
                case HOUR -> t.getHour();
                case DAY -> t.getDayOfMonth();
                case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> t.getMonthValue();
                case YEAR -> t.getYear();
            };
        }
        return switch (c.op()) {
            case LT -> d < c.value();
            case LTE -> d <= c.value();
            case GT -> d > c.value();
            case GTE -> d >= c.value();
            case EQ -> d == c.value();
        };
    }
}

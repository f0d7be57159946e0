package io.gatewatch.detect.match;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.event.EventFields;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference semantics of {@link Expr}, written as plainly as possible: every rule on every
 * event, every predicate straight from its definition, nothing shared or indexed. The compiled
 * matcher must agree with it on any rule and any event.
 */
final class NaiveInterpreter {
    private NaiveInterpreter() {}

    static boolean eval(Expr e, EcsEvent event) {
        return switch (e) {
            case Expr.And a -> a.children().stream().allMatch(c -> eval(c, event));
            case Expr.Or o -> o.children().stream().anyMatch(c -> eval(c, event));
            case Expr.Not n -> !eval(n.child(), event);
            case Expr.Test t -> test(t.predicate(), event);
        };
    }

    static List<String> values(EcsEvent event, String field) {
        if (field.isEmpty()) {
            List<String> out = new ArrayList<>(EventFields.values(event, "message"));
            out.addAll(EventFields.values(event, "event.original"));
            return out;
        }
        return EventFields.values(event, field);
    }

    static boolean test(Predicate p, EcsEvent event) {
        List<String> values = values(event, p.field());
        return switch (p) {
            case Predicate.Matches m -> values.stream().anyMatch(v -> glob(m.pattern(), 0, v, 0, m.cased()));
            case Predicate.Regex r -> values.stream().anyMatch(v -> r.compile().matcher(v).find());
            case Predicate.Cidr c -> values.stream().anyMatch(v -> inNetwork(v, c.network()));
            case Predicate.Exists x -> !values.isEmpty();
            case Predicate.Empty x -> values.isEmpty() || values.contains("");
            case Predicate.Compare c -> values.stream().anyMatch(v -> compare(v, c));
            case Predicate.FieldRef f -> values.stream().anyMatch(v -> values(event, f.other()).stream()
                    .anyMatch(o -> fieldRef(v, o, f)));
        };
    }

    /** Recursive glob matching over the pattern syntax: exponential in the worst case, obviously right. */
    static boolean glob(String p, int pi, String v, int vi, boolean cased) {
        if (pi == p.length()) {
            return vi == v.length();
        }
        char c = p.charAt(pi);
        if (c == '*') {
            for (int k = vi; k <= v.length(); k++) {
                if (glob(p, pi + 1, v, k, cased)) {
                    return true;
                }
            }
            return false;
        }
        if (vi == v.length()) {
            return false;
        }
        if (c == '?') {
            return glob(p, pi + 1, v, vi + 1, cased);
        }
        if (c == '\\') {
            c = p.charAt(++pi);
        }
        boolean same = cased ? c == v.charAt(vi) : String.valueOf(c).equalsIgnoreCase(String.valueOf(v.charAt(vi)));
        return same && glob(p, pi + 1, v, vi + 1, cased);
    }

    private static boolean inNetwork(String value, String network) {
        byte[] a = new byte[16];
        byte[] n = new byte[16];
        int len = IpBytes.parse(value, a);
        int prefix = IpBytes.parseNetwork(network, n);
        boolean v6Net = network.contains(":");
        if (len == 16 && !v6Net && IpBytes.isV4Mapped(a)) {
            System.arraycopy(a, 12, a, 0, 4);
            len = 4;
        }
        if (len == 0 || (len == 16) != v6Net) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean compare(String v, Predicate.Compare c) {
        double d;
        try {
            if (!v.matches("[-+]?[0-9]*\\.?[0-9]*") || !v.matches(".*[0-9].*") || v.length() > 40) {
                return false;
            }
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
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

    private static boolean fieldRef(String v, String o, Predicate.FieldRef f) {
        String a = f.cased() ? v : foldChars(v);
        String b = f.cased() ? o : foldChars(o);
        return switch (f.position()) {
            case EQUALS -> a.equals(b);
            case CONTAINS -> a.contains(b);
            case STARTS_WITH -> a.startsWith(b);
            case ENDS_WITH -> a.endsWith(b);
        };
    }

    private static String foldChars(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(Character.toLowerCase(Character.toUpperCase(c)));
        }
        return sb.toString();
    }
}

package io.gatewatch.detect.cti;

import io.gatewatch.detect.cti.StixPattern.Comparison;
import io.gatewatch.detect.cti.StixPattern.Composite;
import io.gatewatch.detect.cti.StixPattern.Expression;
import io.gatewatch.detect.cti.StixPattern.Junction;
import io.gatewatch.detect.cti.StixPattern.Literal;
import io.gatewatch.detect.cti.StixPattern.LiteralKind;
import io.gatewatch.detect.cti.StixPattern.Observation;
import io.gatewatch.detect.cti.StixPattern.ObservationOperator;
import io.gatewatch.detect.cti.StixPattern.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reduces a parsed pattern to the atoms an event can be matched on one at a time, which is what
 * real IOC feeds publish: a disjunction of equality, {@code IN} or {@code ISSUBSET} tests on one
 * observable. Everything else parses but is not matched (see {@link #reduce}).
 */
final class PatternAtoms {
    static final int MAX_ATOMS = 1024;

    private PatternAtoms() {}

    /** The atoms, or why the pattern is not matched per event. */
    sealed interface Reduction permits Matched, Unsupported, InvalidValue {}

    record Matched(List<Atom> atoms) implements Reduction {}

    record Unsupported(String reason) implements Reduction {}

    /** A matchable test whose value is not what its type says (an IP that is not one): the indicator is refused. */
    record InvalidValue(String reason) implements Reduction {}

    private static final String INVALID = "invalid ";

    /**
     * Matched: observations joined by OR (no qualifiers), each a bracket whose tests are joined by
     * OR, each test {@code =}, {@code IN} or {@code ISSUBSET} (not negated) on {@code ipv4-addr:value},
     * {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value}, {@code file:hashes.*}
     * (MD5, SHA-1, SHA-256, SHA-512), {@code email-addr:value} or {@code user-account:user_id}.
     * Not matched: AND and FOLLOWEDBY between observations and AND inside a bracket (they need
     * several observables at once), qualifiers (they need a window of events), negation, {@code !=},
     * ordering operators, {@code LIKE}, {@code MATCHES}, {@code ISSUPERSET}, {@code EXISTS}, and other
     * object paths.
     */
    static Reduction reduce(Expression e) {
        List<Atom> atoms = new ArrayList<>();
        String reason = observations(e, atoms);
        if (reason != null) {
            return reason.startsWith(INVALID) ? new InvalidValue(reason) : new Unsupported(reason);
        }
        return atoms.isEmpty() ? new Unsupported("no observable to match") : new Matched(atoms);
    }

    private static String observations(Expression e, List<Atom> atoms) {
        if (!e.qualifiers().isEmpty()) {
            return "qualifier " + e.qualifiers().get(0).kind() + " needs a window of events";
        }
        if (e instanceof Composite c) {
            if (c.operator() != ObservationOperator.OR) {
                return "observations joined by " + c.operator() + " need several events";
            }
            for (Expression part : c.parts()) {
                String r = observations(part, atoms);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        return comparison(((Observation) e).comparison(), atoms);
    }

    private static String comparison(Comparison c, List<Atom> atoms) {
        if (c instanceof Junction j) {
            if (j.and()) {
                return "AND inside an observation needs several properties at once";
            }
            for (Comparison part : j.parts()) {
                String r = comparison(part, atoms);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        Test t = (Test) c;
        if (t.negated()) {
            return "negated test on " + t.objectPath();
        }
        Atom.Kind kind = kind(t);
        if (kind == null) {
            return "object path " + t.objectPath() + " is not matched";
        }
        boolean cidrOk = kind == Atom.Kind.IPV4 || kind == Atom.Kind.IPV6;
        switch (t.operator()) {
            case "=", "IN" -> { }
            case "ISSUBSET" -> {
                if (!cidrOk) {
                    return "ISSUBSET on " + t.objectPath();
                }
            }
            default -> {
                return "operator " + t.operator() + " on " + t.objectPath() + " is not matched";
            }
        }
        for (Literal l : t.values()) {
            if (l.kind() != LiteralKind.STRING) {
                return "non-string literal for " + t.objectPath();
            }
            String v = normalize(kind, t, l.text());
            if (v == null) {
                return INVALID + kind.stixType() + " value '" + abbreviate(l.text()) + "'";
            }
            if (atoms.size() >= MAX_ATOMS) {
                return "more than " + MAX_ATOMS + " observables in one pattern";
            }
            atoms.add(new Atom(kind, v));
        }
        return null;
    }

    private static Atom.Kind kind(Test t) {
        List<String> p = t.path();
        return switch (t.objectType()) {
            case "ipv4-addr" -> p.equals(List.of("value")) ? Atom.Kind.IPV4 : null;
            case "ipv6-addr" -> p.equals(List.of("value")) ? Atom.Kind.IPV6 : null;
            case "domain-name" -> p.equals(List.of("value")) ? Atom.Kind.DOMAIN : null;
            case "url" -> p.equals(List.of("value")) ? Atom.Kind.URL : null;
            case "email-addr" -> p.equals(List.of("value")) ? Atom.Kind.EMAIL : null;
            case "user-account" -> p.equals(List.of("user_id")) ? Atom.Kind.USER : null;
            case "file" -> p.size() == 2 && p.get(0).equals("hashes") && hashName(p.get(1)) != null ? Atom.Kind.FILE_HASH : null;
            default -> null;
        };
    }

    /** STIX hash names ({@code 'SHA-256'}) and the unquoted spellings feeds also use ({@code SHA256}). */
    static String hashName(String name) {
        return switch (name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "MD5" -> "md5";
            case "SHA1" -> "sha1";
            case "SHA256" -> "sha256";
            case "SHA512" -> "sha512";
            default -> null;
        };
    }

    private static String normalize(Atom.Kind kind, Test t, String v) {
        if (v.isEmpty() || v.length() > 4096) {
            return null;
        }
        return switch (kind) {
            case IPV4 -> text(IpPrefix.parseV4(v));
            case IPV6 -> text(IpPrefix.parseV6(v));
            case DOMAIN -> Domains.normalize(v);
            case URL -> v;
            case EMAIL -> v.indexOf('@') > 0 ? v.toLowerCase(Locale.ROOT) : null;
            case USER -> v;
            case FILE_HASH -> {
                String algo = hashName(t.path().get(1));
                for (int i = 0; i < v.length(); i++) {
                    if (Character.digit(v.charAt(i), 16) < 0) {
                        yield null;
                    }
                }
                yield algo + ":" + v.toLowerCase(Locale.ROOT);
            }
        };
    }

    private static String text(IpPrefix p) {
        return p == null ? null : p.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}

package io.gatewatch.server.cti;

import io.gatewatch.detect.cti.Atom;
import io.gatewatch.detect.cti.Indicator;
import java.util.ArrayList;
import java.util.List;

/**
 * The events query that finds an indicator's candidates among stored events: one clause per atom
 * on the fields the live matcher reads. It may find more than the matcher would accept (validity,
 * case); the hunt re-checks every hit with the matcher itself, so the two can never disagree.
 */
final class HuntQuery {
    private HuntQuery() {}

    /** The query, or null when no atom has a field to search (file hashes). */
    static String of(Indicator indicator) {
        List<String> clauses = new ArrayList<>();
        for (Atom a : indicator.atoms()) {
            String v = a.value();
            switch (a.kind()) {
                case IPV4, IPV6 -> {
                    if (!indicator.destinationOnly()) {
                        clauses.add("source.ip:" + phrase(v));
                        clauses.add("host.ip:" + phrase(v));
                    }
                    clauses.add("destination.ip:" + phrase(v));
                }
                case DOMAIN -> {
                    for (String field : List.of("destination.domain", "url.domain")) {
                        clauses.add(field + ":" + phrase(v));
                        if (v.indexOf('.') > 0) { // a bare top-level domain covers no subdomain (as in the matcher)
                            clauses.add(field + ":*." + escaped(v));
                        }
                    }
                }
                case URL -> clauses.add("url.original:" + phrase(v));
                case USER, EMAIL -> clauses.add("user.name:" + phrase(v));
                case FILE_HASH -> {
                    // Connect Secure events carry no file hash.
                }
            }
        }
        return clauses.isEmpty() ? null : String.join(" OR ", clauses);
    }

    /** A quoted value: only {@code "} and {@code \} need a backslash inside quotes. */
    static String phrase(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** A bare value after a wildcard: every character but letters, digits, '.', '-' and '_' escaped. */
    static String escaped(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}

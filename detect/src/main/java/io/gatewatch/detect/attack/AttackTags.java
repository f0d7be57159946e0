package io.gatewatch.detect.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads ATT&CK ids out of Sigma tags. The Sigma tag convention
 * (sigma-specification, appendix "Tags") writes techniques as {@code attack.t1110.001} and tactics
 * by their short name, {@code attack.credential-access}; groups ({@code attack.g0001}) and
 * software ({@code attack.s0001}) are not techniques and are ignored here.
 */
public final class AttackTags {
    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.t(\\d{4})(\\.\\d{3})?");
    /** The enterprise tactics, by the short names the Navigator and Sigma tags both use. */
    static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access", "execution",
            "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery",
            "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");

    private AttackTags() {}

    /** The technique ids the tags name, as ATT&CK writes them ({@code T1110.001}), in tag order, no repeats. */
    public static List<String> techniques(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            var m = TECHNIQUE.matcher(tag.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                String id = "T" + m.group(1) + (m.group(2) == null ? "" : m.group(2));
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** The tactics the tags name ({@code credential-access}), in tag order, no repeats. */
    public static List<String> tactics(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (t.startsWith("attack.")) {
                String name = t.substring("attack.".length()).replace('_', '-');
                if (TACTICS.contains(name) && !out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** The parent of a sub-technique ({@code T1110.001} → {@code T1110}); a technique is its own parent. */
    public static String parent(String techniqueId) {
        int dot = techniqueId.indexOf('.');
        return dot < 0 ? techniqueId : techniqueId.substring(0, dot);
    }
}

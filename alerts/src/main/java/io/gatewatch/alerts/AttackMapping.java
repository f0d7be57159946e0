package io.gatewatch.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ATT&CK techniques and tactics a rule's tags name: {@code attack.t1110.003} is technique
 * {@code T1110.003}, {@code attack.credential-access} the tactic {@code credential-access}; other
 * {@code attack.*} tags (groups {@code g0016}, software {@code s0002}) are neither.
 */
public record AttackMapping(List<String> techniques, List<String> tactics) {
    private static final Set<String> TACTICS = Set.of("reconnaissance", "resource-development", "initial-access",
            "execution", "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery",
            "lateral-movement", "collection", "command-and-control", "exfiltration", "impact");

    public AttackMapping {
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
    }

    static AttackMapping fromTags(List<String> tags) {
        List<String> techniques = new ArrayList<>();
        List<String> tactics = new ArrayList<>();
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (!t.startsWith("attack.")) {
                continue;
            }
            String rest = t.substring(7).replace('_', '-');
            if (rest.matches("t\\d{4}(\\.\\d{3})?")) {
                add(techniques, rest.toUpperCase(Locale.ROOT));
            } else if (TACTICS.contains(rest)) {
                add(tactics, rest);
            }
        }
        return new AttackMapping(techniques, tactics);
    }

    private static void add(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}

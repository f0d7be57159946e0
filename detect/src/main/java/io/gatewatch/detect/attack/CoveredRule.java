package io.gatewatch.detect.attack;

import java.util.List;
import java.util.Objects;

/**
 * A rule that raises alerts, with what its tags say about ATT&CK.
 *
 * @param id the rule's id (a correlation without one: its name)
 * @param title its title
 * @param level its Sigma level; empty when a correlation has none
 * @param correlation whether it is a correlation rule
 * @param techniques technique ids from its tags, as tagged ({@code T1110.001})
 * @param tactics tactic short names from its tags
 */
public record CoveredRule(String id, String title, String level, boolean correlation, List<String> techniques,
        List<String> tactics) {
    public CoveredRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        level = level == null ? "" : level;
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
    }
}

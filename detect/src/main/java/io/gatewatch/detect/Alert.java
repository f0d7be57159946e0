package io.gatewatch.detect;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule raised: the rule, when, the events that made it fire, and for a correlation the
 * values of its {@code group-by} fields. The alerts store groups these by similarity later.
 *
 * @param ruleId the rule's stable id
 * @param ruleTitle its title
 * @param level Sigma level: informational, low, medium, high, critical
 * @param tags the rule's tags (ATT&CK: {@code attack.t1110}, {@code attack.credential-access})
 * @param timestampMillis event time of the (last) event that raised it
 * @param events the matched events: one for a single-event rule, a bounded sample for a correlation
 * @param group group-by field values of a correlation; empty for a single-event rule
 * @param correlationType {@code event_count}, {@code value_count}, {@code temporal},
 *     {@code temporal_ordered}; null for a single-event rule
 */
public record Alert(String ruleId, String ruleTitle, String level, List<String> tags, long timestampMillis,
        List<EcsEvent> events, Map<String, String> group, String correlationType) {
    public Alert {
        Objects.requireNonNull(ruleId, "ruleId");
        tags = List.copyOf(tags);
        events = List.copyOf(events);
        group = Map.copyOf(group);
    }
}

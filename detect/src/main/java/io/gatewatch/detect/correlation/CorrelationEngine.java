package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.Alert;
import java.util.List;

/**
 * Runs correlation rules over the matches of single-event rules, as they arrive. Placeholder of
 * the interface; the engine is being written.
 */
public final class CorrelationEngine {
    public CorrelationEngine(List<CorrelationRule> rules) {}

    /**
     * A single-event rule matched: returns the correlation alerts this completes (usually none).
     *
     * @param ruleId the matching rule's id
     * @param ruleName its name (may be null)
     * @param event the matched event
     * @param timestampMillis the event's time (its {@code @timestamp})
     */
    public List<Alert> onMatch(String ruleId, String ruleName, EcsEvent event, long timestampMillis) {
        return List.of();
    }
}

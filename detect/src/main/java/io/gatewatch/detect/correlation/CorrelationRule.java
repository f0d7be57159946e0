package io.gatewatch.detect.correlation;

import java.util.List;
import java.util.Map;

/**
 * A Sigma v2 correlation rule: counts or orders the matches of other rules within a time span,
 * grouped by field values.
 *
 * @param id stable id
 * @param name the name other correlations may refer to it by (may be null)
 * @param title title
 * @param level Sigma level
 * @param tags tags (ATT&CK)
 * @param type the correlation type
 * @param rules the referred rules, by name or id, in order (the order matters for temporal_ordered)
 * @param groupBy fields (or aliases) the matches are grouped by
 * @param timespanMillis the window
 * @param condition the count condition (event_count, value_count); null for temporal types
 * @param aliases alias name → (rule name or id → field in that rule's events)
 * @param generate whether the referred rules also raise their own alerts
 * @param file the file it came from, for messages
 * @param line the line of its document in that file
 */
public record CorrelationRule(String id, String name, String title, String level, List<String> tags, Type type,
        List<String> rules, List<String> groupBy, long timespanMillis, Condition condition,
        Map<String, Map<String, String>> aliases, boolean generate, String file, int line) {

    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED
    }

    /**
     * {@code count OP threshold}; for value_count, the count is of distinct values of {@code field}.
     *
     * @param op one of gt, gte, lt, lte, eq, neq
     */
    public record Condition(String op, long threshold, String field) {}
}

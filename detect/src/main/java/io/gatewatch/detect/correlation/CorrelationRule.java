package io.gatewatch.detect.correlation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigma v2 correlation rule: counts or orders the matches of other rules within a time span,
 * grouped by field values; or, with the gatewatch extension {@code value_first_seen}, remembers
 * the values of a field per group and flags the ones not seen before.
 *
 * @param id stable id (may be null: Sigma makes it optional; {@link #key()} falls back)
 * @param name the name other correlations may refer to it by (may be null)
 * @param title title
 * @param level Sigma level; null when the document has none
 * @param tags tags (ATT&CK)
 * @param type the correlation type
 * @param rules the referred rules, by name or id, in order (the order matters for temporal_ordered)
 * @param groupBy fields (or aliases) the matches are grouped by; empty: one group for all matches
 * @param timespanMillis the window; for value_first_seen, how long a value is remembered after it
 *     was last seen
 * @param learningMillis value_first_seen only (0 for the other types): how long a group only
 *     records values before a new one raises an alert
 * @param condition when the correlation holds; for the temporal types it counts the distinct
 *     referred rules that matched and defaults to "all of them"; for value_first_seen it names the
 *     remembered field and holds for one value not seen before ({@code gte: 1})
 * @param aliases alias name → (rule name or id → field in that rule's events)
 * @param generate whether the referred rules also raise their own alerts
 * @param file the file it came from, for messages
 * @param line the line of its document in that file
 */
public record CorrelationRule(String id, String name, String title, String level, List<String> tags, Type type,
        List<String> rules, List<String> groupBy, long timespanMillis, long learningMillis, Condition condition,
        Map<String, Map<String, String>> aliases, boolean generate, String file, int line) {

    public CorrelationRule {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        if (id == null && name == null) {
            throw new IllegalArgumentException("a correlation rule needs an id or a name: " + title);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a correlation rule refers to at least one rule: " + title);
        }
        if (timespanMillis <= 0) {
            throw new IllegalArgumentException("timespan must be positive: " + timespanMillis);
        }
        if (type == Type.VALUE_FIRST_SEEN ? learningMillis <= 0 : learningMillis != 0) {
            throw new IllegalArgumentException("a learning period is positive for value_first_seen and 0 for the "
                    + "other types: " + learningMillis);
        }
        if (type == Type.VALUE_FIRST_SEEN && condition.field() == null) {
            throw new IllegalArgumentException("value_first_seen remembers the values of a field: " + title);
        }
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        aliases.forEach((alias, byRule) -> copy.put(alias, Map.copyOf(byRule)));
        aliases = Map.copyOf(copy);
    }

    /** The id alerts carry and snapshots are keyed by: the id, else the name. */
    public String key() {
        return id != null ? id : name;
    }

    /**
     * The correlation types. The first four are Sigma's; {@link #VALUE_FIRST_SEEN} is a gatewatch
     * extension that other Sigma tools do not load. The order is part of the state file format
     * (a type is stored as its ordinal): new types go at the end.
     */
    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED,
        /** gatewatch extension: a value of a field not seen in its group within the timespan. */
        VALUE_FIRST_SEEN;

        /** The name in rules and alerts: {@code event_count}, {@code temporal_ordered}... */
        public String sigmaName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type named so in a rule, or null. */
        public static Type bySigmaName(String s) {
            for (Type t : values()) {
                if (t.sigmaName().equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * When a correlation holds: every criterion holds for the count (Sigma's range form, e.g.
     * {@code gt: 100, lte: 200}); for value_count the count is of distinct values of {@code field}.
     *
     * @param criteria one or more, all must hold
     * @param field value_count's counted field or value_first_seen's remembered field (or alias);
     *     null for the other types
     */
    public record Condition(List<Criterion> criteria, String field) {
        public Condition {
            criteria = List.copyOf(criteria);
            if (criteria.isEmpty()) {
                throw new IllegalArgumentException("a condition has at least one criterion");
            }
        }

        /** A single-criterion condition: {@code count OP value}. */
        public static Condition of(Op op, long value, String field) {
            return new Condition(List.of(new Criterion(op, value)), field);
        }

        public boolean test(long count) {
            for (Criterion c : criteria) {
                if (!c.op().test(count, c.value())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The smallest count of at least 1 for which the condition holds, or -1 if none. Counts
         * above the largest value named all evaluate alike, so the search ends there.
         */
        public long lowestFiring() {
            long max = 0;
            for (Criterion c : criteria) {
                max = Math.max(max, c.value());
            }
            for (long c = 1; c <= max + 1; c++) {
                if (test(c)) {
                    return c;
                }
            }
            return -1;
        }
    }

    /** @param value a count, never negative */
    public record Criterion(Op op, long value) {
        public Criterion {
            Objects.requireNonNull(op, "op");
            if (value < 0) {
                throw new IllegalArgumentException("a count is never negative: " + value);
            }
        }
    }

    public enum Op {
        GT, GTE, LT, LTE, EQ, NEQ;

        public String sigmaName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The operator named so in a rule, or null. */
        public static Op bySigmaName(String s) {
            for (Op o : values()) {
                if (o.sigmaName().equals(s)) {
                    return o;
                }
            }
            return null;
        }

        boolean test(long count, long value) {
            return switch (this) {
                case GT -> count > value;
                case GTE -> count >= value;
                case LT -> count < value;
                case LTE -> count <= value;
                case EQ -> count == value;
                case NEQ -> count != value;
            };
        }
    }
}

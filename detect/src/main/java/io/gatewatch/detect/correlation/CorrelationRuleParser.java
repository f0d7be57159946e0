package io.gatewatch.detect.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.detect.correlation.CorrelationRule.Condition;
import io.gatewatch.detect.correlation.CorrelationRule.Criterion;
import io.gatewatch.detect.correlation.CorrelationRule.Op;
import io.gatewatch.detect.correlation.CorrelationRule.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a correlation rule from its YAML document (a document with a top-level {@code correlation}
 * key), as the Sigma correlation rules specification (v2) describes it: {@code title}, {@code id},
 * {@code name}, {@code level}, {@code tags}, {@code generate} at the top (or {@code generate}
 * inside the section), and {@code correlation: {type, rules, group-by, timespan, condition,
 * aliases}}.
 *
 * <p>One extension, which other Sigma tools will not load: {@code type: value_first_seen}, with
 * {@code condition: {field: F}} and a {@code learning} period beside the {@code timespan} (see
 * {@link FirstSeenCorrelator}).
 *
 * <p>Stricter than the specification where a slip would silently change what fires: unknown keys
 * inside the {@code correlation} section (a misspelt {@code groupby}), duplicate rules or
 * group-by fields, and conditions that can never hold are errors. Other top-level keys
 * (description, references, custom fields) are ignored.
 */
public final class CorrelationRuleParser {
    /** Counts are kept per group up to the threshold; past this, state per group gets too big. */
    static final long MAX_THRESHOLD = 100_000;
    /** Windows longer than a year would keep groups for a year. */
    static final long MAX_TIMESPAN_MILLIS = 365L * 24 * 3600 * 1000;

    private static final Set<String> SECTION_KEYS =
            Set.of("type", "rules", "group-by", "timespan", "learning", "condition", "aliases", "generate");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> LATER_TYPES = Set.of("value_sum", "value_avg", "value_percentile", "value_median");

    private CorrelationRuleParser() {}

    /**
     * @param doc the YAML document
     * @param file the file name, for error messages
     * @param line the document's first line in the file
     * @throws IllegalArgumentException with a message naming the file, the line and the reason
     */
    public static CorrelationRule parse(JsonNode doc, String file, int line) {
        try {
            return read(doc, file, line);
        } catch (Invalid e) {
            throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage(), e);
        }
    }

    /** The reason alone; {@link #parse} adds where. */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private static CorrelationRule read(JsonNode doc, String file, int line) {
        if (doc == null || !doc.isObject()) {
            throw new Invalid("a correlation rule is a map of keys");
        }
        String title = text(doc, "title", true);
        if (title.isBlank()) {
            throw new Invalid("title is empty");
        }
        String id = text(doc, "id", false);
        String name = text(doc, "name", false);
        if (id == null && name == null) {
            throw new Invalid("no id: a correlation needs an id (or at least a name) to be alerted on and referred to");
        }
        String level = text(doc, "level", false);
        if (level != null && !LEVELS.contains(level)) {
            throw new Invalid("level '" + level + "' is not one of informational, low, medium, high, critical");
        }
        List<String> tags = strings(doc.get("tags"), "tags", false);

        JsonNode section = doc.get("correlation");
        if (section == null || !section.isObject()) {
            throw new Invalid("correlation must be a map with type, rules, timespan...");
        }
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            String key = e.getKey();
            if (!SECTION_KEYS.contains(key)) {
                throw new Invalid("correlation." + key + " is not a key of a correlation (expected one of "
                        + "type, rules, group-by, timespan, learning, condition, aliases, generate)");
            }
        }
        Type type = type(text(section, "type", true, "correlation."));
        List<String> rules = strings(section.get("rules"), "correlation.rules", true);
        if (rules.isEmpty()) {
            throw new Invalid("correlation.rules is empty: list the rules (ids or names) to correlate");
        }
        List<String> groupBy = strings(section.get("group-by"), "correlation.group-by", true);
        long timespan = duration("correlation.timespan", text(section, "timespan", true, "correlation."));
        long learning = learning(text(section, "learning", false, "correlation."), type);
        Map<String, Map<String, String>> aliases = aliases(section.get("aliases"), rules);
        Condition condition = type == Type.VALUE_FIRST_SEEN ? firstSeenCondition(section.get("condition"))
                : condition(section.get("condition"), type, rules.size());
        boolean generate = generate(doc.get("generate"), section.get("generate"));
        return new CorrelationRule(id, name, title, level, tags, type, rules, groupBy, timespan, learning, condition,
                aliases, generate, file, line);
    }

    private static Type type(String s) {
        Type t = Type.bySigmaName(s);
        if (t != null) {
            return t;
        }
        if (LATER_TYPES.contains(s)) {
            throw new Invalid("correlation.type '" + s + "' (Sigma 2.1) is not supported; supported: "
                    + "event_count, value_count, temporal, temporal_ordered, value_first_seen");
        }
        throw new Invalid("correlation.type '" + s + "' is not one of event_count, value_count, temporal, "
                + "temporal_ordered, value_first_seen");
    }

    /** value_first_seen's learning period: required there, refused elsewhere. */
    private static long learning(String s, Type type) {
        if (type != Type.VALUE_FIRST_SEEN) {
            if (s != null) {
                throw new Invalid("correlation.learning is only for value_first_seen, not " + type.sigmaName());
            }
            return 0;
        }
        if (s == null) {
            throw new Invalid("correlation.learning is missing: value_first_seen needs a learning period (e.g. 7d) "
                    + "during which a group only records values, so that a fresh start does not flag every value");
        }
        return duration("correlation.learning", s);
    }

    /** {@code <n><unit>}, unit one of s, m, h, d (the specification's lower-case letters). */
    private static long duration(String key, String s) {
        String bad = key + " '" + s + "' is not a whole number followed by s, m, h or d (e.g. 30s, 15m, 1h, 1d)";
        if (s.length() < 2 || s.length() > 10) {
            throw new Invalid(bad);
        }
        long unit = switch (s.charAt(s.length() - 1)) {
            case 's' -> 1000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> throw new Invalid(bad);
        };
        long n = 0;
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Invalid(bad);
            }
            n = n * 10 + (c - '0');
        }
        if (n == 0) {
            throw new Invalid(key + " '" + s + "' is zero");
        }
        if (n > MAX_TIMESPAN_MILLIS / unit) {
            throw new Invalid(key + " '" + s + "' is longer than 365d");
        }
        return n * unit;
    }

    /**
     * value_first_seen's condition names the remembered field and nothing else: it holds for one
     * value the group has not seen, which the returned condition states as {@code gte: 1}.
     */
    private static Condition firstSeenCondition(JsonNode node) {
        String missing = "correlation.condition.field is missing: value_first_seen remembers the values of a field "
                + "(e.g. condition: {field: source.ip})";
        if (node == null || node.isNull()) {
            throw new Invalid(missing);
        }
        if (!node.isObject()) {
            throw new Invalid("correlation.condition must be a map such as {field: source.ip}");
        }
        String field = null;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getKey().equals("field")) {
                throw new Invalid("correlation.condition." + e.getKey() + ": value_first_seen takes only a field (it "
                        + "fires on each value not seen in its group within the timespan)");
            }
            field = conditionField(e.getValue());
        }
        if (field == null) {
            throw new Invalid(missing);
        }
        return Condition.of(Op.GTE, 1, field);
    }

    private static Condition condition(JsonNode node, Type type, int ruleCount) {
        boolean temporal = type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED;
        if (node == null || node.isNull()) {
            if (temporal) {
                // Sigma's reference implementation default: every referred rule must match.
                return Condition.of(Op.GTE, ruleCount, null);
            }
            throw new Invalid("correlation.condition is missing: " + type.sigmaName() + " needs one (e.g. gte: 10)");
        }
        if (!node.isObject()) {
            throw new Invalid("correlation.condition must be a map such as {gte: 10}");
        }
        List<Criterion> criteria = new ArrayList<>();
        String field = null;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("field")) {
                field = conditionField(v);
                continue;
            }
            Op op = Op.bySigmaName(key);
            if (op == null) {
                throw new Invalid("correlation.condition." + key + " is not one of gt, gte, lt, lte, eq, neq, field");
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new Invalid("correlation.condition." + key + " must be a whole number of 0 or more, not '"
                        + v.asText() + "'");
            }
            if (v.longValue() > MAX_THRESHOLD) {
                throw new Invalid("correlation.condition." + key + " " + v.longValue() + " is above " + MAX_THRESHOLD
                        + " (matches are kept per group up to the threshold)");
            }
            criteria.add(new Criterion(op, v.longValue()));
        }
        if (criteria.isEmpty()) {
            throw new Invalid("correlation.condition has no gt, gte, lt, lte, eq or neq");
        }
        if (type == Type.VALUE_COUNT && field == null) {
            throw new Invalid(
                    "correlation.condition.field is missing: value_count counts the distinct values of a field");
        }
        if (type != Type.VALUE_COUNT && field != null) {
            throw new Invalid("correlation.condition.field is only for value_count, not " + type.sigmaName());
        }
        Condition c = new Condition(criteria, field);
        if (temporal) {
            // The count is of distinct referred rules: 1..ruleCount.
            boolean possible = false;
            for (long n = 1; n <= ruleCount; n++) {
                possible |= c.test(n);
            }
            if (!possible) {
                throw new Invalid("correlation.condition never holds: " + type.sigmaName() + " counts the referred "
                        + "rules that matched, 1 to " + ruleCount);
            }
            if (type == Type.TEMPORAL_ORDERED && !c.test(ruleCount)) {
                throw new Invalid("correlation.condition must hold for " + ruleCount + ": temporal_ordered fires when "
                        + "all its rules matched in order");
            }
            if (type == Type.TEMPORAL_ORDERED) {
                return Condition.of(Op.GTE, ruleCount, null);
            }
        } else if (c.lowestFiring() < 0) {
            throw new Invalid("correlation.condition never holds for a count of 1 or more (matches are counted as "
                    + "they arrive, so a window with none is never seen)");
        }
        return c;
    }

    private static String conditionField(JsonNode v) {
        if (v.isTextual() && !v.asText().isEmpty()) {
            return v.asText();
        }
        if (v.isArray() && v.size() == 1 && v.get(0).isTextual() && !v.get(0).asText().isEmpty()) {
            return v.get(0).asText();
        }
        if (v.isArray() && v.size() > 1) {
            throw new Invalid("correlation.condition.field: counting the values of several fields is not supported");
        }
        throw new Invalid("correlation.condition.field must be a field name");
    }

    private static Map<String, Map<String, String>> aliases(JsonNode node, List<String> rules) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new Invalid("correlation.aliases must map each alias to {rule name: field}");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String alias = e.getKey();
            String where = "correlation.aliases." + alias;
            if (alias.isEmpty()) {
                throw new Invalid("correlation.aliases has an empty alias name");
            }
            if (!e.getValue().isObject() || e.getValue().isEmpty()) {
                throw new Invalid(where + " must map rule names to fields, e.g. {failed_login: source.ip}");
            }
            Map<String, String> byRule = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
                if (!rules.contains(m.getKey())) {
                    throw new Invalid(where + "." + m.getKey() + ": the correlation does not refer to rule '"
                            + m.getKey() + "' (correlation.rules: " + rules + ")");
                }
                if (!m.getValue().isTextual() || m.getValue().asText().isEmpty()) {
                    throw new Invalid(where + "." + m.getKey() + " must be a field name");
                }
                byRule.put(m.getKey(), m.getValue().asText());
            }
            out.put(alias, byRule);
        }
        return out;
    }

    private static boolean generate(JsonNode top, JsonNode inSection) {
        Boolean a = bool(top, "generate");
        Boolean b = bool(inSection, "correlation.generate");
        if (a != null && b != null && !a.equals(b)) {
            throw new Invalid("generate is " + a + " but correlation.generate is " + b);
        }
        return a != null ? a : b != null && b;
    }

    private static Boolean bool(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new Invalid(where + " must be true or false, not '" + node.asText() + "'");
        }
        return node.booleanValue();
    }

    private static String text(JsonNode parent, String key, boolean required) {
        return text(parent, key, required, "");
    }

    private static String text(JsonNode parent, String key, boolean required, String prefix) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(prefix + key + " is missing");
            }
            return null;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new Invalid(prefix + key + " must be text");
        }
        return v.asText();
    }

    /** A list of distinct non-empty strings; a single string is a list of one. */
    private static List<String> strings(JsonNode v, String where, boolean unique) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.asText());
        } else if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.isNull() || item.isBoolean()) {
                    throw new Invalid(where + " must be a list of text");
                }
                out.add(item.asText());
            }
        } else {
            throw new Invalid(where + " must be a list of text");
        }
        Set<String> seen = new HashSet<>();
        for (String s : out) {
            if (s.isEmpty()) {
                throw new Invalid(where + " has an empty entry");
            }
            if (unique && !seen.add(s)) {
                throw new Invalid(where + " lists '" + s + "' twice");
            }
        }
        return out;
    }
}

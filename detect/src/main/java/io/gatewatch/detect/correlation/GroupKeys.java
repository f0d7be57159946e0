package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a match into its group key, and into the value value_count counts: the values of the
 * correlation's {@code group-by} fields (and counted field), each read from the field its alias
 * names for the matching rule, each bounded in length.
 *
 * <p>A key of one field is the value itself; of several, each value prefixed by its length as one
 * char, so that no value (attacker-controlled, it may contain any separator) can make two
 * different tuples one key. A match without a value for some group-by field has no group.
 */
final class GroupKeys {
    private final List<String> groupBy;
    private final Map<String, Map<String, String>> aliases;
    private final int maxChars;
    /** The names read: the group-by entries, then the counted field if any. */
    private final List<String> names;
    /**
     * Per referred rule, per name: the reader of the field it stands for; null when an alias
     * names that rule by a reference the correlation does not list (then resolved per match).
     */
    private final FieldReader[][] readers;
    /** Reused for every key (the engine runs one match at a time). */
    private final StringBuilder key = new StringBuilder(64);
    /** Readers of fields resolved per match. */
    private final Map<String, FieldReader> lateReaders = new HashMap<>();

    GroupKeys(CorrelationRule rule, int maxChars) {
        this.groupBy = rule.groupBy();
        this.aliases = rule.aliases();
        this.maxChars = maxChars;
        List<String> all = new ArrayList<>(groupBy);
        if (rule.condition().field() != null) {
            all.add(rule.condition().field());
        }
        this.names = List.copyOf(all);
        readers = new FieldReader[rule.rules().size()][names.size()];
        for (int r = 0; r < readers.length; r++) {
            for (int n = 0; n < names.size(); n++) {
                Map<String, String> byRule = aliases.get(names.get(n));
                String path = byRule == null ? names.get(n) : byRule.get(rule.rules().get(r));
                readers[r][n] = path == null ? null : new FieldReader(path);
            }
        }
    }

    /** The group key of a match of the referred rule at {@code ruleIndex}, or null when ungrouped. */
    String key(int ruleIndex, String ruleId, String ruleName, EcsEvent event) {
        int n = groupBy.size();
        if (n == 0) {
            return "";
        }
        if (n == 1) {
            return read(0, ruleIndex, ruleId, ruleName, event);
        }
        StringBuilder key = this.key;
        key.setLength(0);
        for (int g = 0; g < n; g++) {
            String v = read(g, ruleIndex, ruleId, ruleName, event);
            if (v == null) {
                return null;
            }
            key.append((char) v.length()).append(v);
        }
        return key.toString();
    }

    /**
     * The value of the counted field (value_count, value_first_seen), bounded; "" when the
     * correlation counts no field; null when the match has none.
     */
    String counted(int ruleIndex, String ruleId, String ruleName, EcsEvent event) {
        if (names.size() == groupBy.size()) {
            return "";
        }
        return read(groupBy.size(), ruleIndex, ruleId, ruleName, event);
    }

    private String read(int name, int ruleIndex, String ruleId, String ruleName, EcsEvent event) {
        FieldReader r = readers[ruleIndex][name];
        if (r == null) {
            r = lateReader(names.get(name), ruleId, ruleName);
            if (r == null) {
                return null;
            }
        }
        String v = r.first(event);
        return v == null || v.isEmpty() ? null : bound(v, maxChars);
    }

    /** An alias may name the matching rule by its name or id rather than as the correlation lists it. */
    private FieldReader lateReader(String alias, String ruleId, String ruleName) {
        Map<String, String> byRule = aliases.get(alias);
        String path = ruleName == null ? null : byRule.get(ruleName);
        if (path == null && ruleId != null) {
            path = byRule.get(ruleId);
        }
        return path == null ? null : lateReaders.computeIfAbsent(path, FieldReader::new);
    }

    /** The group-by values a key stands for, by group-by entry (field or alias name). */
    Map<String, String> group(String key) {
        int n = groupBy.size();
        if (n == 0) {
            return Map.of();
        }
        if (n == 1) {
            return Map.of(groupBy.getFirst(), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        int at = 0;
        for (int g = 0; g < n; g++) {
            int len = key.charAt(at);
            out.put(groupBy.get(g), key.substring(at + 1, at + 1 + len));
            at += 1 + len;
        }
        return out;
    }

    /**
     * {@code v} when at most {@code max} chars; else its head and {@code #} and 16 hex digits of a
     * 64-bit hash of the whole value: bounded memory per key, and two long values sharing a head
     * still make two groups (short of a hash collision, which only merges two groups).
     */
    static String bound(String v, int max) {
        if (v.length() <= max) {
            return v;
        }
        int head = max - 17;
        if (Character.isHighSurrogate(v.charAt(head - 1))) {
            head--;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < v.length(); i++) {
            h = (h ^ v.charAt(i)) * 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        return v.substring(0, head) + "#" + "0".repeat(16 - hex.length()) + hex;
    }
}

package io.gatewatch.detect.sigma;

import io.gatewatch.detect.match.Expr;
import io.gatewatch.detect.sigma.YamlNode.YList;
import io.gatewatch.detect.sigma.YamlNode.YMap;
import io.gatewatch.detect.sigma.YamlNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a single-event rule document: Sigma v2 keys, and the reference platform's dialect
 * ({@code uuid}, {@code rule}, {@code effort}, {@code alert_severity}, {@code attack}, ...).
 * Keys that neither define nor describe detection (author, date, logsource, custom fields) are
 * accepted and not kept.
 */
final class RuleParser {
    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private RuleParser() {}

    static SigmaRule parse(YMap doc, String file, int line, Map<String, List<String>> placeholders) {
        String id = firstString(doc, "id", "uuid");
        if (id == null) {
            throw new RuleException(line, "missing 'id' (a stable identifier, such as a UUID)");
        }
        String title = firstString(doc, "title", "rule");
        if (title == null) {
            throw new RuleException(line, "missing 'title'");
        }
        String name = string(doc, "name");
        YamlNode detection = doc.get("detection");
        if (!(detection instanceof YMap d)) {
            throw new RuleException(lineOf(doc, "detection", line), "'detection' must be a map of search identifiers "
                    + "and a condition");
        }
        Expr condition = detection(d, lineOf(doc, "detection", line), placeholders);
        return new SigmaRule(id, name, title, level(doc, line), tags(doc), orEmpty(string(doc, "description")),
                string(doc, "status"), effort(doc), strings(doc, "falsepositives", "false_positives"),
                strings(doc, "references"), file, line, condition);
    }

    private static Expr detection(YMap d, int line, Map<String, List<String>> placeholders) {
        YMap.Entry cond = d.entries().get("condition");
        if (cond == null) {
            throw new RuleException(line, "detection has no 'condition'");
        }
        SelectionParser parser = new SelectionParser(placeholders);
        Map<String, Expr> selections = new LinkedHashMap<>();
        for (YMap.Entry e : d.entries().values()) {
            String key = e.key();
            if (key.equals("condition") || key.equals("timeframe")) {
                continue; // timeframe: Sigma 1 aggregations, which correlations replace; harmless here
            }
            if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-'
                    || c == '.')) {
                throw new RuleException(e.line(), "search identifier '" + key + "': use letters, digits, '_', '-' "
                        + "and '.'");
            }
            if (selections.size() == Limits.MAX_SEARCH_IDENTIFIERS) {
                throw new RuleException(e.line(), "more than " + Limits.MAX_SEARCH_IDENTIFIERS + " search identifiers");
            }
            selections.put(key, parser.selection(key, e.value()));
        }
        List<YScalar> conditions = new ArrayList<>();
        switch (cond.value()) {
            case YScalar s when s.type() == YScalar.Type.STRING -> conditions.add(s);
            case YList l when !l.items().isEmpty() -> {
                for (YamlNode n : l.items()) {
                    if (!(n instanceof YScalar s) || s.type() != YScalar.Type.STRING) {
                        throw new RuleException(n.line(), "condition: expected a string, not " + n.kind());
                    }
                    conditions.add(s);
                }
            }
            default -> throw new RuleException(cond.line(), "condition: expected a string or a list of strings");
        }
        List<Expr> alternatives = new ArrayList<>();
        for (YScalar c : conditions) {
            try {
                alternatives.add(ConditionParser.parse(c.text(), selections));
            } catch (IllegalArgumentException e) {
                throw new RuleException(c.line(), e.getMessage());
            }
        }
        Expr condition = Expr.or(alternatives); // a list of conditions is OR-linked
        if (size(condition, Limits.MAX_CONDITION_TESTS) > Limits.MAX_CONDITION_TESTS) {
            throw new RuleException(cond.line(), "the condition stands for more than " + Limits.MAX_CONDITION_TESTS
                    + " tests once its search identifiers are inlined");
        }
        return condition;
    }

    /** Number of nodes of the expanded tree, counting stops past {@code limit}. */
    private static int size(Expr e, int limit) {
        return switch (e) {
            case Expr.Test t -> 1;
            case Expr.Not n -> 1 + size(n.child(), limit);
            case Expr.And a -> 1 + size(a.children(), limit);
            case Expr.Or o -> 1 + size(o.children(), limit);
        };
    }

    private static int size(List<Expr> children, int limit) {
        int total = 0;
        for (Expr c : children) {
            total += size(c, limit - total);
            if (total > limit) {
                return total;
            }
        }
        return total;
    }

    /** {@code level}, else the reference dialect's {@code alert_severity} (0–100) in five bands. */
    private static String level(YMap doc, int line) {
        String level = string(doc, "level");
        if (level != null) {
            String l = level.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(l)) {
                throw new RuleException(lineOf(doc, "level", line), "level '" + level + "': expected one of " + LEVELS);
            }
            return l;
        }
        YamlNode sev = doc.get("alert_severity");
        if (sev instanceof YScalar s && s.type() == YScalar.Type.INTEGER) {
            int v;
            try {
                v = Integer.parseInt(s.text());
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 0 || v > 100) {
                throw new RuleException(s.line(), "alert_severity: expected 0 to 100, not " + s.text());
            }
            return LEVELS.get(Math.min(4, v / 20));
        }
        if (sev != null) {
            throw new RuleException(sev.line(), "alert_severity: expected a number from 0 to 100");
        }
        return "medium";
    }

    private static List<String> tags(YMap doc) {
        Set<String> tags = new LinkedHashSet<>();
        for (String t : strings(doc, "tags")) {
            tags.add(t.toLowerCase(Locale.ROOT));
        }
        for (String technique : strings(doc, "attack")) {
            String t = technique.toLowerCase(Locale.ROOT);
            tags.add(t.startsWith("attack.") ? t : "attack." + t);
        }
        return List.copyOf(tags);
    }

    private static String effort(YMap doc) {
        YamlNode e = doc.get("effort");
        return e instanceof YScalar s && !s.isNull() ? s.text() : null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int lineOf(YMap doc, String key, int fallback) {
        YMap.Entry e = doc.entries().get(key);
        return e == null ? fallback : e.line();
    }

    private static String firstString(YMap doc, String... keys) {
        for (String k : keys) {
            String s = string(doc, k);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** A scalar's text, or null when absent or null; another kind of value is an error. */
    static String string(YMap doc, String key) {
        YamlNode n = doc.get(key);
        if (n == null || n instanceof YScalar s && s.isNull()) {
            return null;
        }
        if (!(n instanceof YScalar s)) {
            throw new RuleException(n.line(), "'" + key + "': expected a string, not " + n.kind());
        }
        if (s.text().isBlank()) {
            throw new RuleException(n.line(), "'" + key + "' is empty");
        }
        if (!key.equals("description") && s.text().length() > Limits.MAX_NAME_CHARS) {
            throw new RuleException(n.line(), "'" + key + "' longer than " + Limits.MAX_NAME_CHARS + " chars");
        }
        return s.text();
    }

    /** A list of scalars (a lone scalar counts as a list of one) from the first key present. */
    static List<String> strings(YMap doc, String... keys) {
        for (String key : keys) {
            YamlNode n = doc.get(key);
            if (n == null || n instanceof YScalar s && s.isNull()) {
                continue;
            }
            List<String> out = new ArrayList<>();
            if (n instanceof YScalar s) {
                out.add(s.text());
            } else if (n instanceof YList l) {
                for (YamlNode item : l.items()) {
                    if (!(item instanceof YScalar s) || s.isNull()) {
                        throw new RuleException(item.line(), "'" + key + "': expected a list of strings");
                    }
                    out.add(s.text());
                }
            } else {
                throw new RuleException(n.line(), "'" + key + "': expected a list of strings, not " + n.kind());
            }
            return out;
        }
        return List.of();
    }
}

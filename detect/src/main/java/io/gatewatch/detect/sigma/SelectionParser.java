package io.gatewatch.detect.sigma;

import io.gatewatch.detect.event.EventFields;
import io.gatewatch.detect.match.Expr;
import io.gatewatch.detect.match.Predicate;
import io.gatewatch.detect.match.Predicate.Op;
import io.gatewatch.detect.match.Predicate.Position;
import io.gatewatch.detect.sigma.YamlNode.YList;
import io.gatewatch.detect.sigma.YamlNode.YMap;
import io.gatewatch.detect.sigma.YamlNode.YScalar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns one search identifier of a rule's {@code detection} into an {@link Expr}: a map ANDs its
 * {@code field|modifiers: values} items, a list ORs its maps or keywords, a field's value list
 * is OR-linked (AND with {@code all}). Modifiers are applied to each value in the order written.
 */
final class SelectionParser {
    private final Map<String, List<String>> placeholders;
    private int values;

    SelectionParser(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    Expr selection(String name, YamlNode node) {
        return switch (node) {
            case YMap m -> map(m);
            case YList l -> {
                if (l.items().isEmpty()) {
                    throw new RuleException(l.line(), "search identifier '" + name + "' is an empty list");
                }
                List<Expr> alternatives = new ArrayList<>();
                for (YamlNode item : l.items()) {
                    alternatives.add(switch (item) {
                        case YMap m -> map(m);
                        case YScalar s -> item(Predicate.KEYWORDS, List.of(), s, s.line());
                        case YList inner -> throw new RuleException(inner.line(),
                                "search identifier '" + name + "': a list inside a list (expected maps or keywords)");
                    });
                }
                yield Expr.or(alternatives);
            }
            case YScalar s -> {
                if (s.isNull()) {
                    throw new RuleException(s.line(), "search identifier '" + name + "' is empty");
                }
                yield item(Predicate.KEYWORDS, List.of(), s, s.line());
            }
        };
    }

    private Expr map(YMap m) {
        if (m.entries().isEmpty()) {
            throw new RuleException(m.line(), "empty map in a search identifier");
        }
        List<Expr> items = new ArrayList<>();
        for (YMap.Entry e : m.entries().values()) {
            List<String> parts = Arrays.asList(e.key().split("\\|", -1));
            String field = parts.getFirst();
            items.add(item(field, parts.subList(1, parts.size()), e.value(), e.line()));
        }
        return Expr.and(items);
    }

    /** One {@code field|modifiers: value(s)} item. */
    private Expr item(String field, List<String> modifierNames, YamlNode value, int line) {
        boolean keyword = field.isEmpty();
        Modifiers mods;
        try {
            mods = Modifiers.parse(modifierNames, keyword);
        } catch (IllegalArgumentException e) {
            throw new RuleException(line, label(field) + e.getMessage());
        }
        checkField(field, line);
        List<YScalar> scalars = scalars(field, value);
        if (mods.exists()) {
            if (scalars.size() != 1 || scalars.getFirst().type() != YScalar.Type.BOOLEAN) {
                throw new RuleException(line, label(field) + "'exists' takes true or false");
            }
            Expr present = Expr.test(new Predicate.Exists(field));
            return Boolean.parseBoolean(scalars.getFirst().text().toLowerCase(java.util.Locale.ROOT))
                    ? present : Expr.not(present);
        }
        if (mods.all() && scalars.size() < 2) {
            throw new RuleException(line, label(field) + "'all' needs a list of at least two values");
        }
        List<Expr> perValue = new ArrayList<>();
        List<Expr> flat = new ArrayList<>();
        for (YScalar s : scalars) {
            List<Expr> alternatives;
            try {
                alternatives = value(field, mods, s, keyword);
            } catch (IllegalArgumentException e) {
                throw new RuleException(s.line(), label(field) + e.getMessage());
            }
            values += alternatives.size();
            if (values > Limits.MAX_VALUES_PER_RULE) {
                throw new RuleException(s.line(), "more than " + Limits.MAX_VALUES_PER_RULE
                        + " values in one rule (after modifiers)");
            }
            perValue.add(Expr.or(alternatives));
            flat.addAll(alternatives);
        }
        Expr linked = mods.all() ? Expr.and(perValue) : Expr.or(flat);
        if (mods.neq()) {
            return Expr.and(List.of(Expr.test(new Predicate.Exists(field)), Expr.not(linked)));
        }
        return linked;
    }

    private static String label(String field) {
        return field.isEmpty() ? "keywords: " : field + ": ";
    }

    private static List<YScalar> scalars(String field, YamlNode value) {
        if (value instanceof YScalar s) {
            return List.of(s);
        }
        if (value instanceof YList l && !l.items().isEmpty()) {
            List<YScalar> out = new ArrayList<>();
            for (YamlNode n : l.items()) {
                if (!(n instanceof YScalar s)) {
                    throw new RuleException(n.line(), label(field) + "a value must be a string, number, boolean or "
                            + "null, not " + n.kind());
                }
                out.add(s);
            }
            return out;
        }
        throw new RuleException(value.line(), label(field) + "expected a value or a list of values, not "
                + (value instanceof YList ? "an empty list" : value.kind()));
    }

    /** The predicates one value stands for after the modifiers (several: OR-linked variants). */
    private List<Expr> value(String field, Modifiers mods, YScalar s, boolean keyword) {
        if (s.isNull()) {
            if (keyword) {
                throw new IllegalArgumentException("a keyword cannot be null");
            }
            if (!mods.steps().isEmpty() || !mods.stringValues() || mods.expand() || mods.neq()) {
                throw new IllegalArgumentException("null takes no modifier (it means: the field is absent)");
            }
            return List.of(Expr.not(Expr.test(new Predicate.Exists(field))));
        }
        String text = s.text();
        if (mods.regex()) {
            return List.of(Expr.test(new Predicate.Regex(field, text, mods.ignoreCase(), mods.multiline(),
                    mods.dotAll())));
        }
        if (mods.cidr()) {
            return List.of(Expr.test(new Predicate.Cidr(field, text)));
        }
        if (mods.compare() != null || mods.time() != null) {
            double number = number(text);
            Op op = mods.compare() == null ? Op.EQ : mods.compare();
            return List.of(Expr.test(new Predicate.Compare(field, op, number, mods.time())));
        }
        if (mods.fieldref()) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("fieldref: empty field name");
            }
            checkField(text, s.line());
            Position position = switch (String.valueOf(mods.position())) {
                case "contains" -> Position.CONTAINS;
                case "startswith" -> Position.STARTS_WITH;
                case "endswith" -> Position.ENDS_WITH;
                default -> Position.EQUALS;
            };
            return List.of(Expr.test(new Predicate.FieldRef(field, text, position, mods.cased())));
        }
        if (text.length() > Predicate.MAX_LENGTH) {
            throw new IllegalArgumentException("value longer than " + Predicate.MAX_LENGTH + " chars");
        }
        List<String> raws = mods.expand()
                ? Placeholders.expand(text, placeholders, Limits.MAX_EXPANSION) : List.of(text);
        List<SigmaValue> vals = new ArrayList<>();
        for (String raw : raws) {
            vals.add(SigmaValue.parse(raw));
        }
        for (String step : mods.steps()) {
            vals = step(step, vals);
        }
        if (keyword && mods.position() == null) {
            // A keyword is found anywhere in the line's text.
            vals = vals.stream().map(SigmaValue::contains).toList();
        }
        List<Expr> out = new ArrayList<>(vals.size());
        for (SigmaValue v : vals) {
            String pattern = v.pattern();
            out.add(Expr.test(pattern.isEmpty() ? new Predicate.Empty(field)
                    : new Predicate.Matches(field, pattern, mods.cased())));
        }
        return out;
    }

    private static List<SigmaValue> step(String step, List<SigmaValue> vals) {
        List<SigmaValue> out = new ArrayList<>();
        for (SigmaValue v : vals) {
            switch (step) {
                case "contains" -> out.add(v.contains());
                case "startswith" -> out.add(v.startsWith());
                case "endswith" -> out.add(v.endsWith());
                case "wide", "utf16le" -> out.add(v.utf16(true, false));
                case "utf16be" -> out.add(v.utf16(false, false));
                case "utf16" -> out.add(v.utf16(true, true));
                case "base64" -> out.add(plain(v, step).base64());
                case "base64offset" -> out.addAll(plain(v, step).base64Offsets());
                case "windash" -> out.addAll(v.windash(Limits.MAX_EXPANSION));
                default -> throw new IllegalStateException("modifier step " + step);
            }
            if (out.size() > Limits.MAX_EXPANSION) {
                throw new IllegalArgumentException(step + ": more than " + Limits.MAX_EXPANSION + " variants");
            }
        }
        return out;
    }

    private static SigmaValue plain(SigmaValue v, String step) {
        if (v.hasWildcards()) {
            throw new IllegalArgumentException(step + " cannot encode wildcards: put 'contains' after it, "
                    + "or escape the '*' or '?'");
        }
        return v;
    }

    private static double number(String text) {
        try {
            BigDecimal d = new BigDecimal(text.strip());
            return d.doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    /**
     * Rules name ECS fields of our events. A field they can never have is a mistake (often a
     * Windows or web-server field name) that would silently never match, so it is refused;
     * {@code sekoiaio.*} fields of the reference platform's enrichment are accepted and absent.
     */
    static void checkField(String field, int line) {
        if (field.isEmpty() || field.startsWith("sekoiaio.") || EventFields.resolve(field).known()) {
            return;
        }
        throw new RuleException(line, "unknown field '" + field + "': not an ECS field of these events");
    }
}

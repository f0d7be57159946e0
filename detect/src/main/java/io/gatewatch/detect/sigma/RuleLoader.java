package io.gatewatch.detect.sigma;

import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.correlation.CorrelationRuleParser;
import io.gatewatch.detect.sigma.YamlNode.YMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads files document by document, keeping what loads and an error for the rest. */
final class RuleLoader {
    private final Map<String, List<String>> placeholders;
    final List<SigmaRule> rules = new ArrayList<>();
    final List<CorrelationRule> correlations = new ArrayList<>();
    final List<LoadError> errors = new ArrayList<>();
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    RuleLoader(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    void file(RuleFile f) {
        if (f.problem() != null) {
            errors.add(new LoadError(f.name(), 1, f.problem()));
            return;
        }
        YamlReader.Result read = YamlReader.read(f.text());
        for (YamlReader.Document doc : read.documents()) {
            try {
                document(f.name(), doc);
            } catch (RuleException e) {
                errors.add(new LoadError(f.name(), e.line(), e.reason()));
            }
        }
        if (read.error() != null) {
            errors.add(new LoadError(f.name(), read.error().line(), read.error().reason()));
        }
    }

    private void document(String file, YamlReader.Document doc) {
        if (!(doc.root() instanceof YMap m)) {
            throw new RuleException(doc.line(), "a rule document must be a map, not " + doc.root().kind());
        }
        if (m.get("correlation") != null) {
            CorrelationRule c;
            try {
                c = CorrelationRuleParser.parse(YamlNode.toJson(m), file, doc.line());
            } catch (RuntimeException e) {
                throw correlationError(file, doc.line(), e);
            }
            register(file, doc.line(), c.id() != null ? c.id() : c.name(), c.id() != null ? c.name() : null);
            correlations.add(c);
            return;
        }
        if (m.get("detection") == null) {
            throw new RuleException(doc.line(), m.get("filter") != null
                    ? "Sigma filter documents are not supported: add the exclusion to the rule's condition"
                    : "neither a rule ('detection') nor a correlation ('correlation')");
        }
        SigmaRule r = RuleParser.parse(m, file, doc.line(), placeholders);
        register(file, doc.line(), r.id(), r.name());
        rules.add(r);
    }

    /** The correlation parser's message, without the file and line it starts with. */
    private static RuleException correlationError(String file, int line, RuntimeException e) {
        LoadError located = located(file, String.valueOf(e.getMessage()));
        return located == null ? new RuleException(line, String.valueOf(e.getMessage()))
                : new RuleException(located.line(), located.reason());
    }

    /** A correlation message {@code file:line: reason} as an error; null when it does not start so. */
    static LoadError located(String file, String message) {
        if (!message.startsWith(file + ":")) {
            return null;
        }
        String rest = message.substring(file.length() + 1);
        int colon = rest.indexOf(':');
        if (colon < 1 || colon > 9 || !rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
            return null;
        }
        return new LoadError(file, Integer.parseInt(rest.substring(0, colon)), rest.substring(colon + 1).strip());
    }

    /** An engine message about one of {@code correlations}, located in its file. */
    static LoadError located(String message, List<CorrelationRule> correlations) {
        for (CorrelationRule c : correlations) {
            LoadError e = located(c.file(), message);
            if (e != null) {
                return e;
            }
        }
        return new LoadError(correlations.getFirst().file(), 1, message);
    }

    private void register(String file, int line, String id, String name) {
        String where = file + ":" + line;
        String had = ids.putIfAbsent(id, where);
        if (had != null) {
            throw new RuleException(line, "duplicate id '" + id + "' (first at " + had + ")");
        }
        if (name != null) {
            had = names.putIfAbsent(name, where);
            if (had != null) {
                ids.remove(id);
                throw new RuleException(line, "duplicate name '" + name + "' (first at " + had + ")");
            }
        }
    }

    /**
     * Drops correlations that refer to rules that did not load (or do not exist), until none
     * is left: dropping one may orphan a correlation that chains on it.
     */
    void checkReferences() {
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> known = new HashSet<>();
            for (SigmaRule r : rules) {
                known.add(r.id());
                if (r.name() != null) {
                    known.add(r.name());
                }
            }
            for (CorrelationRule c : correlations) {
                if (c.id() != null) {
                    known.add(c.id());
                }
                if (c.name() != null) {
                    known.add(c.name());
                }
            }
            for (CorrelationRule c : List.copyOf(correlations)) {
                for (String ref : c.rules()) {
                    if (!known.contains(ref)) {
                        errors.add(new LoadError(c.file(), c.line(), "correlation '" + c.title()
                                + "' refers to '" + ref + "', which is no loaded rule's id or name"));
                        correlations.remove(c);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }
}

package io.gatewatch.detect.sigma;

import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.sigma.RuleTestResult.Count;
import io.gatewatch.detect.sigma.RuleTestResult.Status;
import io.gatewatch.detect.sigma.YamlNode.YList;
import io.gatewatch.detect.sigma.YamlNode.YMap;
import io.gatewatch.detect.sigma.YamlNode.YScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the examples kept beside rules: for a rule file {@code x.yml}, the file
 * {@code x.examples.yml} holds
 *
 * <pre>
 * rule: 5f0c...            # optional: the id(s) tested; default: the file's rules no other rule of it uses
 * positive:                # each example raises at least one alert of the rule
 *   - - 'log line'         # an example is a list of raw log lines, evaluated in order
 *     - 'next log line'
 *   - 'one-line example'   # a single line may stand alone
 * negative:                # no example raises an alert of the rule
 *   - - 'log line'
 * </pre>
 *
 * Lines are parsed as the intake does ({@link PulseParser}, times in UTC). Each example runs on a
 * fresh detector over the whole rule set (correlation state starts empty), and a rule that only
 * feeds correlations counts as raising an alert when it matches.
 */
public final class RuleExamples {
    /** Most examples of one kind, and lines in one example. */
    static final int MAX_EXAMPLES = 1_000;
    static final int MAX_LINES = 10_000;

    private RuleExamples() {}

    /** Tests every rule file among {@code files} with the examples beside it, against {@code rules}. */
    public static List<RuleTestResult> run(List<RuleFile> files, RuleSet rules) {
        Map<String, RuleFile> examples = new HashMap<>();
        for (RuleFile f : files) {
            if (f.isExamples()) {
                examples.put(RuleFile.base(f.name()), f);
            }
        }
        PulseParser parser = new PulseParser();
        List<RuleTestResult> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RuleFile f : files) {
            if (f.isExamples()) {
                continue;
            }
            String key = RuleFile.base(f.name()) + RuleFile.EXAMPLES;
            used.add(key);
            out.add(test(f, examples.get(key), rules, parser));
        }
        for (RuleFile f : files) {
            if (f.isExamples() && !used.contains(RuleFile.base(f.name()))) {
                out.add(new RuleTestResult(f.name(), List.of(), "", Status.ERROR, new Count(0, 0), new Count(0, 0),
                        List.of("examples file without a rule file beside it")));
            }
        }
        return out;
    }

    /** The problems of the examples files among {@code files} (syntax, structure), as a rule check reports them. */
    public static List<LoadError> check(List<RuleFile> files) {
        List<LoadError> errors = new ArrayList<>();
        for (RuleFile f : files) {
            if (f.isExamples()) {
                try {
                    Examples.read(f);
                } catch (RuleException e) {
                    errors.add(new LoadError(f.name(), e.line(), e.reason()));
                }
            }
        }
        return errors;
    }

    private record Target(List<String> ids, String title) {}

    private static RuleTestResult test(RuleFile ruleFile, RuleFile examplesFile, RuleSet rules, PulseParser parser) {
        String file = ruleFile.name();
        List<String> loadErrors = rules.errors().stream().filter(e -> e.file().equals(file))
                .map(e -> "line " + e.line() + ": " + e.reason()).toList();
        Target target = defaultTarget(file, rules);
        if (!loadErrors.isEmpty()) {
            return result(file, target, Status.ERROR, new Count(0, 0), new Count(0, 0), loadErrors);
        }
        if (examplesFile == null) {
            return result(file, target, Status.UNTESTED, new Count(0, 0), new Count(0, 0), List.of());
        }
        Examples ex;
        try {
            ex = Examples.read(examplesFile);
        } catch (RuleException e) {
            return result(file, target, Status.ERROR, new Count(0, 0), new Count(0, 0),
                    List.of(examplesFile.name() + ", line " + e.line() + ": " + e.reason()));
        }
        if (!ex.rules().isEmpty()) {
            Map<String, String> titles = titles(rules);
            for (String id : ex.rules()) {
                if (!titles.containsKey(id)) {
                    return result(file, target, Status.ERROR, new Count(0, 0), new Count(0, 0),
                            List.of(examplesFile.name() + ": 'rule' names '" + id + "', which is no loaded rule"));
                }
            }
            target = new Target(ex.rules(), titles.get(ex.rules().getFirst()));
        }
        if (target.ids().isEmpty()) {
            return result(file, target, Status.ERROR, new Count(0, 0), new Count(0, 0), List.of("no rule to test"));
        }
        Set<String> ids = new HashSet<>(target.ids());
        List<String> failures = new ArrayList<>();
        int positives = 0;
        for (int i = 0; i < ex.positive().size(); i++) {
            List<String> raised = raised(ex.positive().get(i), rules, parser);
            if (raised.stream().anyMatch(ids::contains)) {
                positives++;
            } else {
                failures.add("positive example " + (i + 1) + ": no alert of " + String.join(", ", target.ids())
                        + (raised.isEmpty() ? "" : "; raised only " + String.join(", ", raised)));
            }
        }
        int negatives = 0;
        for (int i = 0; i < ex.negative().size(); i++) {
            List<String> raised = raised(ex.negative().get(i), rules, parser);
            List<String> wrong = raised.stream().filter(ids::contains).toList();
            if (wrong.isEmpty()) {
                negatives++;
            } else {
                failures.add("negative example " + (i + 1) + ": raised " + String.join(", ", wrong));
            }
        }
        Status status = failures.isEmpty() ? Status.PASS : Status.FAIL;
        return result(file, target, status, new Count(positives, ex.positive().size()),
                new Count(negatives, ex.negative().size()), failures);
    }

    private static RuleTestResult result(String file, Target t, Status s, Count pos, Count neg, List<String> failures) {
        return new RuleTestResult(file, t.ids(), t.title(), s, pos, neg, failures);
    }

    /** Ids of the rules raising alerts on the example's lines, in order, without repeats. */
    private static List<String> raised(List<String> lines, RuleSet rules, PulseParser parser) {
        Detector d = rules.newTestDetector();
        Set<String> ids = new LinkedHashSet<>();
        for (String line : lines) {
            for (Alert a : d.evaluate(parser.parse(line))) {
                ids.add(a.ruleId());
            }
        }
        return List.copyOf(ids);
    }

    /** The file's rules and correlations that no correlation of the same file refers to. */
    private static Target defaultTarget(String file, RuleSet rules) {
        List<CorrelationRule> corr = rules.correlations().stream().filter(c -> c.file().equals(file)).toList();
        Set<String> referenced = new HashSet<>();
        corr.forEach(c -> referenced.addAll(c.rules()));
        List<String> ids = new ArrayList<>();
        String title = "";
        for (SigmaRule r : rules.rules()) {
            if (r.file().equals(file) && !referenced.contains(r.id()) && !referenced.contains(r.name())) {
                ids.add(r.id());
                title = title.isEmpty() ? r.title() : title;
            }
        }
        for (CorrelationRule c : corr) {
            if ((c.id() == null || !referenced.contains(c.id())) && (c.name() == null || !referenced.contains(c.name()))) {
                ids.add(c.id() != null ? c.id() : c.name());
                title = title.isEmpty() ? c.title() : title;
            }
        }
        return new Target(ids, title);
    }

    private static Map<String, String> titles(RuleSet rules) {
        Map<String, String> titles = new HashMap<>();
        rules.rules().forEach(r -> titles.put(r.id(), r.title()));
        rules.correlations().forEach(c -> titles.put(c.id() != null ? c.id() : c.name(), c.title()));
        return titles;
    }

    /** An examples file, read. */
    record Examples(List<String> rules, List<List<String>> positive, List<List<String>> negative) {
        static Examples read(RuleFile f) {
            if (f.problem() != null) {
                throw new RuleException(1, f.problem());
            }
            YamlReader.Result read = YamlReader.read(f.text());
            if (read.error() != null) {
                throw read.error();
            }
            if (read.documents().size() != 1 || !(read.documents().getFirst().root() instanceof YMap m)) {
                throw new RuleException(1, "expected one map with 'positive' and 'negative' lists");
            }
            for (YMap.Entry e : m.entries().values()) {
                if (!List.of("rule", "positive", "negative").contains(e.key())) {
                    throw new RuleException(e.line(), "unknown key '" + e.key() + "' (expected rule, positive, negative)");
                }
            }
            List<String> ids = RuleParser.strings(m, "rule");
            return new Examples(ids, examples(m, "positive"), examples(m, "negative"));
        }

        private static List<List<String>> examples(YMap m, String key) {
            YamlNode n = m.get(key);
            if (n == null || n instanceof YScalar s && s.isNull()) {
                return List.of();
            }
            if (!(n instanceof YList list)) {
                throw new RuleException(n.line(), "'" + key + "': expected a list of examples");
            }
            if (list.items().size() > MAX_EXAMPLES) {
                throw new RuleException(n.line(), "'" + key + "': more than " + MAX_EXAMPLES + " examples");
            }
            List<List<String>> out = new ArrayList<>();
            for (YamlNode example : list.items()) {
                List<String> lines = new ArrayList<>();
                if (example instanceof YScalar s && s.type() == YScalar.Type.STRING) {
                    lines.add(s.text());
                } else if (example instanceof YList l && !l.items().isEmpty() && l.items().size() <= MAX_LINES) {
                    for (YamlNode line : l.items()) {
                        if (!(line instanceof YScalar s) || s.type() != YScalar.Type.STRING) {
                            throw new RuleException(line.line(), "'" + key + "': a log line must be a string");
                        }
                        lines.add(s.text());
                    }
                } else {
                    throw new RuleException(example.line(), "'" + key + "': an example is a list of 1 to " + MAX_LINES
                            + " log lines");
                }
                out.add(lines);
            }
            return out;
        }
    }
}

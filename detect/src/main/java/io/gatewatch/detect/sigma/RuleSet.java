package io.gatewatch.detect.sigma;

import io.gatewatch.detect.correlation.CorrelationEngine;
import io.gatewatch.detect.correlation.CorrelationRule;
import io.gatewatch.detect.match.CompiledRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Loaded and compiled rules: single-event Sigma rules, correlation rules, and the errors of those
 * that did not load. The entry point of detection:
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.load(RuleFile.read(Path.of("rules")));
 * rules.errors().forEach(System.err::println);
 * Detector detector = rules.newDetector();          // one per thread
 * List<Alert> alerts = detector.evaluate(event);
 * }</pre>
 *
 * A file is a YAML stream of documents; a document with a {@code correlation} key is a
 * correlation rule, one with {@code detection} a single-event rule. Immutable once loaded.
 */
public final class RuleSet {
    private final List<SigmaRule> rules;
    private final List<CorrelationRule> correlations;
    private final List<LoadError> errors;
    private final CompiledRules compiled;
    /** Per rule: whether correlations refer to it, so its matches must reach the correlation engine. */
    private final boolean[] correlated;
    /** Per rule: whether its matches are alerts of their own (not when only generate: false correlations use it). */
    private final boolean[] alerting;
    /** Per correlation: whether it raises alerts (not when only other correlations use it, without generate). */
    private final boolean[] correlationAlerting;

    private RuleSet(List<SigmaRule> rules, List<CorrelationRule> correlations, List<LoadError> errors) {
        List<LoadError> allErrors = new ArrayList<>(errors);
        CorrelationEngine probe = null;
        if (!correlations.isEmpty()) {
            // The engine leaves out correlations that cannot run together (cycles, clashing names).
            probe = new CorrelationEngine(correlations);
            for (String problem : probe.errors()) {
                allErrors.add(RuleLoader.located(problem, correlations));
            }
            correlations = probe.rules();
        }
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
        this.errors = List.copyOf(allErrors);
        this.compiled = CompiledRules.compile(rules.stream().map(SigmaRule::condition).toList());
        Set<String> referenced = new HashSet<>();
        for (CorrelationRule c : this.correlations) {
            referenced.addAll(c.rules());
        }
        correlated = new boolean[rules.size()];
        alerting = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            SigmaRule r = rules.get(i);
            correlated[i] = referenced.contains(r.id()) || r.name() != null && referenced.contains(r.name());
            alerting[i] = probe == null || !probe.suppressed(r.id(), r.name());
        }
        correlationAlerting = new boolean[this.correlations.size()];
        for (int i = 0; i < correlationAlerting.length; i++) {
            CorrelationRule c = this.correlations.get(i);
            correlationAlerting[i] = !probe.suppressed(c.id(), c.name());
        }
    }

    /** Loads rule files (examples files among them are skipped). */
    public static RuleSet load(List<RuleFile> files) {
        return load(files, Map.of());
    }

    /**
     * Loads rule files, resolving the {@code expand} modifier's placeholders from
     * {@code placeholders} (name without percent signs → values).
     */
    public static RuleSet load(List<RuleFile> files, Map<String, List<String>> placeholders) {
        Objects.requireNonNull(placeholders, "placeholders");
        RuleLoader loader = new RuleLoader(placeholders);
        for (RuleFile f : files) {
            if (!f.isExamples()) {
                loader.file(f);
            }
        }
        loader.checkReferences();
        return new RuleSet(loader.rules, loader.correlations, loader.errors);
    }

    /** The built-in rule pack. */
    public static RuleSet builtin() {
        return load(BuiltinRules.files());
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    public List<CorrelationRule> correlations() {
        return correlations;
    }

    /**
     * Whether the rule at {@code index} of {@link #rules()} raises alerts of its own; false for a
     * building block that only feeds {@code generate: false} correlations (coverage counts the
     * correlation, not the block).
     */
    public boolean raisesAlerts(int index) {
        return alerting[index];
    }

    /**
     * Whether the correlation at {@code index} of {@link #correlations()} raises alerts of its own;
     * false for one that only feeds another correlation without {@code generate: true}.
     */
    public boolean correlationRaisesAlerts(int index) {
        return correlationAlerting[index];
    }

    /** Rules and files that did not load, in file order. */
    public List<LoadError> errors() {
        return errors;
    }

    /** A detector for one thread, with its own correlation state; alert times default to now for undated events. */
    public Detector newDetector() {
        return newDetector(System::currentTimeMillis);
    }

    /** A detector whose clock dates the alerts of events that carry no time. */
    public Detector newDetector(LongSupplier clock) {
        return new Detector(this, clock, false);
    }

    /** For rule examples: every match of every rule is reported, also of rules that only feed correlations. */
    Detector newTestDetector() {
        return new Detector(this, () -> 0L, true);
    }

    CompiledRules compiled() {
        return compiled;
    }

    boolean correlated(int rule) {
        return correlated[rule];
    }

    boolean alerting(int rule) {
        return alerting[rule];
    }
}

package io.gatewatch.cli;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.core.pulse.TimePolicy;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.sigma.Detector;
import io.gatewatch.detect.sigma.LoadError;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch detect}: log lines in, the alerts of the rules out. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Parses Pulse Secure / Ivanti Connect Secure log lines (any format the parser reads) and runs the"
                + " detection rules on them, in order, offline: the built-in pack and the rules of --rules"
                + " directories. Prints one JSON object per alert on standard output (rule_id, title, level,"
                + " tags, @timestamp, correlation_type, group, events), or a table with --table. Rules that do"
                + " not load are reported on standard error as JSON lines and the others run. A summary goes"
                + " to standard error as one JSON line. Replays a past incident from its log files.",
            "Exit codes: 0 all input read and all rules loaded; 1 an input or a rule could not be read;"
                + " 2 bad options or no rule at all."
        })
final class DetectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Log files, plain or gzip (.gz); '-' or none reads standard input.")
    List<Path> files = List.of();

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A directory of rules (.yml, subdirectories too) or one rule file; repeatable.")
    List<Path> ruleDirs = List.of();

    @Option(names = "--no-builtin", description = "Do not load the built-in rule pack.")
    boolean noBuiltin;

    @Option(names = "--table", description = "Print alerts as a table for people instead of JSON lines.")
    boolean table;

    @Option(names = "--timezone", paramLabel = "TZ", defaultValue = "UTC",
            description = "How to read the appliance's zone-less times: UTC (default), auto, or a zone such as "
                    + "Europe/Paris (as for 'gatewatch parse').")
    String timezone;

    @Option(names = "--no-summary", description = "Do not print the summary on standard error.")
    boolean noSummary;

    @Mixin
    RuleOptions ruleOptions;

    private final OutputStream stdout;
    private final InputStream stdin;
    private final PrintStream err;

    DetectCommand() {
        this(System.out, System.in, System.err);
    }

    DetectCommand(OutputStream stdout, InputStream stdin, PrintStream err) {
        this.stdout = stdout;
        this.stdin = stdin;
        this.err = err;
    }

    private long lines;
    private long unparsed;
    private long alerts;
    private final Map<String, Long> byRule = new TreeMap<>();

    @Override
    public Integer call() throws IOException {
        TimePolicy policy;
        Map<String, List<String>> placeholders;
        try {
            policy = TimePolicy.parse(timezone);
            placeholders = ruleOptions.placeholders();
        } catch (IllegalArgumentException e) {
            err.println("gatewatch detect: " + e.getMessage());
            return 2;
        }
        List<RuleFile> ruleFiles;
        try {
            ruleFiles = RuleOptions.files(!noBuiltin, ruleDirs);
        } catch (NoSuchFileException e) {
            err.println("gatewatch detect: cannot read rules " + e.getFile() + ": no such file or directory");
            return 2;
        }
        RuleSet rules = RuleSet.load(ruleFiles, placeholders);
        for (LoadError e : rules.errors()) {
            err.println(RulesCommand.errorJson(e));
        }
        if (rules.rules().isEmpty() && rules.correlations().isEmpty()) {
            err.println("gatewatch detect: no rule to run (--no-builtin and no rule loaded from --rules)");
            return 2;
        }
        int exit = rules.errors().isEmpty() ? 0 : 1;
        long start = System.nanoTime();
        Detector detector = rules.newDetector();
        PulseParser parser = new PulseParser(policy);
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        AlertOutput output = new AlertOutput(out, table);
        int readExit = new LogInputs("detect", stdin, err).forEachLine(files, (buf, from, length) -> {
            lines++;
            EcsEvent event = parser.parse(buf, from, length);
            if (PulseParser.isUnparsed(event)) {
                unparsed++;
            }
            for (Alert a : detector.evaluate(event)) {
                alerts++;
                byRule.merge(a.ruleId(), 1L, Long::sum);
                output.write(a);
            }
        });
        exit = Math.max(exit, readExit);
        out.flush();
        if (!noSummary) {
            summary(rules, detector, System.nanoTime() - start);
        }
        return exit;
    }

    private void summary(RuleSet rules, Detector detector, long nanos) {
        double seconds = nanos / 1e9;
        JsonOutput j = new JsonOutput(256);
        raw(j, "{\"summary\":\"detect\",\"lines\":");
        j.number(lines);
        raw(j, ",\"events\":");
        j.number(detector.events());
        raw(j, ",\"unparsed\":");
        j.number(unparsed);
        raw(j, ",\"rules\":");
        j.number(rules.rules().size());
        raw(j, ",\"correlations\":");
        j.number(rules.correlations().size());
        raw(j, ",\"rule_errors\":");
        j.number(rules.errors().size());
        raw(j, ",\"alerts\":");
        j.number(alerts);
        raw(j, ",\"alerts_by_rule\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : byRule.entrySet()) {
            if (!first) {
                raw(j, ",");
            }
            first = false;
            j.string(e.getKey());
            raw(j, ":");
            j.number(e.getValue());
        }
        raw(j, "},\"evaluation_failures\":");
        j.number(detector.failures());
        raw(j, ",\"seconds\":" + String.format(Locale.ROOT, "%.3f", seconds) + ",\"events_per_second\":");
        j.number(seconds > 0 ? Math.round(detector.events() / seconds) : 0);
        raw(j, "}");
        err.println(j);
    }

    private static void raw(JsonOutput j, String s) {
        j.raw(s.getBytes(StandardCharsets.UTF_8));
    }
}

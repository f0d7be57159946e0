package io.gatewatch.cli;

import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.detect.sigma.LoadError;
import io.gatewatch.detect.sigma.RuleExamples;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.detect.sigma.RuleTestResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gatewatch rules check|test}: validates rules, and runs the examples kept beside them. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Detection rules: check that they load, test them on their examples."},
        subcommands = {RulesCommand.Check.class, RulesCommand.Test.class})
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: check or test");
    }

    /** What both subcommands read: directories (or the built-in pack), and placeholder values. */
    abstract static class Base implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "0..*",
                description = "Rule directories (.yml files, subdirectories too) or rule files; none: the built-in pack.")
        List<Path> dirs = List.of();

        @Mixin
        RuleOptions ruleOptions;

        final PrintStream out = System.out;
        final PrintStream err = System.err;

        abstract String name();

        @Override
        public Integer call() throws IOException {
            Map<String, List<String>> placeholders;
            List<RuleFile> files;
            try {
                placeholders = ruleOptions.placeholders();
                files = RuleOptions.files(dirs.isEmpty(), dirs);
            } catch (IllegalArgumentException e) {
                err.println("gatewatch rules " + name() + ": " + e.getMessage());
                return 2;
            } catch (NoSuchFileException e) {
                err.println("gatewatch rules " + name() + ": cannot read " + e.getFile() + ": no such file or directory");
                return 2;
            }
            return run(files, RuleSet.load(files, placeholders));
        }

        abstract int run(List<RuleFile> files, RuleSet rules);
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Loads rules and their examples files, and prints one JSON line per problem on standard"
                + " output: {\"file\", \"line\", \"reason\"}. A summary goes to standard error.",
                "Exit codes: 0 no problem; 1 problems; 2 bad options."})
    static final class Check extends Base {
        @Override
        String name() {
            return "check";
        }

        @Override
        int run(List<RuleFile> files, RuleSet rules) {
            List<LoadError> errors = new ArrayList<>(rules.errors());
            errors.addAll(RuleExamples.check(files));
            for (LoadError e : errors) {
                out.println(errorJson(e));
            }
            err.println("{\"summary\":\"rules check\",\"files\":" + files.size() + ",\"rules\":" + rules.rules().size()
                    + ",\"correlations\":" + rules.correlations().size() + ",\"errors\":" + errors.size() + "}");
            return errors.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Runs each rule's positive and negative examples (kept beside each rule file, in the file of"
                + " the same name ending in .examples.yml) and prints one JSON line per rule file on standard output: {\"file\","
                + " \"rules\", \"title\", \"result\": pass|fail|untested|error, \"positive\", \"negative\","
                + " \"failures\"}. A summary goes to standard error.",
                "Exit codes: 0 no failure; 1 an example failed or a rule did not load; 2 bad options."})
    static final class Test extends Base {
        @Override
        String name() {
            return "test";
        }

        @Override
        int run(List<RuleFile> files, RuleSet rules) {
            int[] byStatus = new int[RuleTestResult.Status.values().length];
            for (RuleTestResult r : RuleExamples.run(files, rules)) {
                byStatus[r.status().ordinal()]++;
                out.println(resultJson(r));
            }
            // Load errors of correlations are not tied to one rule file's examples: report them too.
            for (LoadError e : rules.errors()) {
                if (files.stream().noneMatch(f -> f.name().equals(e.file()))) {
                    out.println(errorJson(e));
                    byStatus[RuleTestResult.Status.ERROR.ordinal()]++;
                }
            }
            StringBuilder sb = new StringBuilder("{\"summary\":\"rules test\"");
            for (RuleTestResult.Status s : RuleTestResult.Status.values()) {
                sb.append(",\"").append(s.name().toLowerCase(Locale.ROOT)).append("\":").append(byStatus[s.ordinal()]);
            }
            err.println(sb.append('}'));
            boolean bad = byStatus[RuleTestResult.Status.FAIL.ordinal()] + byStatus[RuleTestResult.Status.ERROR.ordinal()] > 0;
            return bad ? 1 : 0;
        }
    }

    static String errorJson(LoadError e) {
        JsonOutput j = new JsonOutput(256);
        raw(j, "{\"file\":");
        j.string(e.file());
        raw(j, ",\"line\":");
        j.number(e.line());
        raw(j, ",\"reason\":");
        j.string(e.reason());
        raw(j, "}");
        return j.toString();
    }

    static String resultJson(RuleTestResult r) {
        JsonOutput j = new JsonOutput(512);
        raw(j, "{\"file\":");
        j.string(r.file());
        raw(j, ",\"rules\":[");
        for (int i = 0; i < r.ruleIds().size(); i++) {
            if (i > 0) {
                raw(j, ",");
            }
            j.string(r.ruleIds().get(i));
        }
        raw(j, "],\"title\":");
        j.string(r.title());
        raw(j, ",\"result\":");
        j.string(r.status().name().toLowerCase(Locale.ROOT));
        raw(j, ",\"positive\":{\"passed\":");
        j.number(r.positive().passed());
        raw(j, ",\"total\":");
        j.number(r.positive().total());
        raw(j, "},\"negative\":{\"passed\":");
        j.number(r.negative().passed());
        raw(j, ",\"total\":");
        j.number(r.negative().total());
        raw(j, "},\"failures\":[");
        for (int i = 0; i < r.failures().size(); i++) {
            if (i > 0) {
                raw(j, ",");
            }
            j.string(r.failures().get(i));
        }
        raw(j, "]}");
        return j.toString();
    }

    private static void raw(JsonOutput j, String s) {
        j.raw(s.getBytes(StandardCharsets.UTF_8));
    }
}

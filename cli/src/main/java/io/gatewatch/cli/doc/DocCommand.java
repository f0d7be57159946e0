package io.gatewatch.cli.doc;

import io.gatewatch.cli.Main;
import io.gatewatch.detect.sigma.LoadError;
import io.gatewatch.detect.sigma.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatewatch doc intake}: documentation generated from the code. */
@Command(
        name = "doc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Documentation generated from the code, so that it cannot drift from it."},
        subcommands = {DocCommand.Intake.class})
public final class DocCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: intake");
    }

    @Command(name = "intake", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Prints the Markdown documentation of the Connect Secure intake: supported formats, event"
                + " categories, the extracted ECS fields and their types, sample events as the parser normalizes"
                + " them, and the built-in rules with their ATT&CK mapping.",
                "Exit codes: 0 written; 1 a built-in rule did not load (the document leaves it out)."})
    static final class Intake implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        final PrintStream out = System.out;
        final PrintStream err = System.err;

        @Override
        public Integer call() throws IOException {
            RuleSet rules = RuleSet.builtin();
            for (LoadError e : rules.errors()) {
                err.println("gatewatch doc intake: built-in rule not loaded: " + e);
            }
            String doc = IntakeDoc.generate(rules);
            if (output == null) {
                out.print(doc);
                out.flush();
            } else {
                Files.writeString(output, doc, StandardCharsets.UTF_8);
            }
            return rules.errors().isEmpty() ? 0 : 1;
        }
    }
}

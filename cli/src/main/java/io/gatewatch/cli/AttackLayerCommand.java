package io.gatewatch.cli;

import io.gatewatch.detect.attack.AttackCoverage;
import io.gatewatch.detect.attack.NavigatorLayer;
import io.gatewatch.detect.sigma.LoadError;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gatewatch attack-layer}: the ATT&CK Navigator layer of the rules, to open in the Navigator. */
@Command(
        name = "attack-layer",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Prints the ATT&CK Navigator layer (format 4.5) of the rules that raise alerts: one entry per"
                + " technique and parent technique their attack.* tags name, scored by the number of rules, with the"
                + " rules' titles in the comment. Open it in the Navigator with \"Open Existing Layer\".",
            "Exit codes: 0 all rules loaded; 1 some rules did not load (the layer leaves them out, the errors go"
                + " to standard error); 2 bad options."})
final class AttackLayerCommand implements Callable<Integer> {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A directory of rules (.yml, subdirectories too) or one rule file; repeatable.")
    List<Path> ruleDirs = List.of();

    @Option(names = "--no-builtin", description = "Leave out the built-in rule pack.")
    boolean noBuiltin;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the layer to FILE instead of standard output.")
    Path output;

    @Mixin
    RuleOptions ruleOptions;

    private final PrintStream out;
    private final PrintStream err;

    AttackLayerCommand() {
        this(System.out, System.err);
    }

    AttackLayerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        Map<String, List<String>> placeholders;
        List<RuleFile> files;
        try {
            placeholders = ruleOptions.placeholders();
            files = RuleOptions.files(!noBuiltin, ruleDirs);
        } catch (IllegalArgumentException e) {
            err.println("gatewatch attack-layer: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("gatewatch attack-layer: cannot read rules " + e.getFile() + ": no such file or directory");
            return 2;
        }
        RuleSet rules = RuleSet.load(files, placeholders);
        for (LoadError e : rules.errors()) {
            err.println(RulesCommand.errorJson(e));
        }
        String layer = NavigatorLayer.json(AttackCoverage.of(rules), "gatewatch detection coverage");
        if (output == null) {
            out.print(layer);
            out.flush();
        } else {
            Files.writeString(output, layer, StandardCharsets.UTF_8);
        }
        return rules.errors().isEmpty() ? 0 : 1;
    }
}

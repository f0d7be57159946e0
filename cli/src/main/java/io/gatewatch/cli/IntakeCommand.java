package io.gatewatch.cli;

import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch intake add|list|remove}: the intakes of a data directory. */
@Command(
        name = "intake",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Manages intakes: each event belongs to the intake whose key it came with.",
        subcommands = {IntakeCommand.Add.class, IntakeCommand.ListIntakes.class, IntakeCommand.Remove.class})
final class IntakeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: add, list or remove");
    }

    /** One intake as a JSON line. */
    static String json(Intake i) {
        JsonOutput out = new JsonOutput(256);
        out.raw((byte) '{');
        field(out, "name", i.name(), false);
        field(out, "key", i.key(), true);
        field(out, "format", i.format(), true);
        field(out, "timezone", i.timezone(), true);
        out.raw(",\"created\":".getBytes(StandardCharsets.US_ASCII));
        out.number(i.createdAtMillis());
        out.raw((byte) '}');
        return out.toString();
    }

    private static void field(JsonOutput out, String name, String value, boolean comma) {
        if (comma) {
            out.raw((byte) ',');
        }
        out.string(name);
        out.raw((byte) ':');
        out.string(value);
    }

    abstract static class DataCommand implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        final PrintStream out = System.out;
        final PrintStream err = System.err;

        IntakeRegistry registry() {
            return new IntakeRegistry(data.dir);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Registers an intake and prints it, with its key, as a JSON line.")
    static final class Add extends DataCommand {
        @Parameters(paramLabel = "NAME", description = "1 to 63 of [a-z0-9_-].")
        String name;

        @Option(names = "--key", paramLabel = "KEY",
                description = "The intake key (16 to 128 of [A-Za-z0-9_-]); default: 40 random alphanumerics.")
        String key;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
                description = "auto, welf, standard or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--timezone", paramLabel = "TZ", defaultValue = "UTC",
                description = "How to read zone-less appliance times: UTC, auto or a zone (default: ${DEFAULT-VALUE}).")
        String timezone;

        @Override
        public Integer call() throws IOException {
            Intake intake;
            try {
                intake = new Intake(name, key == null ? IntakeRegistry.generateKey() : key, format, timezone,
                        System.currentTimeMillis());
                registry().add(intake);
            } catch (IllegalArgumentException e) {
                err.println("gatewatch intake add: " + e.getMessage());
                return 2;
            }
            out.println(json(intake));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints every intake as a JSON line.")
    static final class ListIntakes extends DataCommand {
        @Override
        public Integer call() throws IOException {
            for (Intake i : registry().list()) {
                out.println(json(i));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes an intake: events with its key are refused from then on.")
    static final class Remove extends DataCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!registry().remove(name)) {
                err.println("gatewatch intake remove: no intake named '" + name + "'");
                return 1;
            }
            out.println("{\"removed\":" + quoted(name) + "}");
            return 0;
        }

        private static String quoted(String s) {
            JsonOutput o = new JsonOutput(64);
            o.string(s);
            return o.toString();
        }
    }
}

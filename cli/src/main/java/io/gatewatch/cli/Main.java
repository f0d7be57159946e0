package io.gatewatch.cli;

import io.gatewatch.cli.doc.DocCommand;
import io.gatewatch.cli.loadgen.LoadgenCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gatewatch}: the one command line of gatewatch. */
@Command(
        name = "gatewatch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Log intake and threat detection for Pulse Secure / Ivanti Connect Secure appliances.",
        subcommands = {ServeCommand.class, ParseCommand.class, IntakeCommand.class, JournalCommand.class,
            SearchCommand.class, TokenCommand.class, LoadgenCommand.class, RulesCommand.class, DetectCommand.class,
            AlertsCommand.class, AlertCommand.class,
            AttackLayerCommand.class, DocCommand.class, CtiCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Lucene says at start-up, as a warning, that the incubating vector API is not enabled. It only
     * speeds up vector search, which gatewatch does not use, so the line would only alarm
     * operators. Held: java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // An I/O failure is the user's to act on: one line naming the command and the reason.
                    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
                    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'gatewatch parse --help'");
    }

    /** The version line of every command (public: commands of other packages name it too). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"gatewatch " + p.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

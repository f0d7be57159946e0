package io.gatewatch.cli;

import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.server.auth.ApiTokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gatewatch token create|list}: bearer tokens of the search API. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Bearer tokens for the events API (search, aggregate, event by id)."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: create or list");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Creates a token and prints it once, as a JSON line: only its SHA-256 digest is kept,"
                + " in DIR/" + ApiTokens.FILE + ". A running server accepts it at once."})
    static final class Create implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "cli",
                description = "A name to tell tokens apart (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() throws Exception {
            String token;
            try {
                token = new ApiTokens(data.dir).create(name);
            } catch (IllegalArgumentException e) {
                System.err.println("gatewatch token create: " + e.getMessage());
                return 2;
            }
            JsonOutput out = new JsonOutput(128);
            out.raw("{\"name\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.string(name);
            out.raw(",\"token\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.string(token);
            out.raw((byte) '}');
            System.out.println(out);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Lists the tokens' names and creation times, one JSON line each (never the tokens)."})
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() throws Exception {
            for (ApiTokens.Entry e : new ApiTokens(data.dir).list()) {
                JsonOutput out = new JsonOutput(128);
                out.raw("{\"name\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.string(e.name());
                out.raw(",\"created\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.string(io.gatewatch.core.ecs.Rfc3339.formatUtc(e.createdAtMillis()));
                out.raw((byte) '}');
                System.out.println(out);
            }
            return 0;
        }
    }
}

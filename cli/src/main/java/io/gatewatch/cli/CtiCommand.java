package io.gatewatch.cli;

import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.detect.cti.ImportSummary;
import io.gatewatch.detect.cti.TaxiiClient;
import io.gatewatch.detect.cti.TaxiiCredentials;
import io.gatewatch.detect.cti.TaxiiPoller;
import io.gatewatch.detect.cti.ThreatIntel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatewatch cti import|list}: STIX 2.1 indicator sources of a data directory. */
@Command(
        name = "cti",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Threat intelligence: import STIX 2.1 bundles, list the sources that serve matches events against."},
        subcommands = {CtiCommand.Import.class, CtiCommand.ListSources.class, CtiCommand.Pull.class})
final class CtiCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: import or list");
    }

    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Imports the indicators of a STIX 2.1 bundle into a source (DIR/cti/SOURCE.json) and prints"
                + " a JSON line: indicators added, updated, revoked, unchanged, kept but not matched and rejected,"
                + " with reasons. A running server picks the source up within a minute."})
    static final class Import implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Parameters(paramLabel = "FILE", description = "The bundle (JSON).")
        Path file;

        @Option(names = "--source", paramLabel = "NAME",
                description = "Source name (default: the file name without .json).")
        String source;

        @Override
        public Integer call() throws Exception {
            String name = source != null ? source : defaultSource(file);
            ImportSummary s;
            try (InputStream in = Files.newInputStream(file)) {
                s = ThreatIntel.open(data.dir, System::currentTimeMillis).importBundle(name, in);
            } catch (NoSuchFileException e) {
                System.err.println("gatewatch cti import: no such file: " + e.getFile());
                return 2;
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("gatewatch cti import: " + file + ": " + e.getMessage());
                return 1;
            }
            System.out.println(json(s));
            return 0;
        }

        static String defaultSource(Path file) {
            String n = file.getFileName().toString();
            return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Lists the sources, one JSON line each: indicators held, matched per event, revoked,"
                + " and kept but not matched."})
    static final class ListSources implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() throws Exception {
            for (ThreatIntel.SourceInfo s : ThreatIntel.open(data.dir, System::currentTimeMillis).sources()) {
                JsonOutput out = new JsonOutput(128);
                raw(out, "{\"source\":");
                out.string(s.name());
                raw(out, ",\"indicators\":" + s.indicators() + ",\"matched\":" + s.matchable() + ",\"revoked\":"
                        + s.revoked() + ",\"not_matched\":" + s.unsupported() + "}");
                System.out.println(out);
            }
            return 0;
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Pulls the indicators of a TAXII 2.1 collection into a source, from where the last pull"
                + " stopped (added_after), and prints one JSON summary line per page. With --interval, keeps"
                + " pulling at that interval until stopped."})
    static final class Pull implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Parameters(paramLabel = "API_ROOT", description = "The API root URL (as listed by the server's discovery).")
        java.net.URI apiRoot;

        @Option(names = "--collection", paramLabel = "ID", required = true, description = "Collection id.")
        String collection;

        @Option(names = "--source", paramLabel = "NAME", required = true, description = "Source name.")
        String source;

        @Option(names = "--user", paramLabel = "USER", description = "HTTP Basic user (with --password-env).")
        String user;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Environment variable holding the Basic password (never on the command line).")
        String passwordEnv;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a bearer token.")
        String tokenEnv;

        @Option(names = "--interval", paramLabel = "DURATION",
                description = "Keep pulling, e.g. PT15M (ISO-8601 duration, at least 10 seconds).")
        java.time.Duration interval;

        @Override
        public Integer call() throws Exception {
            TaxiiPoller poller;
            try {
                TaxiiClient.Auth auth = new TaxiiCredentials(user, passwordEnv, tokenEnv).resolve(System::getenv);
                var feed = new TaxiiPoller.Feed(source, apiRoot, collection,
                        interval == null ? TaxiiPoller.DEFAULT_INTERVAL : interval);
                poller = new TaxiiPoller(feed, new TaxiiClient(auth, TaxiiClient.DEFAULT_TIMEOUT),
                        ThreatIntel.open(data.dir, System::currentTimeMillis), data.dir);
            } catch (IllegalArgumentException e) {
                System.err.println("gatewatch cti pull: " + e.getMessage());
                return 2;
            }
            while (true) {
                try {
                    for (ImportSummary s : poller.pollOnce()) {
                        System.out.println(json(s));
                    }
                } catch (IOException e) {
                    System.err.println("gatewatch cti pull: " + e.getMessage());
                    if (interval == null) {
                        return 1;
                    }
                }
                if (interval == null) {
                    return 0;
                }
                Thread.sleep(interval.toMillis());
            }
        }
    }

    static String json(ImportSummary s) {
        JsonOutput out = new JsonOutput(256);
        raw(out, "{\"source\":");
        out.string(s.source());
        raw(out, ",\"added\":" + s.added() + ",\"updated\":" + s.updated() + ",\"revoked\":" + s.revoked()
                + ",\"unchanged\":" + s.unchanged() + ",\"not_matched\":" + sum(s.unsupported()) + ",\"rejected\":"
                + sum(s.rejected()) + ",\"skipped_objects\":" + s.skipped() + ",\"total\":" + s.total()
                + ",\"not_matched_reasons\":");
        reasons(out, s.unsupported());
        raw(out, ",\"rejected_reasons\":");
        reasons(out, s.rejected());
        raw(out, "}");
        return out.toString();
    }

    private static long sum(Map<String, Integer> m) {
        return m.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static void reasons(JsonOutput out, Map<String, Integer> m) {
        raw(out, "{");
        boolean first = true;
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(m).entrySet()) {
            if (!first) {
                raw(out, ",");
            }
            first = false;
            out.string(e.getKey());
            raw(out, ":" + e.getValue());
        }
        raw(out, "}");
    }

    private static void raw(JsonOutput out, String s) {
        out.raw(s.getBytes(StandardCharsets.UTF_8));
    }
}

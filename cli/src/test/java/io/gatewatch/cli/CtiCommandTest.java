package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gatewatch cti import|list|pull}: a summary line per import, a line per source; and the
 * feeds {@code serve} polls from its configuration file.
 */
class CtiCommandTest {
    private static final String BUNDLE = """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--1", "created": "2023-01-01T00:00:00Z",
               "modified": "2023-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '203.0.113.7']",
               "pattern_type": "stix", "valid_from": "2023-01-01T00:00:00Z"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--2", "created": "2023-01-01T00:00:00Z",
               "modified": "2023-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = ", "pattern_type": "stix",
               "valid_from": "2023-01-01T00:00:00Z"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--3", "created": "2023-01-01T00:00:00Z",
               "modified": "2023-01-01T00:00:00Z", "pattern": "[file:name = 'x.exe']", "pattern_type": "stix",
               "valid_from": "2023-01-01T00:00:00Z"}
            ]}
            """;

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void import_printsSummary_list_printsSources(@TempDir Path tmp) throws Exception {
        Path bundle = tmp.resolve("abuse-feed.json");
        Files.writeString(bundle, BUNDLE);
        Path data = tmp.resolve("data");
        Run imported = run("cti", "import", bundle.toString(), "--data", data.toString());
        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).startsWith("{\"source\":\"abuse-feed\",\"added\":2,\"updated\":0,\"revoked\":0,"
                + "\"unchanged\":0,\"not_matched\":1,\"rejected\":1,\"skipped_objects\":0,\"total\":2,"
                + "\"not_matched_reasons\":{\"object path file:name is not matched\":1},"
                + "\"rejected_reasons\":{\"invalid pattern: expected a literal after = but the pattern ended at position 19\":1}}");

        Run again = run("cti", "import", bundle.toString(), "--source", "other", "--data", data.toString());
        assertThat(again.out()).startsWith("{\"source\":\"other\",\"added\":2,");

        Run list = run("cti", "list", "--data", data.toString());
        assertThat(list.out().lines()).containsExactly(
                "{\"source\":\"abuse-feed\",\"indicators\":2,\"matched\":1,\"revoked\":0,\"not_matched\":1}",
                "{\"source\":\"other\",\"indicators\":2,\"matched\":1,\"revoked\":0,\"not_matched\":1}");
    }

    @Test
    void import_refusesMissingFileAndBadSource(@TempDir Path tmp) throws Exception {
        assertThat(run("cti", "import", tmp.resolve("none.json").toString(), "--data", tmp.toString()).exit()).isEqualTo(2);
        Path bundle = tmp.resolve("b.json");
        Files.writeString(bundle, BUNDLE);
        assertThat(run("cti", "import", bundle.toString(), "--source", "../x", "--data", tmp.toString()).exit()).isEqualTo(1);
    }

    /** A TAXII API root at {@code /api/} whose collection {@code c1} holds {@link #BUNDLE}'s indicators, added at one date. */
    private static com.sun.net.httpserver.HttpServer taxii(java.util.List<String> queries) throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/collections/c1/objects/", x -> {
            String q = x.getRequestURI().getQuery();
            queries.add(q);
            String body = q.contains("added_after") ? "{\"more\":false}" : BUNDLE;
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/taxii+json;version=2.1");
            x.getResponseHeaders().set("X-TAXII-Date-Added-Last", "2024-05-01T00:00:00.000Z");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    void pull_importsACollectionPage_thenOnlyWhatIsNew(@TempDir Path tmp) throws Exception {
        java.util.List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = taxii(queries);
        try {
            String root = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
            Path data = tmp.resolve("data");
            Run first = run("cti", "pull", root, "--collection", "c1", "--source", "taxii", "--data", data.toString());
            assertThat(first.exit()).isZero();
            assertThat(first.out()).startsWith("{\"source\":\"taxii\",\"added\":2,");
            Run second = run("cti", "pull", root, "--collection", "c1", "--source", "taxii", "--data", data.toString());
            assertThat(second.exit()).isZero();
            assertThat(second.out()).isEmpty();
            assertThat(queries.get(1)).contains("added_after=2024-05-01T00:00:00.000Z");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void serve_pollsTheFeedsOfItsConfig_andStopsCleanly(@TempDir Path tmp) throws Exception {
        java.util.List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer taxii = taxii(queries);
        Path config = tmp.resolve("serve.yml");
        Files.writeString(config, "cti:\n  feeds:\n    - {source: acme, api_root: 'http://127.0.0.1:" + taxii.getAddress().getPort()
                + "/api/', collection: c1, interval: PT1M}\n");
        Path data = tmp.resolve("data");
        try (ServeProcess serve = ServeProcess.start(data, "--config", config.toString())) {
            assertThat(serve.startedValue("taxii_feeds")).isEqualTo("acme");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(data.resolve("cti/acme.taxii-cursor")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(data.resolve("cti/acme.taxii-cursor")).strip()).isEqualTo("2024-05-01T00:00:00.000Z");
            LauncherTest.Run stopped = serve.stop();
            assertThat(stopped.exit()).as(stopped.stderr()).isZero();
            assertThat(stopped.stderr()).contains("\"event\":\"stopped\"");
        } finally {
            taxii.stop(0);
        }
        assertThat(run("cti", "list", "--data", data.toString()).out())
                .startsWith("{\"source\":\"acme\",\"indicators\":2,\"matched\":1,");
    }

    @Test
    void serve_refusesToStartWhenAFeedsSecretIsNotSet(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("serve.yml");
        Files.writeString(config, "cti:\n  feeds:\n    - {source: acme, api_root: 'https://taxii.example/api/', collection: c1,"
                + " token_env: GATEWATCH_TEST_VARIABLE_NEVER_SET}\n");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run("serve", "--config", config.toString(), "--data", tmp.resolve("data").toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("gatewatch serve: ")
                .contains("'cti.feeds[0].token_env': environment variable GATEWATCH_TEST_VARIABLE_NEVER_SET is not set");
        assertThat(tmp.resolve("data")).doesNotExist();
    }
}

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

/** {@code gatewatch cti import|list}: a summary line per import, a line per source. */
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

    @Test
    void pull_importsACollectionPage_thenOnlyWhatIsNew(@TempDir Path tmp) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
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
}

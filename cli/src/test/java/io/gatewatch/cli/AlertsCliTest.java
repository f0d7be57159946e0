package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import io.gatewatch.store.search.SearchRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatewatch alerts} and {@code gatewatch alert} through the command line's entry point, on a
 * server's data directory and on its API. In-process, so the launcher does not rebuild mid-test.
 */
class AlertsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String stdout, String stderr) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.isEmpty()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        }
    }

    /** Runs the command line with stdout and stderr captured (the streams are the process's: one run at a time). */
    static synchronized Run gatewatch(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @TempDir
    Path data;

    @TempDir
    Path empty;

    static String logCleared(int i) {
        return "id=firewall time=\"2025-01-09 03:14:" + String.format("%02d", i) + "\" pri=6 fw=192.0.2.10 vpn=ics-node1"
                + " ivs=Default Network user=admin" + i + " realm=\"Admin Users\" roles=\".Administrators\" type=mgmt"
                + " msg=\"ADM20599: Events log has been cleared.\"";
    }

    @Test
    void listsAndShowsAlertsFromTheDataDirectoryAndTheServer() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(logCleared(i));
        }
        try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024));
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/plain/batch"))
                    .header("X-SEKOIAIO-INTAKE-KEY", key)
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (server.store().search(SearchRequest.of("")).total() < lines.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Run remote = gatewatch("alerts", "--server", "http://127.0.0.1:" + server.httpPort(), "--data", data.toString(),
                    "--table");
            assertThat(remote.exit()).as(remote.stderr()).isZero();
            assertThat(remote.stdout().lines().findFirst().orElseThrow()).startsWith("id").contains("status").contains("title");
            assertThat(remote.stdout()).contains("Log Cleared").contains("pending");
        }

        Run listed = gatewatch("alerts", "--data", data.toString(), "--status", "open");
        assertThat(listed.exit()).as(listed.stderr()).isZero();
        JsonNode cleared = null;
        for (JsonNode a : listed.lines()) {
            if (a.get("title").asText().contains("Log Cleared")) {
                cleared = a;
            }
        }
        assertThat(cleared).as(listed.stdout()).isNotNull();
        assertThat(cleared.get("occurrences").asLong()).isEqualTo(3);

        Run shown = gatewatch("alert", cleared.get("short_id").asText(), "--data", data.toString());
        assertThat(shown.exit()).as(shown.stderr()).isZero();
        JsonNode detail = JSON.readTree(shown.stdout());
        assertThat(detail.get("events")).hasSize(3);
        assertThat(detail.at("/history/0/to").asText()).isEqualTo("pending");

        assertThat(gatewatch("alerts", "--data", data.toString(), "--status", "closed").stdout()).isEmpty();
        Run missing = gatewatch("alert", "AL00000000", "--data", data.toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.stderr()).contains("no alert");
        Run bad = gatewatch("alerts", "--data", data.toString(), "--status", "nonsense");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("unknown status");
        Run none = gatewatch("alerts", "--data", empty.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.stderr()).contains("no alerts in");
    }

    @Test
    void alert_changesStatusAndComments_onTheDataDirectoryAndTheServer() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        ServerConfig config = new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024);
        try (Server server = Server.start(config); HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/plain"))
                    .header("X-SEKOIAIO-INTAKE-KEY", key)
                    .POST(HttpRequest.BodyPublishers.ofString(logCleared(0))).build(), HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (server.store().search(SearchRequest.of("")).total() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        String id = gatewatch("alerts", "--data", data.toString()).lines().getFirst().get("short_id").asText();

        Run acked = gatewatch("alert", id, "--data", data.toString(), "--status", "acknowledged", "--comment", "on it",
                "--author", "ana", "--json");
        assertThat(acked.exit()).as(acked.stderr()).isZero();
        JsonNode detail = JSON.readTree(acked.stdout());
        assertThat(detail.at("/status/name").asText()).isEqualTo("acknowledged");
        assertThat(detail.at("/history/1/author").asText()).isEqualTo("ana");
        assertThat(detail.at("/history/1/comment").asText()).isEqualTo("on it");
        assertThat(gatewatch("alert", id, "--data", data.toString(), "--comment", "asked the admins", "--author", "ana").exit())
                .isZero();
        Run refused = gatewatch("alert", id, "--data", data.toString(), "--status", "pending");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.stderr()).contains("cannot go from acknowledged to pending");
        assertThat(gatewatch("alert", id, "--data", data.toString(), "--status", "later").exit()).isEqualTo(2);

        try (Server server = Server.start(config)) {
            Run assigned = gatewatch("alert", id, "--server", "http://127.0.0.1:" + server.httpPort(), "--data", data.toString(),
                    "--status", "ongoing", "--assignee", "bob", "--json");
            assertThat(assigned.exit()).as(assigned.stderr()).isZero();
            JsonNode after = JSON.readTree(assigned.stdout());
            assertThat(after.get("assignee").asText()).isEqualTo("bob");
            assertThat(after.at("/history/2/author").asText()).isEqualTo("first"); // the token's name
            assertThat(after.get("comments")).hasSize(1);
        }
    }
}

package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a serve whose store has committed part of what it indexed: after the restart the store
 * replays the journal from where it had committed, and every acknowledged event is searchable
 * exactly once (ids are journal positions, and a replay never indexes a committed one again).
 */
class StoreCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 2_000;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private void send(ServeProcess server, int from) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < from + BATCH; i++) {
            lines.add("id=firewall time=\"2026-11-23 08:00:00\" pri=6 fw=10.1.1.1 vpn=ive user=u" + (i % 7)
                    + " src=10.2.0." + (i % 250) + " msg=\"AUT22673: Logout from 10.2.0." + (i % 250) + " (session:k" + i + ")\"");
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("http") + "/plain/batch"))
                .header("X-SEKOIAIO-INTAKE-KEY", server.defaultKey())
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode search(ServeProcess server, String token, String cursor) throws Exception {
        String q = "/api/v1/events/search?size=1000" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("http") + q))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private long waitForTotal(ServeProcess server, String token, long expected) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        long total;
        while ((total = search(server, token, null).get("total").asLong()) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return total;
    }

    @Test
    void sigkill_thenRestart_everyEventSearchableExactlyOnce() throws Exception {
        Path config = data.resolve("serve.yml");
        Files.writeString(config, "store: {commit_ms: 1000}\n");
        String token;
        String relp;
        String httpPort;
        try (ServeProcess server = ServeProcess.start(data.resolve("d"), "--config", config.toString())) {
            token = Files.readString(Path.of(server.startedValue("api_token_file"))).strip();
            send(server, 0);
            assertThat(waitForTotal(server, token, BATCH)).isEqualTo(BATCH);
            Thread.sleep(2_500); // past a commit: the first batch is durable in the store
            send(server, BATCH);
            assertThat(waitForTotal(server, token, 2 * BATCH)).isEqualTo(2 * BATCH);
            server.kill(); // most likely before the second batch was committed
            relp = server.port("relp");
            httpPort = server.port("http");
        }
        try (ServeProcess restarted = ServeProcess.startWith(data.resolve("d"), "--config", config.toString(),
                "--syslog-tcp-port", "-1", "--syslog-udp-port", "-1", "--relp-port", relp, "--http-port", httpPort)) {
            assertThat(waitForTotal(restarted, token, 2 * BATCH)).isEqualTo(2 * BATCH);
            Thread.sleep(1_000); // a replay that duplicated would show up by now
            Set<String> ids = new HashSet<>();
            Set<String> sessions = new HashSet<>();
            String cursor = null;
            int hits = 0;
            do {
                JsonNode page = search(restarted, token, cursor);
                for (JsonNode e : page.get("events")) {
                    hits++;
                    ids.add(e.at("/event/id").asText());
                    sessions.add(e.at("/pulse_secure/session/id").asText());
                }
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
            assertThat(search(restarted, token, null).get("total").asLong()).isEqualTo(2 * BATCH);
            assertThat(hits).isEqualTo(2 * BATCH);
            assertThat(ids).hasSize(2 * BATCH);
            assertThat(sessions).hasSize(2 * BATCH);
        }
    }
}

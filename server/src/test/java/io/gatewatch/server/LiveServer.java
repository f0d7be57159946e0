package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.server.detect.DetectionStage;
import io.gatewatch.store.search.SearchRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a running {@link Server} over its HTTP intake and reads back what it made of the lines:
 * the stored events and the alerts file. For tests that go end to end, through the journal,
 * the store and detection.
 */
public final class LiveServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // The store indexes in the background; on a loaded machine that can take a while.
    private static final long STORED_TIMEOUT_NANOS = 60_000_000_000L;

    private LiveServer() {
    }

    /** A gateway line the built-in rules alert on: an administrator cleared the event log. */
    public static String logCleared(int i) {
        return "id=firewall time=\"2025-01-09 03:14:" + String.format("%02d", i) + "\" pri=6 fw=192.0.2.10 vpn=ics-node1"
                + " ivs=Default Network user=admin" + i + " realm=\"Admin Users\" roles=\".Administrators\" type=mgmt"
                + " msg=\"ADM20599: Events log has been cleared.\"";
    }

    /** A gateway line of a failed login, from one source address. */
    public static String failedLogin(int i) {
        return "id=firewall time=\"2025-01-09 04:00:" + String.format("%02d", i) + "\" pri=6 fw=192.0.2.10 vpn=ics-node1"
                + " user=victim realm=\"Users\" roles=\"\" proto=auth src=203.0.113.9 type=vpn"
                + " msg=\"AUT23457: Login failed using auth server Corp (LDAP Server).  Reason: Failed\"";
    }

    /** Posts the lines to {@code /plain/batch} under an intake key, and expects them accepted. */
    public static void send(Server server, String key, List<String> lines) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/plain/batch"))
                .header("X-SEKOIAIO-INTAKE-KEY", key)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Waits until the store holds {@code count} events, and fails if it ends up with another number. */
    public static void awaitStored(Server server, long count) throws Exception {
        long deadline = System.nanoTime() + STORED_TIMEOUT_NANOS;
        while (server.store().search(SearchRequest.of("")).total() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.store().search(SearchRequest.of("")).total()).isEqualTo(count);
    }

    /** The alerts detection wrote under a data directory, oldest first; none before the file exists. */
    public static List<JsonNode> alerts(Path data) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Path file = data.resolve(DetectionStage.ALERTS_FILE);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}

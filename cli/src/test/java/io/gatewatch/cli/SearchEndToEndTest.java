package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.server.Rsyslog;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real parts: rsyslog forwards appliance lines over RELP with the Sekoia.io
 * template to a real {@code ./gatewatch serve}; the events API finds them with their ECS fields;
 * while it runs, {@code gatewatch search} on its data directory asks it; after a stop, it finds them
 * on the data directory.
 */
class SearchEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 400;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    static String line(int i) {
        String ip = i % 8 == 0 ? "2001:db8::" + Integer.toHexString(i) : "198.51.100." + (i % 200);
        String time = String.format("2026-11-22 23:%02d:%02d", (i / 60) % 60, i % 60);
        String msg = i % 5 == 0
                ? "AUT23457: Login failed using auth server Corp (LDAP Server).  Reason: Failed"
                : "AUT22673: Logout from " + ip + " (session:e2e" + i + ")";
        return "id=firewall time=\"" + time + "\" pri=6 fw=10.1.1.1 vpn=ive user=u" + (i % 4) + " realm=\"Users\" roles=\"Staff\" src="
                + ip + " type=vpn msg=\"" + msg + "\" seq=" + i;
    }

    private JsonNode search(ServeProcess server, String token, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("http")
                        + "/api/v1/events/search?size=1000&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void rsyslogToServeToSearch() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add(line(i));
        }
        try (ServeProcess server = ServeProcess.start(data)) {
            String token = Files.readString(Path.of(server.startedValue("api_token_file"))).strip();
            try (Rsyslog rsyslog = Rsyslog.start(data.resolve("rsyslog"), Integer.parseInt(server.port("relp")),
                    server.defaultKey(), "")) {
                rsyslog.send(lines);
                long deadline = System.nanoTime() + 90_000_000_000L;
                while (search(server, token, "").get("total").asLong() < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(search(server, token, "").get("total").asLong()).as(rsyslog.output()).isEqualTo(EVENTS);
            }

            JsonNode failed = search(server, token, "event.code:AUT23457 AND event.outcome:failure AND user.name:u0");
            assertThat(failed.get("total").asLong()).isEqualTo(20); // i % 20 == 0
            JsonNode v6 = search(server, token, "source.ip:\"2001:db8::/32\" AND NOT event.code:AUT23457");
            assertThat(v6.get("total").asLong()).isEqualTo(40); // i % 8 == 0 and i % 5 != 0

            JsonNode e = search(server, token, "\"seq=123\"").get("events").get(0);
            assertThat(e.get("@timestamp").asText()).isEqualTo("2026-11-22T23:02:03Z");
            assertThat(e.at("/event/code").asText()).isEqualTo("AUT22673");
            assertThat(e.at("/event/category").toString()).contains("authentication");
            assertThat(e.at("/user/name").asText()).isEqualTo("u3");
            assertThat(e.at("/source/ip").asText()).isEqualTo("198.51.100.123");
            assertThat(e.at("/observer/ip/0").asText()).isEqualTo("10.1.1.1");
            assertThat(e.at("/gatewatch/intake").asText()).isEqualTo("default");
            assertThat(e.at("/syslog/SEKOIA@53288/intake_key").asText()).isEqualTo(server.defaultKey());
            assertThat(e.at("/log/syslog/hostname").asText()).isNotEmpty();
            assertThat(e.at("/event/ingested").asText()).isNotEmpty();
            assertThat(e.get("tags")).isNull();

            // Running: the CLI on the data directory asks the server, which has refreshed what it has not
            // committed yet.
            LauncherTest.Run live = LauncherTest.gatewatch(null, "search", "--data", data.toString(), "--limit", "1000",
                    "user.name:u1 AND source.ip:198.51.100.0/24");
            assertThat(live.exit()).as(live.stderr()).isZero();
            assertThat(live.events()).hasSize(100);
            assertThat(live.stderr()).contains("\"total\":100")
                    .contains("\"searched\":\"http://127.0.0.1:" + server.port("http") + "\"");

            LauncherTest.Run stopped = server.stop();
            assertThat(stopped.exit()).as(stopped.stderr()).isZero();
        }
        // Stopped cleanly, the store is committed: the CLI reads it straight from the data directory.
        LauncherTest.Run direct = LauncherTest.gatewatch(null, "search", "--data", data.toString(), "--limit", "1000",
                "user.name:u1 AND source.ip:198.51.100.0/24");
        assertThat(direct.exit()).as(direct.stderr()).isZero();
        assertThat(direct.events()).hasSize(100); // u1 is i % 4 == 1: never a multiple of 8, so always IPv4
        assertThat(direct.stderr()).contains("\"total\":100")
                .contains("\"searched\":\"" + data.resolve("store").toAbsolutePath().normalize() + "\"");
        assertThat(data.resolve(io.gatewatch.server.RunningServer.FILE)).as("removed at the stop").doesNotExist();
        LauncherTest.Run bad = LauncherTest.gatewatch(null, "search", "--data", data.toString(), "user.name:(u1");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("position");
    }
}

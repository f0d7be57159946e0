package io.gatewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events API over real HTTP, on a real server whose store is fed from its journal. */
class SearchApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private Server server;
    private String token;

    /** Event i: user u{i%3}, source 10.0.{i%2}.{i%200} or, every tenth, 2001:db8::{i}; logouts and failed logins. */
    static String line(int i) {
        String ip = i % 10 == 0 ? "2001:db8::" + Integer.toHexString(i) : "10.0." + (i % 2) + "." + (i % 200);
        String time = String.format("2026-11-23 10:%02d:%02d", (i / 60) % 60, i % 60);
        String msg = i % 4 == 0
                ? "AUT23457: Login failed using auth server Corp (LDAP Server).  Reason: Failed"
                : "AUT22673: Logout from " + ip + " (session:s" + i + ")";
        return "id=firewall time=\"" + time + "\" pri=6 fw=10.1.1.1 vpn=ive user=u" + (i % 3) + " realm=\"Users\" roles=\"Staff\" src="
                + ip + " type=vpn msg=\"" + msg + "\" seq=" + i;
    }

    @BeforeEach
    void start() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        server = Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024));
        assertThat(server.firstTokenFile()).isNotNull();
        token = Files.readString(server.firstTokenFile()).strip();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add(line(i));
        }
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(uri("/plain/batch"))
                .header("X-SEKOIAIO-INTAKE-KEY", key)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        // Acknowledged events become searchable within the refresh interval: wait (bounded) for all.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (search("").path("total").asLong() < EVENTS && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery);
    }

    private HttpResponse<String> get(String pathAndQuery, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode search(String query, String... params) throws Exception {
        StringBuilder q = new StringBuilder("/api/v1/events/search?q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
        for (String p : params) {
            q.append('&').append(p);
        }
        HttpResponse<String> r = get(q.toString(), token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> aggregate(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/events/aggregate"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void findsEveryEventWithItsFieldsNewestFirst() throws Exception {
        JsonNode all = search("", "size=5");
        assertThat(all.get("total").asLong()).isEqualTo(EVENTS);
        assertThat(all.get("total_relation").asText()).isEqualTo("eq");
        JsonNode newest = all.get("events").get(0);
        assertThat(newest.get("message").asText()).endsWith("seq=" + (EVENTS - 1));
        assertThat(newest.at("/gatewatch/intake").asText()).isEqualTo("vpn");
        assertThat(newest.at("/event/id").asText()).hasSize(36);
        assertThat(all.get("next_cursor").asText()).isNotEmpty();
    }

    @Test
    void queriesByUserIpCidrCodePhraseAndWildcard() throws Exception {
        assertThat(search("user.name:u1").get("total").asLong()).isEqualTo(100);
        assertThat(search("source.ip:2001\\:db8\\:\\:a").get("total").asLong()).isEqualTo(1);
        assertThat(search("source.ip:\"2001:db8::/32\"").get("total").asLong()).isEqualTo(30);
        assertThat(search("source.ip:10.0.1.0/24").get("total").asLong()).isEqualTo(150); // the odd events
        assertThat(search("event.code:AUT23457 AND user.name:u0").get("total").asLong()).isEqualTo(25);
        assertThat(search("\"login failed\"").get("total").asLong()).isEqualTo(75);
        assertThat(search("user.name:u* AND NOT event.outcome:success").get("total").asLong()).isEqualTo(75);
        assertThat(search("@timestamp:[2026-11-23T10:00:00Z TO 2026-11-23T10:00:59Z]").get("total").asLong()).isEqualTo(60);
        assertThat(search("", "from=2026-11-23T10:01:00Z", "to=2026-11-23T10:01:59Z").get("total").asLong()).isEqualTo(60);
        assertThat(search("", "intake=other").get("total").asLong()).isZero();
    }

    @Test
    void pagesThroughEverythingWithTheCursor() throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = search("", "size=70", cursor == null ? "" : "cursor=" + cursor);
            page.get("events").forEach(e -> ids.add(e.at("/event/id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(ids).hasSize(EVENTS);
    }

    @Test
    void aggregatesTopUsersPerSourceIp() throws Exception {
        HttpResponse<String> r = aggregate("""
                {"query": "event.code:AUT23457", "aggs": {
                  "ips": {"terms": {"field": "source.ip", "size": 2}, "aggs": {"users": {"terms": {"field": "user.name"}}}},
                  "per_minute": {"date_histogram": {"field": "@timestamp", "interval": "1m"}},
                  "users": {"cardinality": {"field": "user.name"}}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("matched").asLong()).isEqualTo(75);
        JsonNode ips = body.at("/aggregations/ips/buckets");
        assertThat(ips).hasSize(2);
        assertThat(ips.get(0).get("count").asLong()).isEqualTo(2); // every fourth event on 200 addresses
        assertThat(ips.get(0).at("/users/buckets")).isNotEmpty();
        assertThat(body.at("/aggregations/per_minute/buckets")).hasSize(5);
        assertThat(body.at("/aggregations/users/value").asLong()).isEqualTo(3);
    }

    @Test
    void oneEventWithItsRawLine() throws Exception {
        String id = search("\"seq=7\"").get("events").get(0).at("/event/id").asText();
        HttpResponse<String> r = get("/api/v1/events/" + id, token);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("raw").asText()).isEqualTo(line(7));
        assertThat(body.at("/event/user/name").asText()).isEqualTo("u1");
        assertThat(get("/api/v1/events/00000000-0000-8000-8000-00000000ffff", token).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/events/not-an-id", token).statusCode()).isEqualTo(404);
    }

    @Test
    void errorsAreClearAndAuthenticated() throws Exception {
        HttpResponse<String> none = get("/api/v1/events/search?q=x", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("error").asText()).contains("bearer token");
        assertThat(get("/api/v1/events/search?q=x", "gw_wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> bad = get("/api/v1/events/search?q=" + URLEncoder.encode("user.name:(a OR", StandardCharsets.UTF_8), token);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(bad.body());
        assertThat(error.get("position").asInt()).isBetween(0, 15);
        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(get("/api/v1/events/search?size=0", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/events/search?from=yesterday", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/events/search?cursor=zzz", token).statusCode()).isEqualTo(400);
        assertThat(aggregate("{\"aggs\": {\"m\": {\"terms\": {\"field\": \"message\"}}}}").statusCode()).isEqualTo(400);
        assertThat(aggregate("{\"aggs\": {\"m\": {\"median\": {\"field\": \"source.port\"}}}}").statusCode()).isEqualTo(400);
        assertThat(aggregate("not json").statusCode()).isEqualTo(400);

        // A token made while the server runs works at once.
        String another = server.tokens().create("analyst");
        assertThat(get("/api/v1/events/search?q=", another).statusCode()).isEqualTo(200);
    }
}

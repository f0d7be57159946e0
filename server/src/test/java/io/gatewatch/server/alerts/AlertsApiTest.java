package io.gatewatch.server.alerts;

import static io.gatewatch.server.LiveServer.awaitStored;
import static io.gatewatch.server.LiveServer.failedLogin;
import static io.gatewatch.server.LiveServer.logCleared;
import static io.gatewatch.server.LiveServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts API over real HTTP, on a real server whose detection feeds the alerts store. */
class AlertsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private HttpResponse<String> call(Server server, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static JsonNode byRuleTitle(JsonNode list, String part) {
        for (JsonNode a : list.get("alerts")) {
            if (a.get("title").asText().contains(part)) {
                return a;
            }
        }
        throw new AssertionError("no alert titled *" + part + "* in " + list);
    }

    private String key;
    private ServerConfig config;
    private final List<String> lines = new ArrayList<>();

    @FunctionalInterface
    private interface Body {
        void run(Server server, String token) throws Exception;
    }

    private void withServer(Body body) throws Exception {
        key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        config = new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024);
        for (int i = 0; i < 3; i++) {
            lines.add(logCleared(i));
        }
        for (int i = 0; i < 25; i++) {
            lines.add(failedLogin(i));
        }
        try (Server server = Server.start(config)) {
            send(server, key, lines);
            awaitStored(server, lines.size());
            body.run(server, Files.readString(server.firstTokenFile()).strip());
        }
    }

    @Test
    void list_groupsMatchesBySimilarity_andShowsOneWithItsEvents() throws Exception {
        withServer((server, token) -> {
            JsonNode all = ok(call(server, "GET", "/api/v1/alerts", null, token), 200);
            JsonNode cleared = byRuleTitle(all, "Log Cleared");
            // Three matches of one rule on one intake, without addresses: one alert.
            assertThat(cleared.get("occurrences").asLong()).isEqualTo(3);
            assertThat(cleared.at("/status/name").asText()).isEqualTo("pending");
            assertThat(cleared.at("/status/stage").asText()).isEqualTo("open");
            assertThat(cleared.get("intake").asText()).isEqualTo("vpn");
            assertThat(cleared.at("/urgency/value").asInt()).isBetween(10, 90);
            assertThat(cleared.get("first_seen_at").asText()).startsWith("2025-01-09T03:14:00");
            String shortId = cleared.get("short_id").asText();
            JsonNode brute = null;
            for (JsonNode a : all.get("alerts")) {
                if ("event_count".equals(a.get("correlation_type").asText())) {
                    brute = a;
                }
            }
            assertThat(brute).as(all.toString()).isNotNull();
            assertThat(brute.at("/group/user.name").asText()).isEqualTo("victim");

            JsonNode one = ok(call(server, "GET", "/api/v1/alerts/" + shortId, null, token), 200);
            assertThat(one.get("uuid").asText()).isEqualTo(cleared.get("uuid").asText());
            assertThat(one.get("events")).hasSize(3);
            assertThat(one.at("/events/0/event/user/name").asText()).isEqualTo("admin0");
            // The id detection gives the event is the one the events API finds it by.
            String eventId = one.at("/events/0/event_id").asText();
            assertThat(call(server, "GET", "/api/v1/events/" + eventId, null, token).statusCode()).isEqualTo(200);
            assertThat(one.get("history")).hasSize(1);
            assertThat(ok(call(server, "GET", "/api/v1/alerts/" + one.get("uuid").asText(), null, token), 200)
                    .get("short_id").asText()).isEqualTo(shortId);

            int total = all.get("alerts").size();
            assertThat(ok(call(server, "GET", "/api/v1/alerts?status=open&q=log%20cleared", null, token), 200).get("alerts")).hasSize(1);
            assertThat(ok(call(server, "GET", "/api/v1/alerts?stage=in_progress", null, token), 200).get("alerts")).isEmpty();
            assertThat(ok(call(server, "GET", "/api/v1/alerts?urgency_min=0&urgency_max=100&from=2025-01-01&to=2025-12-31", null, token),
                    200).get("alerts")).hasSize(total);
            assertThat(ok(call(server, "GET", "/api/v1/alerts?to=2024-12-31", null, token), 200).get("alerts")).isEmpty();
            assertThat(total).isGreaterThan(1);
            JsonNode page = ok(call(server, "GET", "/api/v1/alerts?limit=1", null, token), 200);
            JsonNode next = ok(call(server, "GET", "/api/v1/alerts?limit=1&cursor=" + page.get("next_cursor").asText(), null, token), 200);
            assertThat(next.at("/alerts/0/uuid").asText()).isNotEqualTo(page.at("/alerts/0/uuid").asText());
        });
    }

    @Test
    void patchAndComments_recordTheTokenAsAuthor_andRefuseWhatTheLifecycleForbids() throws Exception {
        withServer((server, token) -> {
            String shortId = byRuleTitle(ok(call(server, "GET", "/api/v1/alerts", null, token), 200), "Log Cleared")
                    .get("short_id").asText();
            JsonNode acked = ok(call(server, "PATCH", "/api/v1/alerts/" + shortId,
                    "{\"status\":\"acknowledged\",\"comment\":\"on it\",\"assignee\":\"ana\"}", token), 200);
            assertThat(acked.at("/status/name").asText()).isEqualTo("acknowledged");
            assertThat(acked.get("assignee").asText()).isEqualTo("ana");
            assertThat(acked.at("/history/1/author").asText()).isEqualTo("first"); // the token's name
            assertThat(acked.at("/history/1/comment").asText()).isEqualTo("on it");
            assertThat(acked.at("/history/1/from").asText()).isEqualTo("pending");
            JsonNode comment = ok(call(server, "POST", "/api/v1/alerts/" + shortId + "/comments", "{\"text\":\"admins asked\"}", token), 201);
            assertThat(comment.get("author").asText()).isEqualTo("first");
            assertThat(ok(call(server, "GET", "/api/v1/alerts?status=pending&q=log%20cleared", null, token), 200).get("alerts")).isEmpty();

            assertThat(ok(call(server, "PATCH", "/api/v1/alerts/" + shortId, "{\"status\":\"pending\"}", token), 409)
                    .get("error").asText()).contains("cannot go from acknowledged to pending");
            assertThat(ok(call(server, "PATCH", "/api/v1/alerts/" + shortId, "{\"status\":\"done\"}", token), 400)
                    .get("error").asText()).contains("pending, acknowledged");
            assertThat(call(server, "PATCH", "/api/v1/alerts/" + shortId, "{}", token).statusCode()).isEqualTo(400);
            assertThat(call(server, "PATCH", "/api/v1/alerts/" + shortId, "not json", token).statusCode()).isEqualTo(400);
            assertThat(call(server, "POST", "/api/v1/alerts/" + shortId + "/comments",
                    "{\"text\":\"" + "x".repeat(5000) + "\"}", token).statusCode()).isEqualTo(400);
        });
    }

    @Test
    void errors_areJsonWith401And404And400() throws Exception {
        withServer((server, token) -> {
            HttpResponse<String> none = call(server, "GET", "/api/v1/alerts", null, null);
            assertThat(ok(none, 401).get("error").asText()).contains("bearer token");
            assertThat(call(server, "GET", "/api/v1/alerts", null, "gw_wrong").statusCode()).isEqualTo(401);
            assertThat(call(server, "PATCH", "/api/v1/alerts/AL00000000", "{\"status\":\"closed\"}", null).statusCode()).isEqualTo(401);
            assertThat(ok(call(server, "GET", "/api/v1/alerts/AL00000000", null, token), 404).get("error").asText()).contains("no alert");
            assertThat(call(server, "PATCH", "/api/v1/alerts/nope", "{\"status\":\"closed\"}", token).statusCode()).isEqualTo(404);
            assertThat(call(server, "POST", "/api/v1/alerts/nope/comments", "{\"text\":\"x\"}", token).statusCode()).isEqualTo(404);
            assertThat(call(server, "GET", "/api/v1/alerts?status=nonsense", null, token).statusCode()).isEqualTo(400);
            assertThat(call(server, "GET", "/api/v1/alerts?stage=later", null, token).statusCode()).isEqualTo(400);
            assertThat(call(server, "GET", "/api/v1/alerts?limit=0", null, token).statusCode()).isEqualTo(400);
            assertThat(call(server, "GET", "/api/v1/alerts?urgency_min=90&urgency_max=10", null, token).statusCode()).isEqualTo(400);
            assertThat(call(server, "GET", "/api/v1/alerts?cursor=abc", null, token).statusCode()).isEqualTo(400);
            assertThat(call(server, "GET", "/api/v1/alerts?from=yesterday", null, token).statusCode()).isEqualTo(400);
            assertThat(call(server, "GET", "/api/v1/alerts?q=" + "x".repeat(300), null, token).statusCode()).isEqualTo(400);
        });
    }

    @Test
    void alerts_surviveARestart_andAReplayDoesNotCountTwice() throws Exception {
        String[] kept = new String[2];
        withServer((server, token) -> {
            kept[0] = token;
            kept[1] = byRuleTitle(ok(call(server, "GET", "/api/v1/alerts", null, token), 200), "Log Cleared").get("short_id").asText();
            ok(call(server, "PATCH", "/api/v1/alerts/" + kept[1], "{\"status\":\"acknowledged\",\"comment\":\"on it\"}", token), 200);
            ok(call(server, "POST", "/api/v1/alerts/" + kept[1] + "/comments", "{\"text\":\"admins asked\"}", token), 201);
        });
        String token = kept[0];
        String shortId = kept[1];
        // The store is lost: the next start indexes (and detects) the whole journal again. The
        // alerts store must not count the replayed matches twice, and keeps its history.
        try (Stream<Path> files = Files.walk(data.resolve("store"))) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        try (Server server = Server.start(config)) {
            awaitStored(server, lines.size());
            JsonNode one = ok(call(server, "GET", "/api/v1/alerts/" + shortId, null, token), 200);
            assertThat(one.get("occurrences").asLong()).isEqualTo(3);
            assertThat(one.at("/status/name").asText()).isEqualTo("acknowledged");
            assertThat(one.get("history")).hasSize(2);
            assertThat(one.get("comments")).hasSize(1);

            // A new match of the same kind joins the acknowledged alert; once it is closed, the next opens another.
            send(server, key, List.of(logCleared(9)));
            awaitStored(server, lines.size() + 1);
            assertThat(ok(call(server, "GET", "/api/v1/alerts/" + shortId, null, token), 200).get("occurrences").asLong()).isEqualTo(4);
            ok(call(server, "PATCH", "/api/v1/alerts/" + shortId, "{\"status\":\"closed\",\"comment\":\"maintenance\"}", token), 200);
            send(server, key, List.of(logCleared(10)));
            awaitStored(server, lines.size() + 2);
            JsonNode cleared = ok(call(server, "GET", "/api/v1/alerts?q=log%20cleared", null, token), 200);
            assertThat(cleared.get("alerts")).hasSize(2);
            assertThat(cleared.at("/alerts/0/status/name").asText()).isEqualTo("pending");
            assertThat(cleared.at("/alerts/0/occurrences").asLong()).isEqualTo(1);
        }
    }
}

package io.gatewatch.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.detect.attack.AttackCoverage;
import io.gatewatch.detect.attack.NavigatorLayer;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coverage API over real HTTP, on a real server running the built-in rules. */
class AttackApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> get(String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/attack/layer")).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void layer_withToken_isTheLayerOfTheRulesDetectionRuns() throws Exception {
        String token = Files.readString(server.firstTokenFile()).strip();

        HttpResponse<String> r = get(token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.body()).isEqualTo(NavigatorLayer.json(AttackCoverage.of(server.rules()), AttackApi.LAYER_NAME));
        JsonNode layer = JSON.readTree(r.body());
        assertThat(layer.path("versions").path("layer").asText()).isEqualTo("4.5");
        assertThat(layer.path("techniques").size()).isPositive();
    }

    @Test
    void layer_withoutToken_is401() throws Exception {
        HttpResponse<String> none = get(null);
        HttpResponse<String> wrong = get("gw_not-a-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).path("error").asText()).contains("bearer token is required");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }
}

package io.gatewatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.alerts.AlertSettings;
import io.gatewatch.alerts.AlertStore;
import io.gatewatch.alerts.IllegalTransitionException;
import io.gatewatch.server.auth.ApiTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code gatewatch alerts} and {@code gatewatch alert} read: the alerts database in the data
 * directory, or a running server's API. Both give the API's JSON, so the commands print alike.
 */
final class AlertsSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DataDirOption data;

    @Option(names = "--server", paramLabel = "URL", description = "A running server's HTTP address, e.g. http://127.0.0.1:8080.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token for --server (default: $GATEWATCH_TOKEN, else DIR/" + ApiTokens.FIRST_TOKEN_FILE + ").")
    String token;

    /** A request's answer: the HTTP status (200 for the data directory) and its JSON body. */
    record Answer(int status, JsonNode body) {}

    @FunctionalInterface
    interface Local {
        int write(AlertStore store, JsonGenerator g) throws IOException, IllegalTransitionException;
    }

    /** Runs {@code local} on the data directory's database, or GETs {@code pathAndQuery} from the server. */
    Answer fetch(String pathAndQuery, Local local) throws IOException, InterruptedException {
        return call("GET", pathAndQuery, null, local);
    }

    /** Runs {@code local}, or sends {@code method} with a JSON {@code body} to the server. */
    Answer call(String method, String pathAndQuery, String body, Local local) throws IOException, InterruptedException {
        if (server != null) {
            HttpRequest request = HttpRequest.newBuilder(server.resolve(pathAndQuery))
                    .header("Authorization", "Bearer " + bearer())
                    .header("Content-Type", "application/json")
                    .timeout(java.time.Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build()) {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Answer(r.statusCode(), JSON.readTree(r.body()));
            }
        }
        Path file = data.dir.resolve(AlertStore.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no alerts in " + data.dir + " (has 'gatewatch serve' run with --data " + data.dir + "?)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        int status;
        try (AlertStore store = AlertStore.open(file, AlertSettings.load(data.dir), Clock.systemUTC());
                JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            status = local.write(store, g);
        } catch (IllegalTransitionException e) {
            return new Answer(409, JSON.createObjectNode().put("error", e.getMessage()));
        }
        return new Answer(status, JSON.readTree(out.toByteArray()));
    }

    private String bearer() throws IOException {
        String bearer = token != null ? token : System.getenv("GATEWATCH_TOKEN");
        Path tokenFile = data.dir.resolve(ApiTokens.FIRST_TOKEN_FILE);
        if (bearer == null && Files.isReadable(tokenFile)) {
            bearer = Files.readString(tokenFile).strip();
        }
        if (bearer == null) {
            throw new IllegalArgumentException("--server needs a token: --token, $GATEWATCH_TOKEN or " + tokenFile);
        }
        return bearer;
    }
}

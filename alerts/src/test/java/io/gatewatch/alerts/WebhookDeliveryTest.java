package io.gatewatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gatewatch.detect.Alert;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks against a local HTTP server that fails on purpose: retries, then a dead letter. */
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private AlertStore store(int attempts) throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        AlertSettings settings = new AlertSettings(Map.of(), Map.of(), 100, 5,
                new AlertSettings.Webhooks(Map.of("high", hook), attempts, 5), null);
        return AlertStore.open(dir.resolve("alerts.db"), settings, Clock.systemUTC());
    }

    private static RaisedAlert raised(String level, long offset) {
        Alert a = new Alert("r-" + level, "Rule " + level, level, List.of("attack.t1190"), 1_700_000_000_000L + offset,
                List.of(AlertStoreTest.event("10.0.0.1", null, null)), Map.of(), null);
        return new RaisedAlert(a, "m" + offset, offset, "vpn");
    }

    @Test
    void newAlert_isPostedAfterRetries_andOnlyOnce() throws Exception {
        failuresLeft.set(2);
        try (AlertStore store = store(4)) {
            store.ingest(List.of(raised("high", 0), raised("high", 1), raised("low", 2)));
        } // close waits for the sender
        assertThat(received).hasSize(3); // two refusals, then taken; the second match joined, the low one has no hook
        JsonNode posted = JSON.readTree(received.getLast());
        assertThat(posted.get("short_id").asText()).startsWith("AL");
        assertThat(posted.at("/rule/level").asText()).isEqualTo("high");
        assertThat(posted.get("ttps").get(0).asText()).isEqualTo("T1190");
        assertThat(dir.resolve("webhook-dead-letters.jsonl")).doesNotExist();
    }

    @Test
    void receiverThatKeepsFailing_leavesADeadLetter() throws Exception {
        failuresLeft.set(Integer.MAX_VALUE);
        try (AlertStore store = store(3)) {
            store.ingest(List.of(raised("high", 0)));
        }
        assertThat(received).hasSize(3);
        List<String> dead = Files.readAllLines(dir.resolve("webhook-dead-letters.jsonl"));
        assertThat(dead).singleElement().satisfies(line -> {
            JsonNode d = JSON.readTree(line);
            assertThat(d.get("attempts").asInt()).isEqualTo(3);
            assertThat(d.get("error").asText()).contains("503");
            assertThat(d.at("/alert/title").asText()).isEqualTo("Rule high");
        });
    }
}

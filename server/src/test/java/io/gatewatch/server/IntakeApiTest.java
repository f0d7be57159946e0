package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.JournalRecord;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sekoia.io-compatible HTTP intake API, over real HTTP. */
class IntakeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private Server server;
    private String key;

    @BeforeEach
    void start() throws Exception {
        key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        server = Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** What the journal holds now: durable, since the API answers only once it is. */
    private List<String> journal() throws Exception {
        return server.journal().read(0, 1000).stream()
                .map(r -> r.intake() + ":" + new String(r.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void plain_withTheKeyInTheHeader_answersTheEventIdOnceDurable() throws Exception {
        HttpResponse<String> r = post("/plain", "id=firewall msg=\"AUT22673: Logout from 10.0.0.1\"\n",
                "X-SEKOIAIO-INTAKE-KEY", key);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("event_id").asText()).isEqualTo(JournalRecord.eventId(0));
        assertThat(journal()).containsExactly("vpn:id=firewall msg=\"AUT22673: Logout from 10.0.0.1\"");
    }

    @Test
    void plainBatch_withTheKeyAsBasicPassword_orInTheQuery() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + key).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = post("/plain/batch", "one\r\ntwo\n\nthree", "Authorization", basic);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("event_ids")).hasSize(3);
        HttpResponse<String> q = post("/plain/batch?intake_key=" + key, "four\n");
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(journal()).containsExactly("vpn:one", "vpn:two", "vpn:three", "vpn:four");
    }

    @Test
    void jsons_takesStringsAndObjects_andAPath() throws Exception {
        assertThat(post("/jsons", "[\"a\", {\"b\": 1}]", "X-SEKOIAIO-INTAKE-KEY", key, "Content-Type", "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(post("/jsons?path=$.data.events&intake_key=" + key, "{\"data\": {\"events\": [\"c\"]}}").statusCode())
                .isEqualTo(200);
        assertThat(journal()).containsExactly("vpn:a", "vpn:{\"b\":1}", "vpn:c");
    }

    @Test
    void root_batch_andArray_takeTheKeyFromTheBody() throws Exception {
        HttpResponse<String> root = post("/", "{\"intake_key\": \"" + key + "\", \"json\": \"r\", \"@timestamp\": \"2021-01-01T00:00:00Z\"}");
        assertThat(JSON.readTree(root.body()).has("event_id")).isTrue();
        HttpResponse<String> batch = post("/batch?return_response=true", "{\"intake_key\": \"" + key + "\", \"jsons\": [\"b1\", \"b2\"]}");
        assertThat(JSON.readTree(batch.body()).get("event_ids")).hasSize(2);
        HttpResponse<String> array = post("/array", "[{\"intake_key\": \"" + key + "\", \"json\": \"x1\"},"
                + " {\"intake_key\": \"NotAKeyNotAKeyNotAKey\", \"json\": \"x2\"}]");
        JsonNode a = JSON.readTree(array.body());
        assertThat(array.statusCode()).isEqualTo(200);
        assertThat(a.get("event_ids").get(1).isNull()).isTrue();
        assertThat(a.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(journal()).containsExactly("vpn:r", "vpn:b1", "vpn:b2", "vpn:x1");
    }

    @Test
    void gzipBodies_areInflated_andOtherEncodingsRefused() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("zipped one\nzipped two\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(post("/plain/batch", gz.toByteArray(), "X-SEKOIAIO-INTAKE-KEY", key, "Content-Encoding", "gzip")
                .statusCode()).isEqualTo(200);
        assertThat(post("/plain", "x", "X-SEKOIAIO-INTAKE-KEY", key, "Content-Encoding", "br").statusCode()).isEqualTo(415);
        assertThat(post("/plain", "not gzip", "X-SEKOIAIO-INTAKE-KEY", key, "Content-Encoding", "gzip").statusCode())
                .isEqualTo(400);
        assertThat(journal()).containsExactly("vpn:zipped one", "vpn:zipped two");
    }

    @Test
    void errors_haveTheirStatusAndAJsonReason_andStoreNothing() throws Exception {
        HttpResponse<String> noKey = post("/plain", "x");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).get("error").asText()).contains("no intake key");
        assertThat(post("/plain", "x", "X-SEKOIAIO-INTAKE-KEY", "UnknownUnknownUnknown").statusCode()).isEqualTo(401);
        HttpResponse<String> bad = post("/jsons?intake_key=" + key, "{\"a\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).startsWith("the body is not valid JSON");
        String big = "x".repeat(250 * 1024 + 1);
        assertThat(post("/plain", big, "X-SEKOIAIO-INTAKE-KEY", key).statusCode()).isEqualTo(413);
        HttpResponse<String> allBig = post("/plain/batch", big + "\n" + big, "X-SEKOIAIO-INTAKE-KEY", key);
        assertThat(allBig.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(allBig.body()).get("rejected")).hasSize(2);
        HttpResponse<String> someBig = post("/plain/batch", "small\n" + big, "X-SEKOIAIO-INTAKE-KEY", key);
        assertThat(someBig.statusCode()).isEqualTo(200);
        assertThat(journal()).containsExactly("vpn:small");
        assertThat(server.ingest().refused()).isEqualTo(1);
    }

    @Test
    void healthReadinessAndMetrics_areServed() throws Exception {
        post("/plain", "counted", "X-SEKOIAIO-INTAKE-KEY", key);
        post("/plain", "refused", "X-SEKOIAIO-INTAKE-KEY", "UnknownUnknownUnknown");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("gatewatch_events_received_total{intake=\"vpn\",listener=\"http\"} 1.0")
                .contains("gatewatch_events_refused_total{listener=\"http\",reason=\"unknown_key\"} 1.0")
                .contains("gatewatch_http_responses_total{status=\"401\"} 1.0")
                .contains("gatewatch_journal_durable_offset 1.0");
    }

    @Test
    void theEventTimestampHeader_andBodyDates_areStoredWithTheirEvents() throws Exception {
        assertThat(post("/plain/batch", "h1\nh2", "X-SEKOIAIO-INTAKE-KEY", key,
                "X-SEKOIAIO-EVENT-TIMESTAMP", "2021-04-05T21:33:31+02:00").statusCode()).isEqualTo(200);
        assertThat(post("/plain", "epoch", "X-SEKOIAIO-INTAKE-KEY", key, "X-SEKOIAIO-EVENT-TIMESTAMP", "1617651211")
                .statusCode()).isEqualTo(200);
        assertThat(post("/plain", "none", "X-SEKOIAIO-INTAKE-KEY", key).statusCode()).isEqualTo(200);
        // The body's own date wins over the header's.
        assertThat(post("/", "{\"intake_key\": \"" + key + "\", \"json\": \"r\", \"@timestamp\": \"2021-04-05T19:33:32Z\"}",
                "X-SEKOIAIO-EVENT-TIMESTAMP", "1617651211").statusCode()).isEqualTo(200);
        HttpResponse<String> array = post("/array", "[{\"intake_key\": \"" + key + "\", \"json\": \"a1\", \"timestamp\": 1617651213},"
                + " {\"intake_key\": \"" + key + "\", \"json\": \"a2\", \"timestamp\": \"soon\"},"
                + " {\"intake_key\": \"" + key + "\", \"json\": \"a3\"}]");
        assertThat(array.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(array.body()).get("rejected").get(0).get("reason").asText()).contains("\"timestamp\": 'soon'");
        List<JournalRecord> records = server.journal().read(0, 100);
        assertThat(records).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly("h1", "h2", "epoch", "none", "r", "a1", "a3");
        assertThat(records).extracting(JournalRecord::eventTimeMillis).containsExactly(1_617_651_211_000L, 1_617_651_211_000L,
                1_617_651_211_000L, JournalRecord.NO_EVENT_TIME, 1_617_651_212_000L, 1_617_651_213_000L, JournalRecord.NO_EVENT_TIME);
        assertThat(records.get(3).fallbackTimeMillis()).as("the reception date").isEqualTo(records.get(3).receivedAtMillis());
    }

    @Test
    void aBadEventTimestamp_is400WithTheReason_andStoresNothing() throws Exception {
        HttpResponse<String> r = post("/plain/batch", "one\ntwo", "X-SEKOIAIO-INTAKE-KEY", key,
                "X-SEKOIAIO-EVENT-TIMESTAMP", "2021-04-05 21:33:31");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText())
                .startsWith("X-SEKOIAIO-EVENT-TIMESTAMP: '2021-04-05 21:33:31' is not an event date");
        assertThat(post("/", "{\"intake_key\": \"" + key + "\", \"json\": \"r\", \"@timestamp\": true}").statusCode())
                .isEqualTo(400);
        assertThat(journal()).isEmpty();
    }

    @Test
    void aGzipBomb_isRefusedBeforeItIsInflated() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                out.write(zeros);
            }
        }
        assertThat(gz.size()).isLessThan(200_000);
        HttpResponse<String> r = post("/plain", gz.toByteArray(), "X-SEKOIAIO-INTAKE-KEY", key, "Content-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(journal()).isEmpty();
    }
}

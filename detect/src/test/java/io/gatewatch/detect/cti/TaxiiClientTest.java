package io.gatewatch.detect.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a small TAXII 2.1 server written here (OASIS TAXII 2.1 §4.1 discovery, §4.2
 * API root, §5.1 collections, §5.3 objects): it requires Basic auth and the TAXII media type,
 * pages three indicators one by one, once through {@code next} and once through
 * {@code X-TAXII-Date-Added-Last}, and filters on {@code added_after}.
 */
class TaxiiClientTest {
    private static final String USER = "analyst";
    private static final String PASSWORD = "s3cret";
    /** Indicators with their date added, in the order the server serves them. */
    private static final String[][] OBJECTS = {
        {"2024-01-01T00:00:01.000Z", ThreatIntelTest.indicator("1", "2024-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.1']", "")},
        {"2024-01-01T00:00:02.000Z", ThreatIntelTest.indicator("2", "2024-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.2']", "")},
        {"2024-01-01T00:00:03.000Z", ThreatIntelTest.indicator("3", "2024-01-01T00:00:00Z", "[domain-name:value = 'evil.example']", "")},
    };

    private HttpServer server;
    private URI base;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getQuery();
        requests.add(path + (query.isEmpty() ? "" : "?" + query));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth)) {
            send(x, 401, "{\"title\":\"unauthorized\"}", null);
            return;
        }
        String accept = x.getRequestHeaders().getFirst("Accept");
        if (accept == null || !accept.startsWith("application/taxii+json")) {
            send(x, 406, "{\"title\":\"not acceptable\"}", null);
            return;
        }
        switch (path) {
            case "/taxii2/" -> send(x, 200, "{\"title\":\"test\",\"default\":\"/api1/\",\"api_roots\":[\"/api1/\",\"/api2/\"]}", null);
            case "/api1/" -> send(x, 200, "{\"title\":\"API 1\",\"versions\":[\"application/taxii+json;version=2.1\"],"
                    + "\"max_content_length\":10485760}", null);
            case "/api1/collections/" -> send(x, 200, "{\"collections\":[{\"id\":\"91a7b528-80eb-42ed-a74d-c6fbd5a26116\","
                    + "\"title\":\"IOCs\",\"can_read\":true,\"can_write\":false}]}", null);
            case "/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/objects/" -> objects(x, query);
            default -> send(x, 404, "{\"title\":\"not found\"}", null);
        }
    }

    /** One object per page; {@code next} is the index of the next object, given on odd pages only. */
    private void objects(HttpExchange x, String query) throws IOException {
        String after = param(query, "added_after");
        String next = param(query, "next");
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < OBJECTS.length; i++) {
            if (after == null || OBJECTS[i][0].compareTo(after) > 0) {
                eligible.add(i);
            }
        }
        int start = next == null ? 0 : eligible.indexOf(Integer.parseInt(next));
        if (eligible.isEmpty() || start < 0) {
            send(x, 200, "{}", null);
            return;
        }
        int i = eligible.get(start);
        boolean more = start + 1 < eligible.size();
        // Page through next on the first object, through the date header afterwards.
        String nextField = more && i == 0 ? ",\"next\":\"" + eligible.get(start + 1) + "\"" : "";
        send(x, 200, "{\"more\":" + more + nextField + ",\"objects\":[" + OBJECTS[i][1] + "]}", OBJECTS[i][0]);
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void send(HttpExchange x, int status, String body, String dateAddedLast) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", TaxiiClient.MEDIA_TYPE);
        if (dateAddedLast != null) {
            x.getResponseHeaders().set("X-TAXII-Date-Added-First", dateAddedLast);
            x.getResponseHeaders().set("X-TAXII-Date-Added-Last", dateAddedLast);
        }
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private TaxiiClient client() {
        return new TaxiiClient(new TaxiiClient.Basic(USER, PASSWORD), Duration.ofSeconds(5));
    }

    @Test
    void discovery_apiRoot_collections() throws Exception {
        TaxiiClient c = client();
        List<URI> roots = c.apiRoots(base.resolve("taxii2/"));
        assertThat(roots).containsExactly(base.resolve("api1/"), base.resolve("api2/"));
        assertThat(c.apiRoot(roots.get(0)).path("title").asText()).isEqualTo("API 1");
        assertThat(c.collections(roots.get(0))).containsExactly(
                new TaxiiClient.Collection("91a7b528-80eb-42ed-a74d-c6fbd5a26116", "IOCs", true));
    }

    @Test
    void poller_pagesThroughNextAndDateHeader_thenAsksOnlyForNewObjects(@TempDir Path data) throws Exception {
        ThreatIntel intel = ThreatIntel.open(data, () -> 1_800_000_000_000L);
        TaxiiPoller.Feed feed = new TaxiiPoller.Feed("taxii-iocs", base.resolve("api1/"),
                "91a7b528-80eb-42ed-a74d-c6fbd5a26116", Duration.ofMinutes(5));
        TaxiiPoller poller = new TaxiiPoller(feed, client(), intel, data);

        List<ImportSummary> first = poller.pollOnce();
        assertThat(first).hasSize(3);
        assertThat(first.stream().mapToLong(ImportSummary::added).sum()).isEqualTo(3);
        assertThat(requests).filteredOn(r -> r.contains("/objects/")).hasSize(3);
        assertThat(requests.get(1)).contains("next=1");
        assertThat(requests.get(2)).contains("added_after=2024-01-01T00:00:02.000Z");
        assertThat(Files.readString(data.resolve("cti/taxii-iocs.taxii-cursor")).strip()).isEqualTo("2024-01-01T00:00:03.000Z");
        assertThat(intel.matcher().match(new EcsEvent().set(EcsField.DESTINATION_DOMAIN, "c2.evil.example"))).hasSize(1);

        requests.clear();
        List<ImportSummary> second = new TaxiiPoller(feed, client(), intel, data).pollOnce();
        assertThat(requests).singleElement().asString().contains("added_after=2024-01-01T00:00:03.000Z");
        assertThat(second).isEmpty();
    }

    @Test
    void wrongCredentials_failWithStatus() {
        TaxiiClient c = new TaxiiClient(new TaxiiClient.Bearer("nope"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.apiRoots(base.resolve("taxii2/"))).isInstanceOf(IOException.class).hasMessageContaining("HTTP 401");
    }
}

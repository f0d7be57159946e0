package io.gatewatch.server.cti;

import static io.gatewatch.server.LiveServer.alerts;
import static io.gatewatch.server.LiveServer.awaitStored;
import static io.gatewatch.server.LiveServer.failedLogin;
import static io.gatewatch.server.LiveServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.detect.cti.CtiRule;
import io.gatewatch.detect.cti.TaxiiClient;
import io.gatewatch.detect.cti.TaxiiPoller;
import io.gatewatch.detect.cti.TaxiiTestServer;
import io.gatewatch.server.DetectSettings;
import io.gatewatch.server.JournalRetention;
import io.gatewatch.server.PrometheusText;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import io.gatewatch.server.StoreSettings;
import io.gatewatch.store.search.SearchRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} polling TAXII collections: a real server, fed by the TAXII test server of the detect module. */
class TaxiiFeedsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The address {@link io.gatewatch.server.LiveServer#failedLogin} logs in from, and a network around it. */
    private static final List<TaxiiTestServer.StoredObject> OBJECTS = List.of(
            new TaxiiTestServer.StoredObject("2024-01-01T00:00:01.000Z",
                    TaxiiTestServer.indicator("net", "[ipv4-addr:value = '203.0.113.0/24']")),
            new TaxiiTestServer.StoredObject("2024-01-01T00:00:02.000Z",
                    TaxiiTestServer.indicator("other", "[ipv4-addr:value = '198.51.100.99']")));

    @TempDir
    Path data;

    private Server start(TaxiiFeed... feeds) throws Exception {
        return Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024), StoreSettings.defaults(),
                JournalRetention.defaults(), DetectSettings.defaults(), RetroHuntSettings.defaults(),
                new CtiSettings(List.of(feeds)));
    }

    private static double polls(Server server, String source, String outcome) {
        return PrometheusText.value(server.metrics().scrape(),
                "gatewatch_taxii_polls_total{outcome=\"" + outcome + "\",source=\"" + source + "\"}");
    }

    private static void awaitPolls(Server server, String source, String outcome) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (polls(server, source, outcome) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(polls(server, source, outcome)).as(outcome + " polls of " + source).isEqualTo(1);
    }

    @Test
    void aFeedIsPolledAtStart_andItsIndicatorsEnrichAndAlertTheEventsThatFollow() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        try (TaxiiTestServer taxii = TaxiiTestServer.start(OBJECTS)) {
            TaxiiFeed feed = new TaxiiFeed(new TaxiiPoller.Feed("acme", null, taxii.discovery(), TaxiiTestServer.COLLECTION,
                    Duration.ofMinutes(15)), new TaxiiClient.Basic(TaxiiTestServer.USER, TaxiiTestServer.PASSWORD));
            try (Server server = start(feed)) {
                awaitPolls(server, "acme", "ok");
                assertThat(polls(server, "acme", "failed")).isZero();
                // Written as cti pull writes them: the source, and the cursor a restart starts from.
                assertThat(data.resolve("cti/acme.json")).exists();
                assertThat(Files.readString(data.resolve("cti/acme.taxii-cursor")).strip()).isEqualTo("2024-01-01T00:00:02.000Z");

                send(server, key, List.of(failedLogin(1)));
                awaitStored(server, 1);
                JsonNode stored = JSON.readTree(server.store().search(SearchRequest.of("")).events().getFirst().sourceJson());
                assertThat(stored.at("/threat/enrichments/0/indicator/id").asText()).isEqualTo("indicator--net");
                assertThat(stored.at("/threat/enrichments/0/indicator/provider").asText()).isEqualTo("acme");
                assertThat(stored.at("/threat/enrichments/0/matched/atomic").asText()).isEqualTo("203.0.113.9");
            }
            assertThat(taxii.requests()).first().isEqualTo("/taxii2/");
        }
        assertThat(alerts(data)).filteredOn(a -> a.get("rule_id").asText().equals(CtiRule.RULE_ID))
                .singleElement()
                .satisfies(a -> assertThat(a.at("/events/0/source/ip").asText()).isEqualTo("203.0.113.9"));
    }

    @Test
    void aFailingFeedIsLoggedOnOneLineWithoutItsSecret_andTheServerRunsAndStopsAsUsual() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(TaxiiPoller.class.getName());
        log.addHandler(capture);
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        try (TaxiiTestServer taxii = TaxiiTestServer.start(OBJECTS)) {
            TaxiiFeed down = new TaxiiFeed(new TaxiiPoller.Feed("down", URI.create("http://127.0.0.1:" + closedPort + "/api1/"),
                    TaxiiTestServer.COLLECTION, Duration.ofMinutes(15)), new TaxiiClient.Bearer("top-secret-token"));
            TaxiiFeed refused = new TaxiiFeed(new TaxiiPoller.Feed("refused", taxii.apiRoot(), TaxiiTestServer.COLLECTION,
                    Duration.ofMinutes(15)), new TaxiiClient.Basic(TaxiiTestServer.USER, "wrong-password"));
            try (Server server = start(down, refused)) {
                awaitPolls(server, "down", "failed");
                awaitPolls(server, "refused", "failed");
                send(server, key, List.of(failedLogin(1)));
                awaitStored(server, 1);
            }
        } finally {
            log.removeHandler(capture);
        }
        List<String> failures = logged.stream().map(LogRecord::getMessage).filter(m -> m.contains("poll failed")).toList();
        assertThat(failures).hasSize(2).allSatisfy(m -> {
            assertThat(m).doesNotContain("\n", "top-secret-token", "wrong-password").contains("retried in PT15M");
        });
        assertThat(failures).anySatisfy(m -> assertThat(m).startsWith("TAXII feed refused:").contains("HTTP 401"));
        assertThat(failures).anySatisfy(m -> assertThat(m).startsWith("TAXII feed down:"));
        assertThat(data.resolve("cti/down.json")).doesNotExist();
    }

    @Test
    void withoutTheStore_feedsAreNotPolled() throws Exception {
        try (TaxiiTestServer taxii = TaxiiTestServer.start(OBJECTS)) {
            TaxiiFeed feed = new TaxiiFeed(new TaxiiPoller.Feed("acme", taxii.apiRoot(), TaxiiTestServer.COLLECTION,
                    Duration.ofMinutes(15)), new TaxiiClient.None());
            StoreSettings off = new StoreSettings(false, StoreSettings.defaults().retention(), 250, 10_000);
            try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024), off,
                    JournalRetention.defaults(), DetectSettings.defaults(), RetroHuntSettings.defaults(),
                    new CtiSettings(List.of(feed)))) {
                Thread.sleep(200);
            }
            assertThat(taxii.requests()).isEmpty();
        }
    }
}

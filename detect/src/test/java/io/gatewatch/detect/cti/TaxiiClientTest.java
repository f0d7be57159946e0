package io.gatewatch.detect.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client and the poller against {@link TaxiiTestServer}: three indicators paged one by one,
 * once through {@code next} and once through {@code X-TAXII-Date-Added-Last}.
 */
class TaxiiClientTest {
    private static final List<TaxiiTestServer.StoredObject> OBJECTS = List.of(
            new TaxiiTestServer.StoredObject("2024-01-01T00:00:01.000Z", TaxiiTestServer.indicator("1", "[ipv4-addr:value = '203.0.113.1']")),
            new TaxiiTestServer.StoredObject("2024-01-01T00:00:02.000Z", TaxiiTestServer.indicator("2", "[ipv4-addr:value = '203.0.113.2']")),
            new TaxiiTestServer.StoredObject("2024-01-01T00:00:03.000Z", TaxiiTestServer.indicator("3", "[domain-name:value = 'evil.example']")));

    private TaxiiTestServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = TaxiiTestServer.start(OBJECTS);
        base = server.base();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TaxiiClient client() {
        return new TaxiiClient(new TaxiiClient.Basic(TaxiiTestServer.USER, TaxiiTestServer.PASSWORD), Duration.ofSeconds(5));
    }

    @Test
    void discovery_apiRoot_collections() throws Exception {
        TaxiiClient c = client();
        List<URI> roots = c.apiRoots(base.resolve("taxii2/"));
        assertThat(roots).containsExactly(base.resolve("api1/"), base.resolve("api2/"));
        assertThat(c.apiRoot(roots.get(0)).path("title").asText()).isEqualTo("API 1");
        assertThat(c.collections(roots.get(0))).containsExactly(
                new TaxiiClient.Collection(TaxiiTestServer.COLLECTION, "IOCs", true));
    }

    @Test
    void poller_pagesThroughNextAndDateHeader_thenAsksOnlyForNewObjects(@TempDir Path data) throws Exception {
        ThreatIntel intel = ThreatIntel.open(data, () -> 1_800_000_000_000L);
        TaxiiPoller.Feed feed = new TaxiiPoller.Feed("taxii-iocs", base.resolve("api1/"), TaxiiTestServer.COLLECTION,
                Duration.ofMinutes(5));
        TaxiiPoller poller = new TaxiiPoller(feed, client(), intel, data);
        List<String> requests = server.requests();

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
    void poller_findsTheApiRootThroughDiscovery(@TempDir Path data) throws Exception {
        ThreatIntel intel = ThreatIntel.open(data, () -> 1_800_000_000_000L);
        TaxiiPoller.Feed feed = new TaxiiPoller.Feed("found", null, base.resolve("taxii2/"), TaxiiTestServer.COLLECTION,
                Duration.ofMinutes(5));
        TaxiiClient bearer = new TaxiiClient(new TaxiiClient.Bearer(TaxiiTestServer.TOKEN), Duration.ofSeconds(5));

        assertThat(new TaxiiPoller(feed, bearer, intel, data).pollOnce()).hasSize(3);
        assertThat(server.requests().get(0)).isEqualTo("/taxii2/");
        assertThat(server.requests().get(1)).startsWith("/api1/collections/" + TaxiiTestServer.COLLECTION + "/objects/");
    }

    @Test
    void feed_takesAnApiRootOrADiscoveryUrl_andAnIntervalOfTenSecondsOrMore() {
        URI u = URI.create("https://taxii.invalid/api1/");
        assertThatThrownBy(() -> new TaxiiPoller.Feed("s", u, u, "c", Duration.ofMinutes(1))).hasMessageContaining("one of the two");
        assertThatThrownBy(() -> new TaxiiPoller.Feed("s", null, null, "c", Duration.ofMinutes(1))).hasMessageContaining("one of the two");
        assertThatThrownBy(() -> new TaxiiPoller.Feed("s", u, "c", Duration.ofSeconds(9))).hasMessageContaining("under PT10S");
        assertThatThrownBy(() -> new TaxiiPoller.Feed("../s", u, "c", Duration.ofMinutes(1))).hasMessageContaining("invalid source name");
    }

    @Test
    void wrongCredentials_failWithStatus() {
        TaxiiClient c = new TaxiiClient(new TaxiiClient.Bearer("nope"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.apiRoots(base.resolve("taxii2/"))).isInstanceOf(IOException.class).hasMessageContaining("HTTP 401");
    }

    @Test
    void aFailureReason_isOneLine_andFollowsCausesToAMessage() {
        assertThat(TaxiiPoller.reason(new IOException(null, new java.net.ConnectException("Connection refused"))))
                .isEqualTo("IOException: Connection refused");
        assertThat(TaxiiPoller.reason(new IOException("bad JSON\n at line 1"))).isEqualTo("bad JSON at line 1");
        assertThat(TaxiiPoller.reason(new java.net.ConnectException())).isEqualTo("ConnectException");
    }

    @Test
    void credentials_comeFromTheEnvironment_andNeverShowInText() {
        Map<String, String> env = Map.of("PW", "s3cret", "TOKEN", "t0ken", "EMPTY", "");
        TaxiiClient.Auth basic = new TaxiiCredentials("analyst", "PW", null).resolve(env::get);
        assertThat(basic).isEqualTo(new TaxiiClient.Basic("analyst", "s3cret"));
        assertThat(basic.toString()).contains("analyst").doesNotContain("s3cret");
        TaxiiClient.Auth bearer = new TaxiiCredentials(null, null, "TOKEN").resolve(env::get);
        assertThat(bearer).isEqualTo(new TaxiiClient.Bearer("t0ken"));
        assertThat(bearer.toString()).doesNotContain("t0ken");
        assertThat(TaxiiCredentials.none().resolve(env::get)).isEqualTo(new TaxiiClient.None());

        assertThatThrownBy(() -> new TaxiiCredentials("analyst", "UNSET", null).resolve(env::get))
                .hasMessage("environment variable UNSET is not set");
        assertThatThrownBy(() -> new TaxiiCredentials(null, null, "EMPTY").resolve(env::get))
                .hasMessage("environment variable EMPTY is not set");
        assertThatThrownBy(() -> new TaxiiCredentials("analyst", null, "TOKEN")).hasMessageContaining("bearer token");
        assertThatThrownBy(() -> new TaxiiCredentials(null, "PW", null)).hasMessageContaining("needs a user");
    }
}

package io.gatewatch.server.cti;

import static io.gatewatch.server.LiveServer.alerts;
import static io.gatewatch.server.LiveServer.awaitStored;
import static io.gatewatch.server.LiveServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.alerts.AlertQuery;
import io.gatewatch.alerts.StoredAlert;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.detect.cti.CtiRule;
import io.gatewatch.detect.cti.ThreatIntel;
import io.gatewatch.server.DetectSettings;
import io.gatewatch.server.JournalRetention;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import io.gatewatch.server.StoreSettings;
import io.gatewatch.server.detect.DetectionStage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retro-hunt on a real server: events stored first, indicators imported while it runs. */
class RetroHuntTest {
    /** The test events are from 2025: a window long enough to reach them, checks every 100 ms. */
    private static final RetroHuntSettings FAST = new RetroHuntSettings(3650, 100);

    @TempDir
    Path data;

    static String login(int i, String src) {
        return "id=firewall time=\"2025-01-09 04:00:" + String.format("%02d", i) + "\" pri=6 fw=192.0.2.10 vpn=ics-node1"
                + " user=victim realm=\"Users\" roles=\"\" proto=auth src=" + src + " type=vpn"
                + " msg=\"AUT23457: Login failed using auth server Corp (LDAP Server).  Reason: Failed\"";
    }

    static String indicator(String id, String pattern, String validUntil) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2023-01-01T00:00:00Z\","
                + "\"modified\":\"2023-01-01T00:00:00Z\",\"pattern\":\"" + pattern + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2023-01-01T00:00:00Z\"" + (validUntil == null ? "" : ",\"valid_until\":\"" + validUntil + "\"")
                + ",\"confidence\":80}";
    }

    private void importBundle(String... indicators) throws Exception {
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + String.join(",", indicators) + "]}";
        ThreatIntel.open(data, System::currentTimeMillis)
                .importBundle("feed", new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)));
    }

    private List<JsonNode> retroAlerts() throws Exception {
        return alerts(data).stream().filter(a -> a.path("retrohunt").asBoolean()).toList();
    }

    private Server start() throws Exception {
        return Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024), StoreSettings.defaults(),
                JournalRetention.defaults(), DetectSettings.defaults(), FAST);
    }

    private void awaitHunted(String... ids) throws Exception {
        Path state = data.resolve("cti").resolve(RetroHunt.STATE_FILE);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(state)) {
                String s = Files.readString(state);
                if (List.of(ids).stream().allMatch(s::contains)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not hunted in time: " + List.of(ids));
    }

    private static List<StoredAlert> ctiAlerts(Server server) throws Exception {
        return server.alertStore().list(AlertQuery.all(AlertQuery.MAX_LIMIT)).alerts().stream()
                .filter(a -> a.ruleId().equals(CtiRule.RULE_ID)).toList();
    }

    @Test
    void pastHitsAreAlertedOnceAndNotAgainAfterARestart() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        try (Server server = start()) {
            send(server, key, List.of(login(1, "203.0.113.9"), login(2, "203.0.113.10"), login(3, "198.51.100.7"),
                    login(4, "2001:db8::5")));
            awaitStored(server, 4);
            assertThat(alerts(data)).noneMatch(a -> a.get("rule_id").asText().equals(CtiRule.RULE_ID));

            importBundle(
                    indicator("indicator--net", "[ipv4-addr:value = '203.0.113.0/24']", null),
                    indicator("indicator--v6", "[ipv6-addr:value = '2001:db8::/32']", null),
                    // Expired before the events happened: no past hit.
                    indicator("indicator--old", "[ipv4-addr:value = '198.51.100.7']", "2024-01-01T00:00:00Z"),
                    // A C2 address is matched on destination.ip only: a source hit is none.
                    "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--c2\",\"created\":\"2023-01-01T00:00:00Z\","
                            + "\"modified\":\"2023-01-01T00:00:00Z\",\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\","
                            + "\"pattern_type\":\"stix\",\"valid_from\":\"2023-01-01T00:00:00Z\",\"labels\":[\"c2\"]}");
            awaitHunted("indicator--net", "indicator--v6", "indicator--old", "indicator--c2");

            List<JsonNode> retro = retroAlerts();
            assertThat(retro).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("rule_id").asText()).isEqualTo(CtiRule.RULE_ID);
                assertThat(a.get("tags").toString()).contains(RetroHunt.TAG);
                assertThat(a.get("intake").asText()).isEqualTo("vpn");
                assertThat(a.at("/events/0/threat/enrichments/0/matched/field").asText()).isEqualTo("source.ip");
            });
            assertThat(retro).extracting(a -> a.at("/events/0/source/ip").asText())
                    .containsExactlyInAnyOrder("203.0.113.9", "203.0.113.10", "2001:db8::5");
            assertThat(retro).extracting(a -> a.at("/events/0/threat/enrichments/0/indicator/id").asText())
                    .containsOnly("indicator--net", "indicator--v6");
            assertThat(ctiAlerts(server)).extracting(StoredAlert::occurrences).containsExactlyInAnyOrder(2L, 1L);
        }

        int linesBefore = alerts(data).size();
        try (Server server = start()) {
            // A live hit after the restart: alerted live, not hunted again.
            send(server, key, List.of(login(5, "203.0.113.11")));
            awaitStored(server, 5);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (alerts(data).stream().noneMatch(a -> "203.0.113.11".equals(a.at("/events/0/source/ip").asText()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500); // several checks of the hunt
            assertThat(server.retroHunt().alerts()).isZero();
            assertThat(ctiAlerts(server).stream().mapToLong(StoredAlert::occurrences).sum()).isEqualTo(4);
        }
        assertThat(retroAlerts()).hasSize(3);
        List<JsonNode> after = alerts(data);
        assertThat(after.subList(linesBefore, after.size()))
                .filteredOn(a -> a.get("rule_id").asText().equals(CtiRule.RULE_ID))
                .singleElement()
                .satisfies(a -> assertThat(a.path("retrohunt").isMissingNode()).isTrue());
    }

    @Test
    void anUpdatedIndicatorIsHuntedAgainWithoutAlertingAnEventTwice() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        try (Server server = start()) {
            send(server, key, List.of(login(1, "203.0.113.9"), login(2, "198.51.100.7")));
            awaitStored(server, 2);
            importBundle(indicator("indicator--net", "[ipv4-addr:value = '203.0.113.0/24']", null));
            awaitHunted("indicator--net 1672531200000");
            assertThat(retroAlerts()).hasSize(1);
            // The new version covers one more address: only that event's hit is new.
            importBundle(indicator("indicator--net", "[ipv4-addr:value = '203.0.113.0/24' OR ipv4-addr:value = '198.51.100.7']",
                    null).replace("\"modified\":\"2023-01-01T00:00:00Z\"", "\"modified\":\"2023-06-01T00:00:00Z\""));
            awaitHunted("indicator--net 1685577600000");
            assertThat(retroAlerts()).extracting(a -> a.at("/events/0/source/ip").asText())
                    .containsExactly("203.0.113.9", "198.51.100.7");
            assertThat(ctiAlerts(server).stream().mapToLong(StoredAlert::occurrences).sum()).isEqualTo(2);
        }
    }
}

package io.gatewatch.server.detect;

import static io.gatewatch.server.LiveServer.alerts;
import static io.gatewatch.server.LiveServer.awaitStored;
import static io.gatewatch.server.LiveServer.failedLogin;
import static io.gatewatch.server.LiveServer.logCleared;
import static io.gatewatch.server.LiveServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.server.Server;
import io.gatewatch.server.ServerConfig;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection inside serve: alerts written once, even when the store replays the journal. */
class DetectionStageTest {
    @TempDir
    Path data;

    @Test
    void alertsOnceEvenWhenTheStoreReplaysEverything() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        ServerConfig config = new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(logCleared(i));
        }
        for (int i = 0; i < 25; i++) {
            lines.add(failedLogin(i)); // a brute force: one correlation alert after 21
        }
        try (Server server = Server.start(config)) {
            send(server, key, lines);
            awaitStored(server, lines.size());
        }
        List<JsonNode> first = alerts(data);
        assertThat(first).extracting(a -> a.get("title").asText())
                .filteredOn(t -> t.contains("Log Cleared")).hasSize(3);
        assertThat(first).filteredOn(a -> "event_count".equals(a.get("correlation_type").asText())).hasSize(1);
        JsonNode brute = first.stream().filter(a -> "event_count".equals(a.get("correlation_type").asText())).findFirst().orElseThrow();
        assertThat(brute.at("/group/user.name").asText()).isEqualTo("victim");
        assertThat(brute.at("/group/source.ip").asText()).isEqualTo("203.0.113.9");
        assertThat(first).allSatisfy(a -> {
            assertThat(a.get("alert_id").asText()).hasSize(36);
            assertThat(a.get("intake").asText()).isEqualTo("vpn");
        });

        // The store is lost: the next start indexes the whole journal again, through detection again.
        try (Stream<Path> files = Files.walk(data.resolve("store"))) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        try (Server server = Server.start(config)) {
            awaitStored(server, lines.size());
            send(server, key, List.of(logCleared(9)));
            awaitStored(server, lines.size() + 1);
        }
        List<JsonNode> second = alerts(data);
        assertThat(second).hasSize(first.size() + 1);
        assertThat(second.subList(0, first.size())).isEqualTo(first);
        assertThat(second.getLast().at("/events/0/user/name").asText()).isEqualTo("admin9");
    }

    @Test
    void threatIntelligenceHitsAreAlertedWithTheRulesAlerts() throws Exception {
        String key = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0)).key();
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                + "\"id\":\"indicator--7\",\"created\":\"2023-01-01T00:00:00Z\",\"modified\":\"2023-01-01T00:00:00Z\","
                + "\"pattern\":\"[ipv4-addr:value = '203.0.113.0/24']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2023-01-01T00:00:00Z\",\"confidence\":80}]}";
        io.gatewatch.detect.cti.ThreatIntel.open(data, System::currentTimeMillis)
                .importBundle("feed", new java.io.ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)));
        try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, 0, -1, null, 4096, 1024))) {
            send(server, key, List.of(failedLogin(1), logCleared(2)));
            awaitStored(server, 2);
        }
        List<JsonNode> alerts = alerts(data);
        assertThat(alerts).filteredOn(a -> a.get("rule_id").asText().equals(io.gatewatch.detect.cti.CtiRule.RULE_ID))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.get("title").asText()).isEqualTo("Threat intelligence match: ipv4-addr");
                    assertThat(a.get("level").asText()).isEqualTo("high");
                    assertThat(a.at("/events/0/threat/enrichments/0/matched/atomic").asText()).isEqualTo("203.0.113.9");
                });
        assertThat(alerts).extracting(a -> a.get("title").asText()).anyMatch(t -> t.contains("Log Cleared"));
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndTheLastOffsetFound() throws Exception {
        Path file = data.resolve("alerts.jsonl");
        Files.writeString(file, "{\"alert_id\":\"a\",\"event_offset\":7,\"rule_id\":\"r\"}\n"
                + "{\"alert_id\":\"b\",\"event_offset\":12,\"rule_id\":\"r\"}\n{\"alert_id\":\"c\",\"event_of");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(DetectionStage.recover(ch)).isEqualTo(12);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("\"event_offset\":12,\"rule_id\":\"r\"}\n");
        Files.writeString(file, "");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThat(DetectionStage.recover(ch)).isEqualTo(-1);
        }
    }
}

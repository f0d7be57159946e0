package io.gatewatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small values alerts are made of: urgency, ATT&CK mapping, short ids, statuses, settings. */
class AlertValuesTest {
    @ParameterizedTest
    @CsvSource({"informational,0,10", "low,0,25", "medium,0,50", "high,0,75", "critical,0,90", "unknown,0,50",
        "critical,100,95", "low,75,50", "HIGH,0,75"})
    void urgency_fromLevelAndCriticality(String level, int criticality, int expected) {
        assertThat(Urgency.of(level, criticality)).isEqualTo(expected);
    }

    @Test
    void attackMapping_techniquesAndTacticsOnly() {
        AttackMapping m = AttackMapping.fromTags(List.of("attack.t1190", "attack.T1110.003", "attack.initial_access",
                "attack.credential-access", "attack.g0016", "attack.s0002", "cve.2023-46805", "attack.t1190"));
        assertThat(m.techniques()).containsExactly("T1190", "T1110.003");
        assertThat(m.tactics()).containsExactly("initial-access", "credential-access");
    }

    @Test
    void shortIds_uniqueAndReadable() {
        Set<String> ids = new HashSet<>();
        for (long seq = 1; seq <= 100_000; seq++) {
            String id = ShortIds.of(seq);
            assertThat(id).matches("AL[0-9a-hjkmnp-tv-z]{8}");
            ids.add(id);
        }
        assertThat(ids).hasSize(100_000);
        assertThat(ShortIds.of(1)).isNotEqualTo(ShortIds.of(2));
    }

    @Test
    void transitions_openToProgressToClosed_closedIsFinal() {
        assertThat(AlertStatus.PENDING.next()).contains(AlertStatus.ACKNOWLEDGED, AlertStatus.ONGOING, AlertStatus.CLOSED);
        assertThat(AlertStatus.ONGOING.next()).containsOnly(AlertStatus.REJECTED, AlertStatus.CLOSED);
        assertThat(AlertStatus.CLOSED.next()).isEmpty();
        assertThat(AlertStatus.REJECTED.stage()).isEqualTo(Stage.CLOSED);
        assertThat(AlertQuery.parseStatuses("open,closed"))
                .containsOnly(AlertStatus.PENDING, AlertStatus.ACKNOWLEDGED, AlertStatus.CLOSED);
        assertThat(AlertQuery.parseStatuses("In-Progress")).containsOnly(AlertStatus.ONGOING);
        assertThatThrownBy(() -> AlertQuery.parseStatuses("done")).hasMessageContaining("unknown status 'done'");
    }

    @Test
    void query_boundsItsInputs() {
        assertThatThrownBy(() -> new AlertQuery(Set.of(), null, 0, 100, 0, 1, "x".repeat(300), 10, null))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> new AlertQuery(Set.of(), null, 60, 40, 0, 1, null, 10, null)).hasMessageContaining("urgency");
        assertThatThrownBy(() -> AlertQuery.all(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> AlertQuery.all(10).withCursor("1; DROP")).hasMessageContaining("cursor");
    }

    @Test
    void settings_parseSimilarityWithSwappableFieldsAndCriticality() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory()).readTree("""
                similarity:
                  my-rule: [[source.ip, destination.ip], url.path]
                  by-user: [user.name]
                criticality: {vpn: 80}
                max_samples: 5
                """);
        AlertSettings s = AlertSettings.parse(yaml);
        assertThat(s.similarity().get("my-rule")).containsExactly(List.of("source.ip", "destination.ip"), List.of("url.path"));
        assertThat(s.criticalityOf("vpn")).isEqualTo(80);
        assertThat(s.criticalityOf("other")).isZero();
        assertThat(s.maxSamples()).isEqualTo(5);
        assertThatThrownBy(() -> AlertSettings.parse(new ObjectMapper(new YAMLFactory()).readTree("similarty: {}")))
                .hasMessageContaining("unknown key 'similarty'");
        assertThatThrownBy(() -> AlertSettings.parse(new ObjectMapper(new YAMLFactory()).readTree("criticality: {vpn: 120}")))
                .hasMessageContaining("0 to 100");
    }

    @Test
    void settings_parseNotifications() throws Exception {
        AlertSettings s = AlertSettings.parse(new ObjectMapper(new YAMLFactory()).readTree("""
                webhooks: {high: "https://hooks.example/soc"}
                webhook_attempts: 3
                cef: {host: siem.example, port: 6514, protocol: udp}
                """));
        assertThat(s.webhooks().byLevel()).containsKey("high");
        assertThat(s.webhooks().attempts()).isEqualTo(3);
        assertThat(s.cef()).isEqualTo(new AlertSettings.Cef("siem.example", 6514, true));
        assertThatThrownBy(() -> AlertSettings.parse(new ObjectMapper(new YAMLFactory()).readTree("webhooks: {urgent: \"http://x\"}")))
                .hasMessageContaining("per rule level");
        assertThatThrownBy(() -> AlertSettings.parse(new ObjectMapper(new YAMLFactory()).readTree("webhooks: {high: \"ftp://x\"}")))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> AlertSettings.parse(new ObjectMapper(new YAMLFactory()).readTree("cef: {host: x, protocol: sctp}")))
                .hasMessageContaining("tcp or udp");
    }
}

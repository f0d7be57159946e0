package io.gatewatch.detect.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreatIntelTest {
    private static final long NOW = 1_700_000_000_000L;

    static String indicator(String id, String modified, String pattern, String extra) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + id + "\",\"created\":\"2023-01-01T00:00:00Z\","
                + "\"modified\":\"" + modified + "\",\"pattern\":" + json(pattern) + ",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2023-01-01T00:00:00Z\"" + extra + "}";
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static InputStream bundle(String... objects) {
        String b = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + String.join(",", objects) + "]}";
        return new ByteArrayInputStream(b.getBytes(StandardCharsets.UTF_8));
    }

    private static int hits(ThreatIntel t, String sourceIp) {
        EcsEvent e = new EcsEvent().set(EcsField.SOURCE_IP, sourceIp).setLong(EcsField.TIMESTAMP, NOW);
        return t.matcher().match(e).size();
    }

    @Test
    void importBundle_countsAddedRejectedUnsupportedAndSkipped(@TempDir Path data) throws IOException {
        ThreatIntel t = ThreatIntel.open(data, () -> NOW);
        ImportSummary s = t.importBundle("feed", bundle(
                indicator("a", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.7']", ",\"confidence\":90,\"labels\":[\"malicious-activity\"]"),
                indicator("b", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.7'", ""),
                indicator("c", "2023-01-01T00:00:00Z", "[file:name LIKE '%.exe']", ""),
                "{\"type\":\"indicator\",\"id\":\"indicator--d\",\"modified\":\"2023-01-01T00:00:00Z\",\"pattern\":\"x\",\"pattern_type\":\"sigma\"}",
                "{\"type\":\"malware\",\"id\":\"malware--1\"}"));
        assertThat(s.added()).isEqualTo(2);
        assertThat(s.rejected()).containsOnlyKeys("invalid pattern: expected ']' but the pattern ended at position 32",
                "pattern_type sigma is not stix");
        assertThat(s.unsupported()).isEqualTo(Map.of("object path file:name is not matched", 1));
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.total()).isEqualTo(2);
        assertThat(hits(t, "203.0.113.7")).isEqualTo(1);
    }

    @Test
    void importBundle_rejectsValuesThatAreNotTheirType(@TempDir Path data) throws IOException {
        ImportSummary s = ThreatIntel.open(data, () -> NOW).importBundle("feed", bundle(
                indicator("a", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '999.1.1.1']", ""),
                indicator("b", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '10.0.0.0/33']", ""),
                indicator("c", "2023-01-01T00:00:00Z", "[domain-name:value = 'a b.example']", "")));
        assertThat(s.added()).isZero();
        assertThat(s.rejected()).containsOnlyKeys("invalid ipv4-addr value '999.1.1.1'", "invalid ipv4-addr value '10.0.0.0/33'",
                "invalid domain-name value 'a b.example'");
    }

    @Test
    void importBundle_newerVersionReplaces_olderIsIgnored_revocationRemoves(@TempDir Path data) throws IOException {
        ThreatIntel t = ThreatIntel.open(data, () -> NOW);
        t.importBundle("feed", bundle(indicator("a", "2023-02-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.7']", "")));
        ImportSummary older = t.importBundle("feed", bundle(indicator("a", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '198.51.100.1']", "")));
        assertThat(older.unchanged()).isEqualTo(1);
        assertThat(hits(t, "203.0.113.7")).isEqualTo(1);

        ImportSummary newer = t.importBundle("feed", bundle(indicator("a", "2023-03-01T00:00:00Z", "[ipv4-addr:value = '198.51.100.1']", "")));
        assertThat(newer.updated()).isEqualTo(1);
        assertThat(hits(t, "203.0.113.7")).isZero();
        assertThat(hits(t, "198.51.100.1")).isEqualTo(1);

        ImportSummary revoked = t.importBundle("feed", bundle(indicator("a", "2023-04-01T00:00:00Z", "[ipv4-addr:value = '198.51.100.1']", ",\"revoked\":true")));
        assertThat(revoked.revoked()).isEqualTo(1);
        assertThat(revoked.total()).isZero();
        assertThat(hits(t, "198.51.100.1")).isZero();

        // The tombstone keeps an older copy from coming back, across a restart too.
        ThreatIntel reopened = ThreatIntel.open(data, () -> NOW);
        ImportSummary stale = reopened.importBundle("feed", bundle(indicator("a", "2023-03-01T00:00:00Z", "[ipv4-addr:value = '198.51.100.1']", "")));
        assertThat(stale.unchanged()).isEqualTo(1);
        assertThat(hits(reopened, "198.51.100.1")).isZero();
    }

    @Test
    void sources_areKeptApartAndSurviveRestart(@TempDir Path data) throws IOException {
        ThreatIntel t = ThreatIntel.open(data, () -> NOW);
        t.importBundle("one", bundle(indicator("a", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.7']", ",\"valid_until\":\"2030-01-01T00:00:00Z\",\"confidence\":50")));
        t.importBundle("two", bundle(indicator("a", "2023-01-01T00:00:00Z", "[domain-name:value = 'evil.example']", "")));
        assertThat(Files.exists(data.resolve("cti/one.json"))).isTrue();
        ThreatIntel reopened = ThreatIntel.open(data, () -> NOW);
        assertThat(reopened.sources()).extracting(ThreatIntel.SourceInfo::name).containsExactly("one", "two");
        assertThat(hits(reopened, "203.0.113.7")).isEqualTo(1);
        EcsEvent e = new EcsEvent().set(EcsField.DESTINATION_DOMAIN, "www.evil.example");
        assertThat(reopened.matcher().match(e)).singleElement()
                .satisfies(h -> assertThat(h.indicator().source()).isEqualTo("two"));
        Indicator one = reopened.matcher().match(new EcsEvent().set(EcsField.SOURCE_IP, "203.0.113.7")).get(0).indicator();
        assertThat(one.confidence()).isEqualTo(50);
        assertThat(one.validUntil()).isEqualTo(1_893_456_000_000L);
    }

    @Test
    void refresh_picksUpAnImportByAnotherInstance(@TempDir Path data) throws IOException {
        ThreatIntel server = ThreatIntel.open(data, () -> NOW);
        assertThat(server.refresh()).isFalse();
        ThreatIntel.open(data, () -> NOW).importBundle("feed", bundle(indicator("a", "2023-01-01T00:00:00Z", "[ipv4-addr:value = '203.0.113.7']", "")));
        assertThat(server.refresh()).isTrue();
        assertThat(hits(server, "203.0.113.7")).isEqualTo(1);
    }

    @Test
    void importBundle_refusesBadSourceNamesAndNonBundles(@TempDir Path data) throws IOException {
        ThreatIntel t = ThreatIntel.open(data, () -> NOW);
        assertThatThrownBy(() -> t.importBundle("../x", bundle())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.importBundle("ok", new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("not a STIX bundle");
        assertThatThrownBy(() -> t.importBundle("ok", new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("no objects array");
        String deep = "{\"objects\":[" + "[".repeat(100) + "]".repeat(100) + "]}";
        assertThatThrownBy(() -> t.importBundle("ok", new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class);
    }
}

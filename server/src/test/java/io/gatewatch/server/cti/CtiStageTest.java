package io.gatewatch.server.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.cti.CtiRule;
import io.gatewatch.detect.cti.ThreatIntel;
import io.gatewatch.store.IndexedEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtiStageTest {
    private static final String BUNDLE = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"indicator\","
            + "\"spec_version\":\"2.1\",\"id\":\"indicator--1\",\"created\":\"2023-01-01T00:00:00Z\",\"modified\":\"2023-01-01T00:00:00Z\","
            + "\"pattern\":\"[ipv4-addr:value = '203.0.113.7']\",\"pattern_type\":\"stix\",\"valid_from\":\"2023-01-01T00:00:00Z\","
            + "\"confidence\":95}]}";

    private static IndexedEvent event(long offset, String ip) {
        EcsEvent e = new EcsEvent().set(EcsField.SOURCE_IP, ip).setLong(EcsField.TIMESTAMP, 1_700_000_000_000L);
        return new IndexedEvent(offset, "default", 0, e);
    }

    private static void importBundle(Path data) throws Exception {
        ThreatIntel.open(data, System::currentTimeMillis)
                .importBundle("feed", new ByteArrayInputStream(BUNDLE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void process_enrichesEveryHit_andDetectionReadsTheAlertBack(@TempDir Path data) throws Exception {
        importBundle(data);
        AtomicLong clock = new AtomicLong(0);
        List<IndexedEvent> batch = List.of(event(1, "203.0.113.7"), event(2, "198.51.100.1"), event(3, "203.0.113.7"));
        CtiStage stage = CtiStage.open(data, clock::get);
        stage.process(batch);
        assertThat(stage.enriched()).isEqualTo(2);
        assertThat(batch.get(0).event().has(EcsField.THREAT_ENRICHMENTS)).isTrue();
        assertThat(batch.get(1).event().has(EcsField.THREAT_ENRICHMENTS)).isFalse();
        assertThat(batch.get(0).event().toJson()).contains("\"enrichments\":[", "\"field\":\"source.ip\"");
        var alert = CtiRule.fromEnrichments(batch.get(0).event());
        assertThat(alert.ruleId()).isEqualTo(CtiRule.RULE_ID);
        assertThat(alert.ruleTitle()).isEqualTo("Threat intelligence match: ipv4-addr");
        assertThat(alert.level()).isEqualTo("critical");
        assertThat(alert.group()).containsEntry("matched.field", "source.ip").containsEntry("indicator.id", "indicator--1");
        assertThat(CtiRule.fromEnrichments(batch.get(1).event())).isNull();
    }

    @Test
    void process_picksUpAnImportMadeWhileRunning(@TempDir Path data) throws Exception {
        AtomicLong clock = new AtomicLong(0);
        CtiStage stage = CtiStage.open(data, clock::get, Runnable::run);
        stage.process(List.of(event(1, "203.0.113.7")));
        assertThat(stage.enriched()).isZero();
        importBundle(data);
        clock.addAndGet(CtiStage.REFRESH_MILLIS);
        stage.process(List.of(event(2, "203.0.113.7")));
        assertThat(stage.enriched()).isEqualTo(1);
    }
}

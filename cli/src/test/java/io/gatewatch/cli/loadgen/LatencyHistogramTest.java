package io.gatewatch.cli.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void latencyPercentiles_areWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int micros = 1; micros <= 10_000; micros++) {
            h.recordNanos(micros * 1000L);
        }
        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.percentileMicros(0.5)).isBetween(4_800L, 5_000L);
        assertThat(h.percentileMicros(0.99)).isBetween(9_600L, 9_900L);
        assertThat(h.maxMicros()).isEqualTo(10_000);
        assertThat(new LatencyHistogram().percentileMicros(0.5)).isZero();
    }
}

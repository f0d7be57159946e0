package io.gatewatch.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store benches' command lines: values, defaults and refusals. */
class BenchArgsTest {
    @Test
    void storeLoadBenchTakesItsOptionsAndDefaults() {
        StoreBenchOptions o = StoreBenchOptions.parse(new String[] {"--dir", "w", "--events", "2_000",
                "--scan-events", "5000", "--nrt-rates", "0,half, 3_000", "--keep"});
        assertThat(o).isEqualTo(new StoreBenchOptions(2_000, Path.of("w"), 10, 2_000, 2_000, 20, 100, 20, 60,
                List.of(StoreBenchOptions.HALF_INGEST_RATE, 3_000), true));
        assertThat(StoreBenchOptions.parse(new String[] {"--dir", "w"}).nrtRates())
                .containsExactly(50_000, StoreBenchOptions.HALF_INGEST_RATE);
    }

    @Test
    void termsAggregationBenchTakesItsOptionsAndDefaults() {
        assertThat(TermsAggregationBench.Options.parse(new String[] {"--runs", "3", "--dir", "w"}))
                .isEqualTo(new TermsAggregationBench.Options(1_000_000, Path.of("w"), 5, 3, 5, 5_000, false));
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndAMissingDirectory() {
        assertThatThrownBy(() -> StoreBenchOptions.parse(new String[] {"--dir", "w", "--bogus", "1"}))
                .hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> StoreBenchOptions.parse(new String[] {"--dir", "w", "--events"}))
                .hasMessage("missing value after --events");
        assertThatThrownBy(() -> TermsAggregationBench.Options.parse(new String[] {"--runs", "3"}))
                .hasMessage("--dir is required");
        assertThatThrownBy(() -> StoreBenchOptions.parse(new String[] {"--dir", "w", "--events", "ten"}))
                .isInstanceOf(NumberFormatException.class);
    }
}

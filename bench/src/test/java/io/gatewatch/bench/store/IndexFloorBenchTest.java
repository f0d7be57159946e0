package io.gatewatch.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.bench.store.IndexFloorBench.Layout;
import io.gatewatch.bench.store.IndexFloorBench.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout of the floor bench indexes every event, each layout holds more than the one before. No timings. */
class IndexFloorBenchTest {
    /** More than one feeder batch (2,000), so that two indexing threads both have work. */
    private static final int EVENTS = 3_000;

    @TempDir
    Path dir;

    @Test
    void everyLayoutIndexesEveryEventAndEachHoldsMoreThanTheLighterOnes() throws Exception {
        List<Result> seen = new ArrayList<>();
        List<Result> results = IndexFloorBench.run(dir, EVENTS, List.of(Layout.values()), 1, seen::add);

        assertThat(seen).isEqualTo(results);
        assertThat(results).extracting(Result::layout).containsExactly(Layout.values());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.docs()).isEqualTo(EVENTS);
            assertThat(r.refreshes()).isPositive();
            assertThat(r.row()).startsWith(r.layout().label());
        });
        for (int i = 1; i < results.size(); i++) {
            assertThat(results.get(i).bytes()).as(results.get(i).layout().label())
                    .isGreaterThan(results.get(i - 1).bytes());
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("indexes, raw log and data directory deleted").isEmpty();
        }
    }

    @Test
    void twoIndexingThreadsShareTheBatchesWithoutLosingOne() throws Exception {
        List<Result> results = IndexFloorBench.run(dir, EVENTS, List.of(Layout.QUERY, Layout.STORE), 2, r -> { });

        assertThat(results).extracting(Result::docs).containsExactly((long) EVENTS, (long) EVENTS);
    }

    @Test
    void refusesAnUnknownLayout() {
        assertThatThrownBy(() -> Layout.of("everything")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line, words, text, query, store");
    }
}

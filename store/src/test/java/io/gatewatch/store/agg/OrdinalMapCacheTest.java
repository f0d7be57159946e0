package io.gatewatch.store.agg;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.store.agg.TestPartitions.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdinalMapCacheTest {
    @TempDir
    Path dir;

    private static List<LeafReader> segments(DirectoryReader reader) {
        return reader.leaves().stream().map(LeafReaderContext::reader).toList();
    }

    private static List<List<Doc>> twoSegments(String ip) {
        return List.of(List.of(Doc.of(ip, "u", "A")), List.of(Doc.of("10.9.9.9", "v", "A")));
    }

    @Test
    void buildsAMapOncePerReaderAndFieldAndDropsItWhenTheReaderCloses() throws Exception {
        OrdinalMapCache cache = new OrdinalMapCache(4);
        TestPartitions partitions = new TestPartitions(dir);
        DirectoryReader reader = partitions.add(twoSegments("10.0.0.1"));

        OrdinalMap first = cache.get(reader, "source.ip", segments(reader));
        assertThat(first.getValueCount()).isEqualTo(2);
        assertThat(cache.get(reader, "source.ip", segments(reader))).isSameAs(first);
        OrdinalMap users = cache.get(reader, "user.name", segments(reader));
        assertThat(users).isNotSameAs(first);
        assertThat(cache.size()).isEqualTo(2);

        partitions.close();
        assertThat(cache.size()).isZero();
        assertThat(cache.holds(reader, "source.ip")).isFalse();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        OrdinalMapCache cache = new OrdinalMapCache(2);
        try (TestPartitions partitions = new TestPartitions(dir)) {
            List<DirectoryReader> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                readers.add(partitions.add(twoSegments("10.0.0." + i)));
            }
            cache.get(readers.get(0), "source.ip", segments(readers.get(0)));
            cache.get(readers.get(1), "source.ip", segments(readers.get(1)));
            cache.get(readers.get(0), "source.ip", segments(readers.get(0))); // 0 is now the most recent
            cache.get(readers.get(2), "source.ip", segments(readers.get(2)));

            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.holds(readers.get(0), "source.ip")).isTrue();
            assertThat(cache.holds(readers.get(1), "source.ip")).isFalse();
            assertThat(cache.holds(readers.get(2), "source.ip")).isTrue();
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void aggregationsReuseTheSharedMapOfAPartitionAcrossSearches() throws Exception {
        try (TestPartitions partitions = new TestPartitions(dir)) {
            DirectoryReader reader = partitions.add(twoSegments("10.0.0.1"));
            DirectoryReader single = partitions.add(List.of(List.of(Doc.of("10.0.0.1", "u", "A"))));
            List<AggSpec> spec = List.of(new AggSpec.Terms("t", "source.ip", 5, List.of()));

            AggregationResult first = Aggregations.run(partitions.searcher(), new MatchAllDocsQuery(), spec, 0);
            assertThat(OrdinalMapCache.shared().holds(reader, "source.ip")).isTrue();
            assertThat(OrdinalMapCache.shared().holds(single, "source.ip")).as("one segment needs no map").isFalse();
            OrdinalMap map = OrdinalMapCache.shared().get(reader, "source.ip", segments(reader));
            AggregationResult second = Aggregations.run(partitions.searcher(), new MatchAllDocsQuery(), spec, 0);
            assertThat(OrdinalMapCache.shared().get(reader, "source.ip", segments(reader))).isSameAs(map);
            assertThat(second.values()).isEqualTo(first.values());
        }
    }
}

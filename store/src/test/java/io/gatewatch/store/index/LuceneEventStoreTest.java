package io.gatewatch.store.index;

import static io.gatewatch.store.index.StoreTestEvents.DAY;
import static io.gatewatch.store.index.StoreTestEvents.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.agg.AggSpec;
import io.gatewatch.store.agg.AggregationRequest;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.query.QuerySyntaxException;
import io.gatewatch.store.retention.RetentionPolicy;
import io.gatewatch.store.schema.ExactFingerprint;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneEventStoreTest {
    static final long NOW = System.currentTimeMillis();
    static final long T0 = NOW - 3_600_000;

    @TempDir
    Path dir;

    LuceneEventStore open() throws Exception {
        return LuceneEventStore.open(dir, new LuceneEventStore.Settings(16, 2));
    }

    static SearchRequest all(int size, SortSpec sort, String intake, String cursor) {
        return new SearchRequest("", Long.MIN_VALUE, Long.MAX_VALUE, size, sort, intake, cursor);
    }

    @Test
    void searchesNewestFirstAndPagesWithCursorsOverEveryPartitionExactlyOnce() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 300, "vpn", NOW - DAY, T0));
            store.index(events(300, 200, "lab", NOW, T0));
            store.refresh();
            assertThat(store.partitions()).hasSize(2);

            SearchResult first = store.search(all(10, SortSpec.NEWEST_FIRST, null, null));
            assertThat(first.total()).isEqualTo(500);
            assertThat(first.totalExact()).isTrue();
            assertThat(first.events()).extracting(FoundEvent::offset).containsExactly(499L, 498L, 497L, 496L, 495L, 494L,
                    493L, 492L, 491L, 490L);

            Set<Long> seen = new HashSet<>();
            List<Long> order = new ArrayList<>();
            String cursor = null;
            do {
                SearchResult page = store.search(all(64, SortSpec.NEWEST_FIRST, null, cursor));
                page.events().forEach(e -> {
                    seen.add(e.offset());
                    order.add(e.offset());
                });
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(order).hasSize(500).doesNotHaveDuplicates();
            assertThat(order).isSortedAccordingTo((a, b) -> Long.compare(b, a));

            SearchResult lab = store.search(all(1000, SortSpec.parse("source.port:asc"), "lab", null));
            assertThat(lab.total()).isEqualTo(200);
            assertThat(lab.events().getFirst().offset()).isEqualTo(300);
        }
    }

    @Test
    void keepsTheWholeEventAsSourceWithIdIntakeAndReceptionTime() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 10, "vpn", NOW, T0));
            store.refresh();
            FoundEvent e = store.get(JournalRecord.eventId(7)).orElseThrow();
            assertThat(e.offset()).isEqualTo(7);
            assertThat(e.sourceJson())
                    .contains("\"id\":\"" + JournalRecord.eventId(7) + "\"")
                    .contains("\"gatewatch\":{\"intake\":\"vpn\"}")
                    .contains("\"original\":\"<134>raw line 7\"")
                    .contains("\"ip\":\"2001:db8::8\"")
                    .contains("\"ingested\":");
            assertThat(store.get(JournalRecord.eventId(99))).isEmpty();
        }
    }

    @Test
    void replaysAfterAKillWithoutLosingOrDuplicating() throws Exception {
        LuceneEventStore store = open();
        store.index(events(0, 1000, "vpn", NOW, T0));
        store.commit();
        store.index(events(1000, 500, "vpn", NOW, T0));
        store.refresh();
        assertThat(store.search(all(1, SortSpec.NEWEST_FIRST, null, null)).total()).isEqualTo(1500);
        store.abandon(); // killed: the last 500 were never committed

        try (LuceneEventStore reopened = open()) {
            assertThat(reopened.nextOffset()).isEqualTo(1000);
            // A feeder resumes at nextOffset; an over-eager one that starts earlier changes nothing.
            reopened.index(events(900, 600, "vpn", NOW, T0));
            reopened.commit();
            reopened.refresh();
            assertThat(allOffsets(reopened)).hasSize(1500).doesNotHaveDuplicates();
        }
    }

    @Test
    void partitionsThatCommittedBeforeTheConsumerOffsetSkipWhatTheyHold() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 800, "vpn", NOW, T0));
            store.index(events(800, 200, "lab", NOW, T0));
        }
        // A crash after the partitions committed but before the store's offset was written.
        try (var files = Files.list(dir.resolve(LuceneEventStore.OFFSETS_DIR))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        try (LuceneEventStore store = open()) {
            assertThat(store.nextOffset()).isZero();
            store.index(events(0, 800, "vpn", NOW, T0));
            store.index(events(800, 200, "lab", NOW, T0));
            store.index(events(1000, 5, "lab", NOW, T0));
            store.refresh();
            assertThat(allOffsets(store)).hasSize(1005).doesNotHaveDuplicates();
        }
    }

    @Test
    void retentionDropsWholeExpiredPartitionsPerIntake() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 10, "vpn", NOW - 40 * DAY, T0));
            store.index(events(10, 10, "vpn", NOW - 10 * DAY, T0));
            store.index(events(20, 10, "vpn", NOW, T0));
            store.index(events(30, 10, "lab", NOW - 10 * DAY, T0));
            store.index(events(40, 10, "lab", NOW, T0));
            store.commit();
            store.refresh();
            RetentionPolicy policy = new RetentionPolicy(30, Map.of("lab", 5));
            List<PartitionId> dropped = policy.apply(store, NOW);
            assertThat(dropped).extracting(PartitionId::intake).containsExactlyInAnyOrder("vpn", "lab");
            assertThat(store.partitions()).hasSize(3);
            for (PartitionId p : dropped) {
                assertThat(p.dir(dir)).doesNotExist();
            }
            assertThat(allOffsets(store)).hasSize(30).doesNotContain(0L, 9L, 30L, 39L);
            assertThat(policy.apply(store, NOW)).isEmpty();
        }
        try (LuceneEventStore store = open()) {
            assertThat(store.partitions()).hasSize(3);
        }
        assertThatThrownBy(() -> RetentionPolicy.days(0)).hasMessageContaining("at least 1");
    }

    @Test
    void aggregatesTermsHistogramsCardinalityAndMetricsNestedOneLevel() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 100, "vpn", NOW, T0));
            store.refresh();
            AggregationResult r = store.aggregate(new AggregationRequest("", Long.MIN_VALUE, Long.MAX_VALUE, null, List.of(
                    new AggSpec.Terms("users", "user.name", 2, List.of(
                            new AggSpec.Cardinality("ips", "source.ip"),
                            new AggSpec.Metric("max_port", "source.port", AggSpec.MetricOp.MAX))),
                    new AggSpec.DateHistogram("per_minute", "@timestamp", 60_000, List.of()),
                    new AggSpec.Cardinality("codes", "event.code"),
                    new AggSpec.Metric("avg_port", "source.port", AggSpec.MetricOp.AVG),
                    new AggSpec.Metric("min_port", "source.port", AggSpec.MetricOp.MIN),
                    new AggSpec.Terms("v6", "source.ip", 1000, List.of()))));
            assertThat(r.matched()).isEqualTo(100);
            var users = (AggregationResult.Buckets) r.values().get("users");
            assertThat(users.buckets()).extracting(AggregationResult.Bucket::key).containsExactly("u0", "u1");
            assertThat(users.buckets()).extracting(AggregationResult.Bucket::count).containsExactly(20L, 20L);
            assertThat(users.otherCount()).isEqualTo(60);
            // u0 is events 0, 5, …, 95: the highest port is 1095.
            assertThat(users.buckets().getFirst().subs().get("max_port")).isEqualTo(new AggregationResult.Number(1095.0));
            assertThat(users.buckets().getFirst().subs().get("ips")).isEqualTo(new AggregationResult.Number(20.0));
            var minutes = (AggregationResult.Buckets) r.values().get("per_minute");
            assertThat(minutes.buckets().stream().mapToLong(AggregationResult.Bucket::count).sum()).isEqualTo(100);
            assertThat(r.values().get("codes")).isEqualTo(new AggregationResult.Number(2.0));
            assertThat(r.values().get("avg_port")).isEqualTo(new AggregationResult.Number(1049.5));
            assertThat(r.values().get("min_port")).isEqualTo(new AggregationResult.Number(1000.0));
            var ips = (AggregationResult.Buckets) r.values().get("v6");
            assertThat(ips.buckets()).extracting(AggregationResult.Bucket::key).contains("2001:db8::1", "10.0.1.1");

            assertThatThrownBy(() -> store.aggregate(new AggregationRequest("", 0, Long.MAX_VALUE, null,
                    List.of(new AggSpec.Terms("m", "message", 10, List.of())))))
                    .hasMessageContaining("full text");
            assertThatThrownBy(() -> store.aggregate(new AggregationRequest("", 0, Long.MAX_VALUE, null,
                    List.of(new AggSpec.Metric("m", "user.name", AggSpec.MetricOp.SUM)))))
                    .hasMessageContaining("number or date");
        }
    }

    @Test
    void timeWindowAndBadCursorsAreHandled() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 100, "vpn", NOW, T0));
            store.refresh();
            SearchResult window = store.search(new SearchRequest("", T0 + 10_000, T0 + 19_999, 100,
                    SortSpec.NEWEST_FIRST, null, null));
            assertThat(window.events()).extracting(FoundEvent::offset).containsExactly(19L, 18L, 17L, 16L, 15L, 14L, 13L,
                    12L, 11L, 10L);
            assertThatThrownBy(() -> store.search(all(10, SortSpec.NEWEST_FIRST, null, "garbage!")))
                    .hasMessageContaining("invalid cursor");
            assertThatThrownBy(() -> SortSpec.parse("message:desc")).hasMessageContaining("text field");
        }
    }

    @Test
    void aBatchIndexedOnSeveralThreadsIsCommittedWholeOrNotAtAll() throws Exception {
        LuceneEventStore store = open();
        store.index(events(0, 1000, "vpn", NOW, T0));
        store.commit();
        // 1,000 events on two threads, 500 each: the one at 1,750 fails on the second thread,
        // while the first adds its 500 without trouble.
        List<IndexedEvent> batch = events(1000, 1000, "vpn", NOW, T0);
        batch.get(750).event().setObject(EcsField.LABELS, Map.of("bad", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("unprintable label");
            }
        }));
        assertThatThrownBy(() -> store.index(batch)).hasMessageContaining("unprintable label");
        // What the batch added cannot be told from what it did not: nothing more is committed.
        assertThatThrownBy(store::commit).isInstanceOf(IOException.class).hasMessageContaining("replays");
        assertThatThrownBy(() -> store.index(events(2000, 10, "vpn", NOW, T0))).isInstanceOf(IOException.class);
        store.close();

        try (LuceneEventStore reopened = open()) {
            assertThat(reopened.nextOffset()).isEqualTo(1000);
            assertThat(allOffsets(reopened)).hasSize(1000);
            reopened.index(events(1000, 1000, "vpn", NOW, T0));
            reopened.commit();
            reopened.refresh();
            assertThat(allOffsets(reopened)).hasSize(2000).doesNotHaveDuplicates();
        }
    }

    @Test
    void nearlyUniqueFieldsAreSearchedButNeitherAggregatedNorSorted() throws Exception {
        try (LuceneEventStore store = open()) {
            store.index(events(0, 100, "vpn", NOW, T0));
            store.commit();
            store.refresh();
            assertThat(offsets(store, "message.keyword:\"Login succeeded for user u1 from host number 6\"")).containsExactly(6L);
            assertThat(offsets(store, "message.keyword:\"login succeeded for user u1 from host number 6\"")).isEmpty();
            assertThat(offsets(store, "message.keyword:\"Login succeeded for user u1\"")).isEmpty();
            assertThat(offsets(store, "_exists_:message.keyword")).hasSize(100);
            assertThatThrownBy(() -> offsets(store, "message.keyword:Login*"))
                    .isInstanceOf(QuerySyntaxException.class).hasMessageContaining("or message for words");
            assertThat(offsets(store, "event.reason:\"reason 42\"")).containsExactly(42L);
            assertThat(offsets(store, "event.reason:reason\\ 4*")).hasSize(11);
            assertThat(offsets(store, "_exists_:event.reason")).hasSize(100);
            assertThat(offsets(store, "event.id:" + JournalRecord.eventId(7))).containsExactly(7L);
            assertThat(offsets(store, "_exists_:event.id")).hasSize(100);

            for (AggSpec spec : List.of(
                    new AggSpec.Terms("reasons", "event.reason", 10, List.of()),
                    new AggSpec.Cardinality("ids", "event.id"),
                    new AggSpec.Terms("messages", "message.keyword", 10, List.of()),
                    new AggSpec.Terms("users", "user.name", 10, List.of(new AggSpec.Cardinality("reasons", "event.reason"))))) {
                assertThatThrownBy(() -> store.aggregate(new AggregationRequest("", Long.MIN_VALUE, Long.MAX_VALUE, null,
                        List.of(spec)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot aggregate on");
            }
            assertThatThrownBy(() -> store.aggregate(new AggregationRequest("", Long.MIN_VALUE, Long.MAX_VALUE, null,
                    List.of(new AggSpec.Terms("reasons", "event.reason", 10, List.of())))))
                    .hasMessage("cannot aggregate on event.reason: its values are nearly unique per event, "
                            + "so it is indexed for searching only");
            assertThatThrownBy(() -> store.search(all(10, SortSpec.parse("event.reason"), null, null)))
                    .hasMessageContaining("cannot sort on event.reason");
            assertThat(store.search(all(3, SortSpec.parse("event.id:asc"), null, null)).events())
                    .extracting(FoundEvent::offset).containsExactly(0L, 1L, 2L);

            // On disk: no doc values for the reason (norms instead), no id field, 8-byte message terms.
            try (FSDirectory partition = FSDirectory.open(store.partitions().getFirst().dir(dir));
                    DirectoryReader reader = DirectoryReader.open(partition)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    FieldInfos fields = leaf.reader().getFieldInfos();
                    assertThat(fields.fieldInfo("event.reason").getDocValuesType()).isEqualTo(DocValuesType.NONE);
                    assertThat(fields.fieldInfo("event.reason").hasNorms()).isTrue();
                    assertThat(fields.fieldInfo("event.id")).isNull();
                    TermsEnum terms = leaf.reader().terms("message.keyword").iterator();
                    for (BytesRef term = terms.next(); term != null; term = terms.next()) {
                        assertThat(term.length).isEqualTo(ExactFingerprint.BYTES);
                    }
                }
            }
        }
    }

    @Test
    void aPartitionIndexesAtMostSoManyFieldsFromLabelKeysAndKeepsTheRestInTheSource() throws Exception {
        int keys = ObjectKeyFields.MAX + 50;
        List<IndexedEvent> batch = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            IndexedEvent e = events(i, 1, "vpn", NOW, T0).getFirst();
            e.event().putLabel(EcsField.LABELS, "k" + i, "v" + i);
            batch.add(e);
        }
        String indexedKey = null;
        try (LuceneEventStore store = open()) {
            store.index(batch);
            store.commit();
            store.refresh();
            // Indexing threads meet the keys in no set order: which ones made it varies, not how many.
            int searchable = 0;
            for (int i = 0; i < keys; i++) {
                if (count(store, "labels.k" + i + ":v" + i) == 1) {
                    searchable++;
                    indexedKey = "k" + i;
                }
                assertThat(store.get(JournalRecord.eventId(i)).orElseThrow().sourceJson())
                        .contains("\"k" + i + "\":\"v" + i + "\"");
            }
            assertThat(searchable).isEqualTo(ObjectKeyFields.MAX);
        }
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(PartitionId.of("vpn", NOW).dir(dir)))) {
            long labelFields = 0;
            for (org.apache.lucene.index.FieldInfo f : FieldInfos.getMergedFieldInfos(r)) {
                labelFields += f.name.startsWith("labels.") ? 1 : 0;
            }
            assertThat(labelFields).isEqualTo(ObjectKeyFields.MAX);
        }
        // Reopened, the partition counts the fields it has: a known key goes on, a new one does not.
        try (LuceneEventStore store = open()) {
            IndexedEvent known = events(keys, 1, "vpn", NOW, T0).getFirst();
            known.event().putLabel(EcsField.LABELS, indexedKey, "again");
            IndexedEvent unknown = events(keys + 1, 1, "vpn", NOW, T0).getFirst();
            unknown.event().putLabel(EcsField.LABELS, "fresh", "x");
            store.index(List.of(known, unknown));
            store.refresh();
            assertThat(count(store, "labels." + indexedKey + ":again")).isEqualTo(1);
            assertThat(count(store, "labels.fresh:x")).isZero();
        }
    }

    private static long count(LuceneEventStore store, String query) throws IOException {
        return store.search(new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, 10, SortSpec.parse("_offset"),
                null, null)).total();
    }

    @Test
    void aPartitionWrittenBeforeReasonsLostTheirDocValuesTakesNewEventsInItsOwnLayout() throws Exception {
        // Today's partition as the previous layout wrote it: event.reason with doc values, no norms.
        Path partition = PartitionId.of("vpn", NOW).dir(dir);
        Files.createDirectories(partition);
        try (FSDirectory d = FSDirectory.open(partition);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setIndexSort(Partition.INDEX_SORT))) {
            w.addDocument(new EventDocuments().toDocument(events(0, 1, "vpn", NOW, T0).getFirst().event(), 0,
                    Set.of("event.reason"), ObjectKeyFields.unlimited()));
            w.setLiveCommitData(Map.of(Partition.NEXT_OFFSET, "1").entrySet());
            w.commit();
        }
        try (LuceneEventStore store = open()) {
            store.index(events(0, 600, "vpn", NOW, T0));
            store.commit();
            store.refresh();
            assertThat(allOffsets(store)).hasSize(600).doesNotHaveDuplicates();
            assertThat(offsets(store, "event.reason:\"reason 42\"")).containsExactly(42L);
            assertThat(offsets(store, "_exists_:event.reason")).hasSize(600);
            try (FSDirectory d = FSDirectory.open(partition); DirectoryReader reader = DirectoryReader.open(d)) {
                assertThat(FieldInfos.getMergedFieldInfos(reader).fieldInfo("event.reason").getDocValuesType())
                        .isEqualTo(DocValuesType.SORTED_SET);
            }
        }
    }

    static List<Long> offsets(LuceneEventStore store, String query) throws Exception {
        List<Long> out = new ArrayList<>();
        store.search(new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, 1000, SortSpec.NEWEST_FIRST, null, null))
                .events().forEach(e -> out.add(e.offset()));
        return out;
    }

    static List<Long> allOffsets(LuceneEventStore store) throws Exception {
        List<Long> out = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult page = store.search(all(1000, SortSpec.NEWEST_FIRST, null, cursor));
            page.events().forEach(e -> out.add(e.offset()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }
}

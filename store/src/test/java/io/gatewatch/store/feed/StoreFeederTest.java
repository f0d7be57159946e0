package io.gatewatch.store.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.search.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal consumer on a real journal and a real store, with a pipeline stage before indexing. */
class StoreFeederTest {
    @TempDir
    Path dir;

    @Test
    void indexesWhatTheJournalHoldsAfterEveryStageAndTellsStagesWhatIsCommitted() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        List<Long> committed = new CopyOnWriteArrayList<>();
        PipelineStage tagger = new PipelineStage() {
            @Override
            public void process(List<IndexedEvent> batch) {
                for (IndexedEvent e : batch) {
                    seen.add(e.offset());
                    // What the journal knows is on the event before any stage: rules may group by intake.
                    if (e.event().getString(EcsField.GATEWATCH_INTAKE).equals("vpn")
                            && e.event().getString(EcsField.EVENT_ID).equals(JournalRecord.eventId(e.offset()))
                            && e.event().getLong(EcsField.EVENT_INGESTED, -1) == e.receivedAtMillis()) {
                        e.event().add(EcsField.TAGS, "seen_by_stage");
                    }
                }
            }

            @Override
            public void committed(long nextOffset) {
                committed.add(nextOffset);
            }
        };
        PulseParser parser = new PulseParser();
        try (SegmentedJournal journal = SegmentedJournal.open(dir.resolve("journal"), SegmentedJournal.DEFAULT_SEGMENT_BYTES);
                LuceneEventStore store = LuceneEventStore.open(dir.resolve("store"))) {
            List<JournalRecord> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(JournalRecord.of(System.currentTimeMillis(), "vpn",
                        ("id=firewall user=u" + i + " msg=\"AUT22673: Logout from 10.0.0.1 (session:" + i + ")\"")
                                .getBytes(StandardCharsets.UTF_8)));
            }
            journal.append(records);
            journal.sync();
            StoreFeeder feeder = new StoreFeeder(journal, store, r -> parser.parse(r.payload()),
                    new StoreFeeder.Settings(100, 20, 50, 5), List.of(tagger)).start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (store.search(SearchRequest.of("tags:seen_by_stage")).total() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.search(SearchRequest.of("tags:seen_by_stage")).total()).isEqualTo(500);
            assertThat(feeder.lag()).isZero();
            feeder.close();
            assertThat(feeder.failure()).isNull();
            assertThat(seen).hasSize(500).isSorted();
            assertThat(committed).isNotEmpty().isSorted();
            assertThat(committed.getLast()).isEqualTo(500);
            assertThat(store.nextOffset()).isEqualTo(500);
        }
    }
}

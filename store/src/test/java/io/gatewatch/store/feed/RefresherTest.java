package io.gatewatch.store.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshes on their own thread, against a real store being indexed, committed and searched. */
class RefresherTest {
    private static final long NOW = System.currentTimeMillis();

    @TempDir
    Path dir;

    @Test
    void refreshesWhileTheStoreIsIndexedCommittedAndSearchedAndServesEveryRequestBeforeClosing() throws Exception {
        try (LuceneEventStore store = LuceneEventStore.open(dir.resolve("store"))) {
            AtomicBoolean indexing = new AtomicBoolean(true);
            AtomicReference<Throwable> searchFailure = new AtomicReference<>();
            List<Long> seenTotals = new ArrayList<>();
            Thread searcher = Thread.ofPlatform().start(() -> {
                try {
                    while (indexing.get()) {
                        seenTotals.add(store.search(SearchRequest.of("")).total());
                    }
                } catch (IOException | RuntimeException e) {
                    searchFailure.set(e);
                }
            });
            Refresher refresher = new Refresher(store, "test-refresher");
            for (int b = 0; b < 40; b++) {
                store.index(batch(b * 50L, 50));
                refresher.request();
                if (b % 7 == 6) {
                    store.commit();
                }
            }
            refresher.close();
            indexing.set(false);
            searcher.join();

            assertThat(searchFailure.get()).isNull();
            assertThat(refresher.failure()).isNull();
            assertThat(refresher.refreshes()).isPositive();
            // The last request came after the last batch: closing served it, nothing else refreshed.
            SearchResult all = store.search(new SearchRequest("", Long.MIN_VALUE, Long.MAX_VALUE, 2_000,
                    SortSpec.NEWEST_FIRST, null, null));
            assertThat(all.total()).isEqualTo(2_000);
            Set<String> ids = new HashSet<>();
            for (FoundEvent e : all.events()) {
                ids.add(e.id());
            }
            assertThat(ids).hasSize(2_000);
            // Searches ran meanwhile and saw the store grow, never shrink.
            assertThat(seenTotals).isSorted();
        }
    }

    @Test
    void aRefreshThatFailsIsReportedAndEndsTheThread() throws Exception {
        LuceneEventStore store = LuceneEventStore.open(dir.resolve("store"));
        {
            store.index(batch(0, 10));
            // The partition's directory gone from under its writer: the refresh cannot write its segment.
            try (Stream<Path> files = Files.walk(dir.resolve("store").resolve("vpn"))) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
            Refresher refresher = new Refresher(store, "test-refresher");
            refresher.request();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (refresher.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(refresher.failure()).isInstanceOf(IOException.class);
            refresher.request(); // no thread left to serve it: closing returns at once
            refresher.close();
            assertThat(refresher.refreshes()).isZero();
        }
        // The writer died with its directory: closing says so, after closing every partition.
        assertThatThrownBy(store::close).isInstanceOf(IOException.class).hasMessageContaining("committing");
    }

    private static List<IndexedEvent> batch(long from, int count) {
        List<IndexedEvent> out = new ArrayList<>(count);
        for (long o = from; o < from + count; o++) {
            EcsEvent e = new EcsEvent()
                    .setLong(EcsField.TIMESTAMP, NOW - 60_000 + o)
                    .set(EcsField.MESSAGE, "event " + o)
                    .set(EcsField.USER_NAME, "u" + (o % 7));
            out.add(new IndexedEvent(o, "vpn", NOW, e));
        }
        return out;
    }
}

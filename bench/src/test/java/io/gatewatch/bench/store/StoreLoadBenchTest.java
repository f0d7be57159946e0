package io.gatewatch.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.store.agg.AggregationResult;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench asks the store and the NDJSON scan the same questions: on a small run, both must give
 * the same number of hits and the same newest events, and the aggregations the same top values.
 * No timings are checked here.
 */
class StoreLoadBenchTest {
    /** Few enough that every question's total is exact (the store counts exactly up to 10,000). */
    private static final int EVENTS = 6_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static TimeLayout layout;
    private static QueryMix mix;
    private static Path ndjson;
    private static Path storeDir;
    private static IngestPhase.Result ingest;

    @BeforeAll
    static void ingest() throws Exception {
        layout = TimeLayout.endingAt(System.currentTimeMillis(), 2, EVENTS);
        Path raw = dir.resolve("raw.log");
        RawLog.write(raw, EVENTS);
        ndjson = dir.resolve("sample.ndjson");
        storeDir = dir.resolve("store");
        QueryValues values = new QueryValues();
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            ingest = IngestPhase.run(store, raw, BenchEvents.open(dir.resolve("data"), layout), 1, ndjson, values,
                    new Progress("test", EVENTS));
        }
        mix = new QueryMix(values);
    }

    @Test
    void everyEventIsIndexedAndSampledOverSeveralDayPartitions() throws Exception {
        assertThat(ingest.events()).isEqualTo(EVENTS);
        assertThat(ingest.sampled()).isEqualTo(EVENTS);
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            assertThat(store.partitions()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(store.diskBytes()).isPositive();
        }
    }

    @Test
    void storeAndScanAnswerEveryQuestionAlike() throws Exception {
        List<String> checked = new ArrayList<>();
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            for (int r = 0; r < 6; r++) {
                for (AnalystQuery q : mix.round(r)) {
                    SearchResult stored = SearchPhase.search(store, q, layout);
                    NdjsonScan.SearchAnswer scanned = NdjsonScan.search(ndjson, q, q.fromMillis(layout),
                            q.toMillis(layout), SearchPhase.SIZE);
                    assertThat(stored.totalExact()).as(q.query()).isTrue();
                    assertThat(scanned.matched()).as(q.query()).isEqualTo(stored.total());
                    assertThat(ids(scanned.newest())).as(q.query()).isEqualTo(storedIds(stored));
                    if (stored.total() > 0) {
                        checked.add(q.kind());
                    }
                }
            }
        }
        // Every kind of question found something at least once, so the comparison meant something.
        assertThat(checked).containsAll(mix.round(0).stream().map(AnalystQuery::kind).toList());
    }

    @Test
    void storeAndScanAggregateAlike() throws Exception {
        try (LuceneEventStore store = LuceneEventStore.open(storeDir)) {
            for (String field : QueryMix.TERMS_FIELDS) {
                AggregationResult stored = SearchPhase.terms(store, layout, field);
                NdjsonScan.TermsAnswer scanned = NdjsonScan.terms(ndjson, field, QueryMix.TERMS_SIZE,
                        layout.lastDayFromMillis(), layout.endMillis());
                assertThat(scanned.matched()).as(field).isEqualTo(stored.matched());
                List<Map.Entry<String, Long>> top = new ArrayList<>();
                for (AggregationResult.Bucket b : ((AggregationResult.Buckets) stored.values().get("top")).buckets()) {
                    top.add(Map.entry(String.valueOf(b.key()), b.count()));
                }
                assertThat(scanned.top()).as(field).isEqualTo(top);
            }
        }
    }

    @Test
    void arrivalRunFindsEverySample() throws Exception {
        List<byte[]> lines;
        try (RawLog.Reader reader = new RawLog.Reader(dir.resolve("raw.log"))) {
            lines = reader.next(1_000);
        }
        ArrivalDelayPhase.Result r = ArrivalDelayPhase.run(dir.resolve("nrt"), 2_000, 2, lines);
        assertThat(r.appended()).isEqualTo(4_000);
        assertThat(r.samples()).isPositive();
        assertThat(r.missing()).isZero();
    }

    @Test
    void scanConditionsReadValuesAsTheStoreDoes() {
        assertThat(ScanCondition.InIpv4Network.ipv4("10.1.2.3")).isEqualTo(0x0a010203L);
        assertThat(ScanCondition.InIpv4Network.ipv4("256.1.2.3")).isEqualTo(-1);
        assertThat(ScanCondition.InIpv4Network.ipv4("2001:db8::1")).isEqualTo(-1);
        assertThat(ScanCondition.InIpv4Network.ipv4("1.2.3")).isEqualTo(-1);
        ScanCondition net = ScanCondition.InIpv4Network.of("source.ip", "45.79.0.0/16");
        assertThat(net.test("45.79.200.1")).isTrue();
        assertThat(net.test("45.80.0.1")).isFalse();
        ScanCondition phrase = new ScanCondition.Phrase("message", "Session timed out");
        assertThat(phrase.test("x=1 msg=\"AUT22886: Session timed out for bob\"")).isTrue();
        assertThat(phrase.test("Session timed outside")).isFalse();
        assertThat(QueryMix.sixteen("45.79.3.4")).isEqualTo("45.79.0.0/16");
        for (String t : List.of("2026-11-23T17:59:42Z", "2026-11-23T17:59:42.123Z", "2024-02-29T00:00:00.5Z")) {
            assertThat(NdjsonScan.parseUtc(t)).as(t).isEqualTo(Instant.parse(t).toEpochMilli());
        }
    }

    private static List<String> ids(List<byte[]> events) throws Exception {
        List<String> ids = new ArrayList<>();
        for (byte[] e : events) {
            ids.add(JSON.readTree(e).path("event").path("id").asText());
        }
        return ids;
    }

    private static List<String> storedIds(SearchResult result) {
        return result.events().stream().map(FoundEvent::id).toList();
    }
}

package io.gatewatch.bench.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of {@link StoreLoadBench}.
 *
 * @param events events generated, indexed and searched
 * @param dir working directory (the raw log, the stores, the NDJSON sample, the journal)
 * @param days days the event times are spread over, ending now; reception days make the partitions
 * @param scanEvents events in the NDJSON sample the baseline scans (every k-th event); 0 skips the baseline
 * @param indexOnlyEvents events parsed into memory first, then indexed into a scratch store; 0 skips it
 * @param warmupRounds rounds of the query mix run before measuring
 * @param rounds measured rounds of the query mix
 * @param aggRuns measured runs of each aggregation
 * @param nrtSeconds how long each arrival-to-searchable run appends
 * @param nrtRates appended events per second, one run each; {@link #HALF_INGEST_RATE} stands for half
 *     the end-to-end ingest rate the run measured (a load the store can sustain)
 * @param keep keep the working files instead of deleting them at the end
 */
record StoreBenchOptions(long events, Path dir, int days, long scanEvents, int indexOnlyEvents, int warmupRounds,
        int rounds, int aggRuns, int nrtSeconds, List<Integer> nrtRates, boolean keep) {

    /** In {@link #nrtRates}: half the measured end-to-end ingest rate ({@code half} on the command line). */
    static final int HALF_INGEST_RATE = -1;

    static final String USAGE = """
            usage: StoreLoadBench --dir DIR [options]
              --events N             events to generate and index (default 10000000)
              --days N               days the event times span, ending now (default 10)
              --scan-events N        NDJSON sample scanned by the baseline (default 1000000; 0: no baseline)
              --index-only-events N  events pre-parsed in memory for the index-only run (default 1000000; 0: skip)
              --warmup-rounds N      query mix rounds before measuring (default 20)
              --rounds N             measured query mix rounds (default 100)
              --agg-runs N           measured runs of each aggregation (default 20)
              --nrt-seconds N        length of each arrival-to-searchable run (default 60)
              --nrt-rates R[,R…]     events/s appended to the journal, one run each; "half": half the
                                     measured end-to-end ingest rate (default 50000,half; 0: skip)
              --keep                 keep the working files""";

    StoreBenchOptions {
        if (events < 1 || days < 1 || rounds < 1 || aggRuns < 1 || warmupRounds < 0 || nrtSeconds < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (scanEvents > events || indexOnlyEvents > events) {
            throw new IllegalArgumentException("--scan-events and --index-only-events must not exceed --events");
        }
        nrtRates = List.copyOf(nrtRates);
    }

    static StoreBenchOptions parse(String[] args) {
        BenchArgs a = BenchArgs.parse(args, Set.of("--events", "--dir", "--days", "--scan-events",
                "--index-only-events", "--warmup-rounds", "--rounds", "--agg-runs", "--nrt-seconds", "--nrt-rates"),
                Set.of("--keep"));
        long events = a.number("--events", 10_000_000);
        List<Integer> nrtRates = new ArrayList<>();
        for (String r : a.text("--nrt-rates", "50000,half").split(",")) {
            int rate = r.strip().equals("half") ? HALF_INGEST_RATE : (int) BenchArgs.number(r.strip());
            if (rate != 0) {
                nrtRates.add(rate);
            }
        }
        return new StoreBenchOptions(events, a.dir(), (int) a.number("--days", 10),
                Math.min(a.number("--scan-events", 1_000_000), events),
                (int) Math.min(a.number("--index-only-events", 1_000_000), events),
                (int) a.number("--warmup-rounds", 20), (int) a.number("--rounds", 100),
                (int) a.number("--agg-runs", 20), (int) a.number("--nrt-seconds", 60), nrtRates, a.flag("--keep"));
    }

    /** Every {@code scanEvery()}-th event goes into the NDJSON sample. */
    long scanEvery() {
        return scanEvents == 0 ? 0 : Math.max(1, events / scanEvents);
    }
}

package io.gatewatch.bench.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        long events = 10_000_000;
        Path dir = null;
        int days = 10;
        long scanEvents = 1_000_000;
        int indexOnly = 1_000_000;
        int warmup = 20;
        int rounds = 100;
        int aggRuns = 20;
        int nrtSeconds = 60;
        List<Integer> nrtRates = List.of(50_000, HALF_INGEST_RATE);
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--events" -> events = number(v);
                case "--dir" -> dir = Path.of(v);
                case "--days" -> days = (int) number(v);
                case "--scan-events" -> scanEvents = number(v);
                case "--index-only-events" -> indexOnly = (int) number(v);
                case "--warmup-rounds" -> warmup = (int) number(v);
                case "--rounds" -> rounds = (int) number(v);
                case "--agg-runs" -> aggRuns = (int) number(v);
                case "--nrt-seconds" -> nrtSeconds = (int) number(v);
                case "--nrt-rates" -> {
                    List<Integer> rates = new ArrayList<>();
                    for (String r : v.split(",")) {
                        int rate = r.strip().equals("half") ? HALF_INGEST_RATE : (int) number(r.strip());
                        if (rate != 0) {
                            rates.add(rate);
                        }
                    }
                    nrtRates = rates;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        return new StoreBenchOptions(events, dir, days, Math.min(scanEvents, events), (int) Math.min(indexOnly, events),
                warmup, rounds, aggRuns, nrtSeconds, nrtRates, keep);
    }

    /** Every {@code scanEvery()}-th event goes into the NDJSON sample. */
    long scanEvery() {
        return scanEvents == 0 ? 0 : Math.max(1, events / scanEvents);
    }

    private static long number(String v) {
        return Long.parseLong(v.replace("_", ""));
    }
}

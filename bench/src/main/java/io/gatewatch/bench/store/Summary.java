package io.gatewatch.bench.store;

import io.gatewatch.store.agg.AggregationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of a run, gathered phase by phase, and their Markdown summary. */
final class Summary {
    static final double TARGET_INGEST_PER_SECOND = 100_000;
    static final double TARGET_SEARCH_P50_MILLIS = 50;
    static final double TARGET_SEARCH_P99_MILLIS = 300;
    static final double TARGET_TERMS_MILLIS = 200;
    static final double TARGET_ARRIVAL_P99_SECONDS = 2;
    static final int TARGET_ARRIVAL_RATE = 50_000;
    static final double TARGET_DISK_RATIO = 0.5;

    final StoreBenchOptions options;
    final String machine;
    final double loadAtStart;
    double loadAtEnd;
    TimeLayout layout;
    long rawBytes;
    IngestPhase.Result indexOnly;
    IngestPhase.Result ingest;
    long storeBytes;
    Map<String, Long> diskParts = Map.of();
    int partitions;
    SearchPhase.Result searches;
    List<SearchPhase.TermsResult> terms = List.of();
    final List<NdjsonScan.SearchAnswer> scans = new ArrayList<>();
    final List<NdjsonScan.TermsAnswer> termScans = new ArrayList<>();
    final List<ArrivalDelayPhase.Result> arrivals = new ArrayList<>();

    Summary(StoreBenchOptions options, String machine, double loadAtStart) {
        this.options = options;
        this.machine = machine;
        this.loadAtStart = loadAtStart;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        line(md, "## Store and search: `StoreLoadBench`, one run");
        line(md, "");
        line(md, "- Machine: %s; load average %.1f at the start, %.1f at the end.", machine, loadAtStart, loadAtEnd);
        line(md, "- Events: %,d lines of the mixed corpus, %s raw (%.0f bytes a line), event times spread over %d days"
                + " from %s to %s; %d day partitions on one intake.", ingest.events(), bytes(rawBytes),
                (double) rawBytes / ingest.events(), options.days(), Instant.ofEpochMilli(layout.startMillis()),
                Instant.ofEpochMilli(layout.endMillis()), partitions);
        line(md, "");
        ingest(md);
        disk(md);
        searches(md);
        terms(md);
        arrivals(md);
        targets(md);
        return md.toString();
    }

    private void ingest(StringBuilder md) {
        line(md, "### Ingest");
        line(md, "");
        line(md, "One thread indexes batches of 2,000 events; a refresh is asked of a refresher thread every 250 ms"
                + " and a commit made every 10 s (the store feeder's defaults). CPU is the whole process's: the"
                + " refreshes, merges and GC run beside the indexing thread.");
        line(md, "");
        line(md, "| run | events | time | events/s | process CPU, µs/event | written to disk, B/event |");
        line(md, "|---|---:|---:|---:|---:|---:|");
        if (indexOnly != null) {
            line(md, "| index only: events parsed beforehand into memory, one day's partition | %,d | %.1f s | **%,.0f** | %.0f | %s |",
                    indexOnly.events(), indexOnly.wallNanos() / 1e9, indexOnly.indexOnlyPerSecond(),
                    indexOnly.cpuNanos() / 1e3 / indexOnly.events(), perEvent(indexOnly.writtenBytes(), indexOnly.events()));
        }
        line(md, "| index only: time spent in the store during the end-to-end run | %,d | %.1f s | %,.0f | | |",
                ingest.events(), ingest.storeNanos() / 1e9, ingest.indexOnlyPerSecond());
        line(md, "| parse only (`IntakeParsers`) during the end-to-end run | %,d | %.1f s | %,.0f | | |",
                ingest.events(), ingest.parseNanos() / 1e9, ingest.parsePerSecond());
        line(md, "| **end to end**: lines read, parsed, indexed, searchable and committed | %,d | %.1f s | **%,.0f** | %.0f | %s |",
                ingest.events(), ingest.wallNanos() / 1e9, ingest.endToEndPerSecond(),
                ingest.cpuNanos() / 1e3 / ingest.events(), perEvent(ingest.writtenBytes() - ingest.sampleBytes(), ingest.events()));
        line(md, "");
        line(md, "Written to disk: what the process wrote during the run (flushes, merges, commits; the NDJSON sample"
                + " left out), against a raw line of %.0f bytes.", (double) rawBytes / ingest.events());
        line(md, "");
    }

    private void disk(StringBuilder md) {
        line(md, "### Disk");
        line(md, "");
        line(md, "| raw log | store (`diskBytes()`, committed) | per event | store / raw |");
        line(md, "|---:|---:|---:|---:|");
        line(md, "| %s | %s | %.0f B | **%.2f** |", bytes(rawBytes), bytes(storeBytes),
                (double) storeBytes / ingest.events(), diskRatio());
        line(md, "");
        if (!diskParts.isEmpty()) {
            line(md, "| part of the index | bytes per event | share |");
            line(md, "|---|---:|---:|");
            long total = diskParts.values().stream().mapToLong(Long::longValue).sum();
            for (Map.Entry<String, Long> e : diskParts.entrySet()) {
                line(md, "| %s | %.0f | %.0f%% |", e.getKey(), (double) e.getValue() / ingest.events(),
                        100.0 * e.getValue() / total);
            }
            line(md, "");
        }
    }

    private void searches(StringBuilder md) {
        line(md, "### Searches: top %d newest, %d measured rounds of %d questions (after %d warm-up rounds)",
                SearchPhase.SIZE, options.rounds(), searches.kinds().size(), options.warmupRounds());
        line(md, "");
        boolean scanned = !scans.isEmpty();
        line(md, "| question | window | example | hits (median) | p50 ms | p99 ms | max ms%s |",
                scanned ? " | NDJSON scan ms (×" + options.scanEvery() + ") | scan / p50" : "");
        line(md, "|---|---|---|---:|---:|---:|---:%s|", scanned ? "|---:|---:" : "");
        for (int i = 0; i < searches.kinds().size(); i++) {
            SearchPhase.KindResult k = searches.kinds().get(i);
            String scan = "";
            if (scanned) {
                double scanMillis = scans.get(i).nanos() / 1e6 * options.scanEvery();
                scan = String.format(Locale.ROOT, " | %,.0f | %,.0f×", scanMillis,
                        scanMillis / k.latencies().percentileMillis(50));
            }
            line(md, "| %s | %s | `%s` | %s%,d | %.1f | %.1f | %.1f%s |", k.kind(), k.window(), k.example(),
                    k.medianCapped() ? "≥ " : "", k.medianTotal(), k.latencies().percentileMillis(50),
                    k.latencies().percentileMillis(99), k.latencies().maxMillis(), scan);
        }
        Latencies all = searches.all();
        line(md, "| **all** | | | | **%.1f** | **%.1f** | %.1f%s |", all.percentileMillis(50), all.percentileMillis(99),
                all.maxMillis(), scanned ? String.format(Locale.ROOT, " | %,.0f | %,.0f×", scanTotalMillis(),
                        scanTotalMillis() / (all.meanMillis() * searches.kinds().size())) : "");
        line(md, "");
        if (scanned) {
            line(md, "The scan reads an NDJSON sample of every %d-th event (%,d events, %s); its times are"
                    + " multiplied by %d to stand for the whole data. The **all** row compares the sum of one scan"
                    + " per question with the mean store latency times the number of questions.",
                    options.scanEvery(), ingest.sampled(), bytes(ingest.sampleBytes()), options.scanEvery());
            line(md, "");
        }
    }

    private double scanTotalMillis() {
        double sum = 0;
        for (NdjsonScan.SearchAnswer s : scans) {
            sum += s.nanos() / 1e6 * options.scanEvery();
        }
        return sum;
    }

    private void terms(StringBuilder md) {
        line(md, "### Terms aggregations: top %d over the last 24 hours, %d measured runs each",
                QueryMix.TERMS_SIZE, options.aggRuns());
        line(md, "");
        boolean scanned = !termScans.isEmpty();
        line(md, "| field | events in window | p50 ms | max ms | top value (count)%s |",
                scanned ? " | NDJSON scan ms (×" + options.scanEvery() + ") | scan / p50" : "");
        line(md, "|---|---:|---:|---:|---%s|", scanned ? "|---:|---:" : "");
        for (int i = 0; i < terms.size(); i++) {
            SearchPhase.TermsResult t = terms.get(i);
            AggregationResult.Bucket top = t.top().isEmpty() ? null : t.top().getFirst();
            String scan = "";
            if (scanned) {
                double scanMillis = termScans.get(i).nanos() / 1e6 * options.scanEvery();
                scan = String.format(Locale.ROOT, " | %,.0f | %,.0f×", scanMillis,
                        scanMillis / t.latencies().percentileMillis(50));
            }
            line(md, "| `%s` | %,d | **%.1f** | %.1f | %s%s |", t.field(), t.matched(), t.latencies().percentileMillis(50),
                    t.latencies().maxMillis(), top == null ? "" : "`" + top.key() + "` (" + top.count() + ")", scan);
        }
        line(md, "");
    }

    private void arrivals(StringBuilder md) {
        if (arrivals.isEmpty()) {
            return;
        }
        line(md, "### Arrival to searchable (journal → `StoreFeeder`, default settings → search by id)");
        line(md, "");
        line(md, "| load | appended/s | samples | found | p50 s | p99 s | max s | max feeder lag |");
        line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ArrivalDelayPhase.Result a : arrivals) {
            line(md, "| %,d/s for %d s | %,.0f | %,d | %,d | %.2f | %s | %s | %,d |", a.rate(), a.seconds(),
                    a.appendedPerSecond(), a.samples(), a.delays().count(), a.delays().percentileMillis(50) / 1e3,
                    p99Arrival(a), a.missing() > 0 ? "> " + (a.seconds() + ArrivalDelayPhase.GRACE_SECONDS)
                            : String.format(Locale.ROOT, "%.2f", a.delays().maxMillis() / 1e3), a.maxLag());
        }
        line(md, "");
        line(md, "A sample not found within %d s after the load stopped counts as missing; the p99 is then a lower"
                + " bound when more than 1%% are missing.", ArrivalDelayPhase.GRACE_SECONDS);
        line(md, "");
    }

    /** The 99th percentile of all samples, the missing ones ranked after every found one. */
    private static String p99Arrival(ArrivalDelayPhase.Result a) {
        int rank = (int) Math.ceil(0.99 * a.samples());
        if (rank > a.delays().count()) {
            return "> " + (a.seconds() + ArrivalDelayPhase.GRACE_SECONDS);
        }
        return String.format(Locale.ROOT, "%.2f", a.delays().rankMillis(rank) / 1e3);
    }

    private void targets(StringBuilder md) {
        line(md, "### Against the targets");
        line(md, "");
        line(md, "| target | measured | met |");
        line(md, "|---|---:|---|");
        if (indexOnly != null) {
            target(md, "ingest ≥ 100,000 events/s, index only (pre-parsed)", "%,.0f/s", indexOnly.indexOnlyPerSecond(),
                    indexOnly.indexOnlyPerSecond() >= TARGET_INGEST_PER_SECOND);
        }
        target(md, "ingest ≥ 100,000 events/s, end to end (parse included)", "%,.0f/s", ingest.endToEndPerSecond(),
                ingest.endToEndPerSecond() >= TARGET_INGEST_PER_SECOND);
        double p50 = searches.all().percentileMillis(50);
        double p99 = searches.all().percentileMillis(99);
        target(md, "search p50 ≤ 50 ms", "%.1f ms", p50, p50 <= TARGET_SEARCH_P50_MILLIS);
        target(md, "search p99 ≤ 300 ms", "%.1f ms", p99, p99 <= TARGET_SEARCH_P99_MILLIS);
        double slowestTerms = 0;
        for (SearchPhase.TermsResult t : terms) {
            slowestTerms = Math.max(slowestTerms, t.latencies().percentileMillis(50));
        }
        target(md, "terms aggregation over 24 h ≤ 200 ms (slowest field, p50)", "%.1f ms", slowestTerms,
                slowestTerms <= TARGET_TERMS_MILLIS);
        for (ArrivalDelayPhase.Result a : arrivals) {
            if (a.rate() == TARGET_ARRIVAL_RATE) {
                String p = p99Arrival(a);
                boolean met = !p.startsWith(">") && Double.parseDouble(p) <= TARGET_ARRIVAL_P99_SECONDS;
                line(md, "| arrival to searchable p99 ≤ 2 s at 50,000 events/s | %s s | %s |", p, met ? "yes" : "**no**");
            }
        }
        target(md, "disk ≤ 0.5 × raw", "%.2f×", diskRatio(), diskRatio() <= TARGET_DISK_RATIO);
        line(md, "");
    }

    private double diskRatio() {
        return (double) storeBytes / rawBytes;
    }

    private static void target(StringBuilder md, String what, String format, double value, boolean met) {
        line(md, "| %s | %s | %s |", what, String.format(Locale.ROOT, format, value), met ? "yes" : "**no**");
    }

    private static String perEvent(long bytes, long events) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", (double) bytes / events);
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

package io.gatewatch.server.cti;

import io.gatewatch.detect.cti.CtiHit;
import io.gatewatch.detect.cti.CtiRule;
import io.gatewatch.detect.cti.ThreatIntel;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.feed.PipelineStage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Threat intelligence in {@code serve}, before detection: every parsed event is matched against the
 * imported indicators, and a hit adds {@code threat.enrichments} to the event, so the store keeps
 * it and detection, the next stage, raises the CTI alert with the rules' alerts (one alerts file,
 * one alert store, written once across replays). Replays after a crash enrich again: the store
 * indexes those events again. Sources imported by {@code gatewatch cti import} while the server
 * runs are picked up within {@link #REFRESH_MILLIS}.
 */
public final class CtiStage implements PipelineStage {
    static final long REFRESH_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(CtiStage.class.getName());

    private final ThreatIntel intel;
    private final LongSupplier clock;
    /** Runs reloads: a million indicators take seconds to parse, which the feeder must not wait for. */
    private final Executor reloads;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private long nextRefresh;
    private long enriched;

    private CtiStage(ThreatIntel intel, LongSupplier clock, Executor reloads) {
        this.intel = intel;
        this.reloads = reloads;
        this.clock = clock;
        this.nextRefresh = clock.getAsLong() + REFRESH_MILLIS;
    }

    /** Loads the sources of {@code DATA/cti/}. */
    public static CtiStage open(Path dataDir, LongSupplier clock) throws IOException {
        return open(dataDir, clock, task -> Thread.ofPlatform().name("gatewatch-cti-reload").daemon(true).start(task));
    }

    /** As {@link #open(Path, LongSupplier)}, reloading sources on {@code reloads}. */
    static CtiStage open(Path dataDir, LongSupplier clock, Executor reloads) throws IOException {
        return new CtiStage(ThreatIntel.open(dataDir, clock), clock, reloads);
    }

    @Override
    public void process(List<IndexedEvent> batch) throws IOException {
        refreshIfDue();
        for (IndexedEvent e : batch) {
            List<CtiHit> hits = intel.matcher().match(e.event());
            if (!hits.isEmpty()) {
                CtiRule.enrich(e.event(), hits);
                enriched++;
            }
        }
    }

    private void refreshIfDue() {
        long now = clock.getAsLong();
        if (now < nextRefresh) {
            return;
        }
        nextRefresh = now + REFRESH_MILLIS;
        if (!reloading.compareAndSet(false, true)) {
            return;
        }
        // Matching goes on with the current index meanwhile; the matcher swaps the new one in.
        reloads.execute(() -> {
            try {
                if (intel.refresh()) {
                    LOG.info("threat intelligence reloaded: " + intel.matcher().index().size() + " indicators");
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("threat intelligence not reloaded, the previous indicators stay: " + e.getMessage());
            } finally {
                reloading.set(false);
            }
        });
    }

    public ThreatIntel intel() {
        return intel;
    }

    /** Events enriched by this run, replays included. */
    public long enriched() {
        return enriched;
    }
}

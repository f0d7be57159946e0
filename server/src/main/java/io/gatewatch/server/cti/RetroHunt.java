package io.gatewatch.server.cti;

import io.gatewatch.alerts.RaisedAlert;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsJsonReader;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.DurableFiles;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.cti.CtiHit;
import io.gatewatch.detect.cti.CtiIndex;
import io.gatewatch.detect.cti.CtiMatcher;
import io.gatewatch.detect.cti.CtiRule;
import io.gatewatch.detect.cti.Indicator;
import io.gatewatch.detect.cti.ThreatIntel;
import io.gatewatch.server.detect.DetectionStage;
import io.gatewatch.store.EventStore;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SearchResult;
import io.gatewatch.store.search.SortSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Retro-hunt: an indicator imported (or changed) after events were stored is searched over the
 * stored events of the last {@link RetroHuntSettings#days()} days, and each past hit raises one CTI
 * alert tagged {@value #TAG}, to the alerts file and store like the live ones.
 *
 * <p>Runs on its own thread, never the feeder's: every {@link RetroHuntSettings#intervalMillis()} it
 * reloads the sources when they changed and hunts the indicators not hunted yet. What was hunted
 * is kept in {@code DATA/cti/}{@value #STATE_FILE} (indicator id and {@code modified}), so a
 * restart hunts only what was imported meanwhile, and an updated indicator is hunted again.
 *
 * <p>Each hit is re-checked with the live matcher, on the event's {@code @timestamp}: validity,
 * command-and-control direction and domain parents are judged exactly as for a live event. Events
 * that already carry this indicator in {@code threat.enrichments} were alerted live and are
 * skipped. Alert ids derive from the indicator id and the event's offset: the store adds each once,
 * even when a crash makes a hunt run twice or an updated indicator is hunted again, and the file
 * gets the lines the store added (a crash between the two may leave a line out of the file).
 */
public final class RetroHunt implements Closeable {
    public static final String TAG = "cti.retrohunt";
    static final String STATE_FILE = "retrohunt.state";
    /** Past hits raised per indicator at most: a too broad indicator must not flood the alerts. */
    static final int MAX_EVENTS_PER_INDICATOR = 10_000;
    static final int PAGE = 1_000;
    /** Indicators hunted between two saves of the state: bounds what a crash makes hunt again. */
    static final int SAVE_EVERY = 1_000;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final Logger LOG = Logger.getLogger(RetroHunt.class.getName());

    private final ThreatIntel intel;
    private final EventStore store;
    private final DetectionStage detection;
    private final RetroHuntSettings settings;
    private final LongSupplier clock;
    private final Path stateFile;
    /** Indicator id → the {@code modified} time hunted. Touched by the hunt thread only. */
    private final Map<String, Long> hunted;
    private final ScheduledExecutorService thread;
    /**
     * Indicator id → {@code modified} of those the previous check found not hunted; null before
     * the first check. Touched by the hunt thread only.
     */
    private Map<String, Long> waiting;
    private volatile long alerts;

    private RetroHunt(ThreatIntel intel, EventStore store, DetectionStage detection, RetroHuntSettings settings,
            LongSupplier clock, Path stateFile, Map<String, Long> hunted) {
        this.intel = intel;
        this.store = store;
        this.detection = detection;
        this.settings = settings;
        this.clock = clock;
        this.stateFile = stateFile;
        this.hunted = hunted;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gatewatch-cti-retrohunt").daemon(true).factory());
    }

    /** Loads what was hunted and starts hunting at once, then every interval. */
    public static RetroHunt start(Path dataDir, ThreatIntel intel, EventStore store, DetectionStage detection,
            RetroHuntSettings settings, LongSupplier clock) throws IOException {
        Path state = dataDir.resolve("cti").resolve(STATE_FILE);
        RetroHunt h = new RetroHunt(intel, store, detection, settings, clock, state, load(state));
        h.thread.scheduleWithFixedDelay(h::runOnce, 0, settings.intervalMillis(), TimeUnit.MILLISECONDS);
        return h;
    }

    private static Map<String, Long> load(Path file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int sp = line.lastIndexOf(' ');
                if (sp > 0) {
                    try {
                        out.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
                    } catch (NumberFormatException e) {
                        // a damaged line: that indicator is hunted again, which adds no alert twice to the store
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing hunted yet: every indicator present is hunted once.
        }
        return out;
    }

    private void runOnce() {
        try {
            intel.refresh();
            hunt();
        } catch (IOException | RuntimeException e) {
            LOG.warning("retro-hunt failed, retried at the next check: " + e);
        }
    }

    /**
     * Hunts every matchable indicator not hunted in this version, once it has been seen by the
     * previous check too (any indicator at the first check): by then the live matcher has had the
     * indicator for a whole interval, so events it judged without it are stored and searchable,
     * and none falls between the live match and the hunt.
     */
    private void hunt() throws IOException {
        List<Indicator> current = intel.matchable();
        Map<String, Indicator> live = new HashMap<>();
        Map<String, Long> noticed = new HashMap<>();
        int done = 0;
        for (Indicator ind : current) {
            live.put(ind.id(), ind);
            Long seen = hunted.get(ind.id());
            if (seen != null && seen >= ind.modified()) {
                continue;
            }
            if (waiting != null && !Long.valueOf(ind.modified()).equals(waiting.get(ind.id()))) {
                noticed.put(ind.id(), ind.modified());
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // closing: the state saved so far stands
            }
            List<RaisedAlert> found = detection.writeRetroHunt(hunt(ind));
            alerts += found.size();
            if (!found.isEmpty()) {
                LOG.info("retro-hunt: " + found.size() + " past hits of " + ind.id());
            }
            hunted.put(ind.id(), ind.modified());
            if (++done % SAVE_EVERY == 0) {
                save(null);
            }
        }
        waiting = noticed;
        if (done > 0 || hunted.size() > live.size()) {
            hunted.keySet().retainAll(live.keySet()); // revoked or removed indicators are forgotten
            save(live);
        }
    }

    /** The past hits of one indicator, at most {@link #MAX_EVENTS_PER_INDICATOR}, newest first. */
    List<RaisedAlert> hunt(Indicator ind) throws IOException {
        String query = HuntQuery.of(ind);
        if (query == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        long from = Math.max(ind.validFrom(), now - settings.days() * DAY_MILLIS);
        long to = Math.min(now, ind.validUntil() == Long.MAX_VALUE ? now : ind.validUntil() - 1);
        if (from > to) {
            return List.of(); // never valid in the window
        }
        CtiMatcher matcher = new CtiMatcher(CtiIndex.build(List.of(ind)), clock);
        List<RaisedAlert> out = new ArrayList<>();
        String cursor = null;
        int seen = 0;
        do {
            SearchResult page;
            try {
                page = store.search(new SearchRequest(query, from, to, PAGE, SortSpec.NEWEST_FIRST, null, cursor));
            } catch (RuntimeException e) {
                // A query the store refuses (too many atoms for its limits): logged, not retried.
                LOG.warning("retro-hunt of " + ind.id() + " skipped: " + e.getMessage());
                return out;
            }
            for (FoundEvent f : page.events()) {
                seen++;
                RaisedAlert r = alertFor(ind, matcher, f);
                if (r != null) {
                    out.add(r);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && seen < MAX_EVENTS_PER_INDICATOR);
        return out;
    }

    private static RaisedAlert alertFor(Indicator ind, CtiMatcher matcher, FoundEvent f) throws IOException {
        if (f.sourceJson().contains("\"" + ind.id() + "\"")) {
            return null; // enriched when it was stored: alerted live
        }
        EcsEvent event = EcsJsonReader.read(f.sourceJson());
        List<CtiHit> hits = matcher.match(event);
        if (hits.isEmpty()) {
            return null; // not valid at the event's time, wrong direction, or a looser query hit
        }
        CtiRule.enrich(event, hits);
        Alert a = CtiRule.alert(event, hits);
        List<String> tags = new ArrayList<>(a.tags());
        tags.add(TAG);
        Alert tagged = new Alert(a.ruleId(), a.ruleTitle(), a.level(), tags, a.timestampMillis(), a.events(), a.group(),
                a.correlationType());
        // Not the indicator's version: an updated indicator hunted again raises nothing twice for an event.
        String id = UUID.nameUUIDFromBytes(("retrohunt\n" + ind.id() + '\n' + f.offset())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String intake = event.getString(EcsField.GATEWATCH_INTAKE);
        return new RaisedAlert(tagged, id, f.offset(), intake == null ? "default" : intake);
    }

    private void save(Map<String, Indicator> live) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : hunted.entrySet()) {
            if (live == null || live.containsKey(e.getKey())) {
                b.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
            }
        }
        Files.createDirectories(stateFile.getParent());
        DurableFiles.replace(stateFile, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Retro-hunt alerts raised by this run. */
    public long alerts() {
        return alerts;
    }

    /** Stops hunting; a hunt under way stops before its next indicator. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("retro-hunt still running after 30 s; stopping without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

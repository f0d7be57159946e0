package io.gatewatch.server.detect;

import io.gatewatch.alerts.AlertStore;
import io.gatewatch.alerts.RaisedAlert;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.journal.DurableFiles;
import io.gatewatch.detect.Alert;
import io.gatewatch.detect.AlertJson;
import io.gatewatch.detect.cti.CtiRule;
import io.gatewatch.detect.sigma.Detector;
import io.gatewatch.detect.sigma.RuleSet;
import io.gatewatch.server.metrics.ServerMetrics;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.feed.PipelineStage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Detection in {@code serve}: every parsed event goes through the rules before it is stored, and
 * alerts are appended, one JSON object per line, to {@code DATA/alerts/alerts.jsonl} (the alerts
 * store of a later version reads them from there).
 *
 * <p>Exactly once across crashes: the store feeder replays the journal from the store's last
 * commit, so events are evaluated again after a restart. Each alert line carries the journal
 * offset of the event that raised it; at start the file's last complete line says how far alerts
 * were written, and alerts of replayed events up to there are not written twice. The correlation
 * state is saved at every store commit (when the replay point moves) and restored at start, so
 * windows are rebuilt from the same point the replay starts at. An alert's id is derived from the
 * rule, the event's offset and its rank, so it is the same whichever run writes it.
 *
 * <p>With an {@link AlertStore}, every alert also goes to it, before the file: the store skips by
 * itself the events it already holds (its own applied offset, committed with the alerts), so it
 * is exactly-once whatever the file's state.
 */
public final class DetectionStage implements PipelineStage, Closeable {
    public static final String ALERTS_FILE = "alerts/alerts.jsonl";
    static final String STATE_FILE = "detect/correlations.state";
    private static final Logger LOG = Logger.getLogger(DetectionStage.class.getName());
    private static final byte[] OFFSET_KEY = "\"event_offset\":".getBytes(StandardCharsets.US_ASCII);
    /**
     * Marks a retro-hunt line: its event is old, so its offset says nothing of how far the live
     * alerts were written, and {@link #recover} looks past it.
     */
    private static final byte[] RETRO_KEY = "\"retrohunt\":true,".getBytes(StandardCharsets.US_ASCII);
    /** How much of the file's end {@link #recover} reads, at most, looking for a live line. */
    static final int MAX_RECOVER_BYTES = 64 << 20;

    private final Detector detector;
    private final FileChannel alerts;
    private final Path stateFile;
    private final ServerMetrics metrics;
    /** Where alerts are grouped for analysts; null when only the file is written. */
    private final AlertStore alertStore;
    private final JsonOutput json = new JsonOutput(8192);
    /** Highest event offset whose alerts are in the file; -1 for none. */
    private long writtenThrough;
    private long alertCount;

    private DetectionStage(Detector detector, FileChannel alerts, Path stateFile, ServerMetrics metrics, long writtenThrough,
            AlertStore alertStore) {
        this.detector = detector;
        this.alertStore = alertStore;
        this.alerts = alerts;
        this.stateFile = stateFile;
        this.metrics = metrics;
        this.writtenThrough = writtenThrough;
    }

    /** Opens the alerts file (cutting a line a crash left half-written) and restores correlation state. */
    public static DetectionStage open(Path dataDir, RuleSet rules, ServerMetrics metrics) throws IOException {
        return open(dataDir, rules, metrics, null);
    }

    /** As {@link #open(Path, RuleSet, ServerMetrics)}, handing every alert to {@code alertStore} too (null: none). */
    public static DetectionStage open(Path dataDir, RuleSet rules, ServerMetrics metrics, AlertStore alertStore)
            throws IOException {
        Path file = dataDir.resolve(ALERTS_FILE);
        Files.createDirectories(file.getParent());
        Path state = dataDir.resolve(STATE_FILE);
        Files.createDirectories(state.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long through;
        try {
            through = recover(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        Detector detector = rules.newDetector();
        try {
            detector.restoreCorrelations(new ByteArrayInputStream(Files.readAllBytes(state)));
        } catch (NoSuchFileException e) {
            // First start: no windows to restore.
        } catch (IOException e) {
            LOG.warning("correlation state " + state + " not restored, windows start empty: " + e.getMessage());
        }
        return new DetectionStage(detector, channel, state, metrics, through, alertStore);
    }

    /**
     * Cuts an incomplete last line and returns the event offset of the last complete live line (-1
     * when there is none). Retro-hunt lines are looked past. Reads only the file's tail: 1 MiB, more
     * (up to {@link #MAX_RECOVER_BYTES}) when that tail holds retro-hunt lines only.
     */
    static long recover(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return -1;
        }
        for (long window = 1 << 20;; window *= 4) {
            int tail = (int) Math.min(size, Math.min(window, MAX_RECOVER_BYTES));
            ByteBuffer buf = ByteBuffer.allocate(tail);
            channel.read(buf, size - tail);
            byte[] b = buf.array();
            int end = tail;
            while (end > 0 && b[end - 1] != '\n') {
                end--;
            }
            if (end < tail) {
                channel.truncate(size - tail + end); // a line the crash cut short
                channel.force(true);
                size = size - tail + end;
                tail = end;
            }
            while (end > 0) {
                int start = end - 1;
                while (start > 0 && b[start - 1] != '\n') {
                    start--;
                }
                if (start == 0 && tail < size) {
                    break; // this line may begin before the window
                }
                if (indexOf(b, start, end, RETRO_KEY) < 0) {
                    int at = indexOf(b, start, end, OFFSET_KEY);
                    if (at < 0) {
                        return -1;
                    }
                    long v = 0;
                    for (int j = at + OFFSET_KEY.length; j < end && b[j] >= '0' && b[j] <= '9'; j++) {
                        v = v * 10 + (b[j] - '0');
                    }
                    return v;
                }
                end = start;
            }
            if (tail >= size || tail >= MAX_RECOVER_BYTES) {
                if (tail < size) {
                    LOG.warning("no live alert in the last " + MAX_RECOVER_BYTES + " bytes of the alerts file: alerts of"
                            + " replayed events may be written twice");
                }
                return -1;
            }
        }
    }

    private static int indexOf(byte[] b, int from, int end, byte[] key) {
        for (int i = from; i + key.length <= end; i++) {
            if (regionMatches(b, i, key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] b, int at, byte[] key) {
        for (int k = 0; k < key.length; k++) {
            if (b[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void process(List<IndexedEvent> batch) throws IOException {
        json.reset();
        List<RaisedAlert> toStore = alertStore == null ? null : new ArrayList<>();
        for (IndexedEvent e : batch) {
            List<Alert> raised = detector.evaluate(e.event());
            Alert intel = CtiRule.fromEnrichments(e.event()); // set by the threat-intelligence stage before this one
            if (intel != null) {
                raised = new java.util.ArrayList<>(raised);
                raised.add(intel);
            }
            if (raised.isEmpty() || (e.offset() <= writtenThrough && toStore == null)) {
                continue; // none, or written before a restart (the evaluation still rebuilt the windows)
            }
            for (int i = 0; i < raised.size(); i++) {
                Alert a = raised.get(i);
                String id = UUID.nameUUIDFromBytes((a.ruleId() + '\n' + e.offset() + '\n' + i).getBytes(StandardCharsets.UTF_8))
                        .toString();
                if (toStore != null) {
                    toStore.add(new RaisedAlert(a, id, e.offset(), e.intake()));
                }
                if (e.offset() <= writtenThrough) {
                    continue;
                }
                AlertJson.write(a, "\"alert_id\":\"" + id + "\",\"event_offset\":" + e.offset() + ",\"intake\":"
                        + quoted(e.intake()) + ",", json);
                json.raw((byte) '\n');
                metrics.alert(a.ruleId(), a.level());
                alertCount++;
            }
            writtenThrough = Math.max(writtenThrough, e.offset());
        }
        if (toStore != null && !toStore.isEmpty()) {
            alertStore.ingest(toStore); // before the file: the store is never behind it
        }
        if (json.length() > 0) {
            ByteBuffer out = ByteBuffer.wrap(json.buffer(), 0, json.length());
            long position = alerts.size();
            while (out.hasRemaining()) {
                position += alerts.write(out, position);
            }
        }
    }

    /**
     * Writes alerts a retro-hunt raised for old events: to the alert store, which skips those it
     * already holds (by id), then to the file, marked {@code "retrohunt":true}, only those the
     * store took: so a hunt run again after a restart, or of an updated indicator, writes no line
     * twice. Called from the hunt's thread; the lock keeps its lines apart from the feeder's.
     * Returns the alerts written.
     */
    public synchronized List<RaisedAlert> writeRetroHunt(List<RaisedAlert> found) throws IOException {
        if (alertStore != null && !found.isEmpty()) {
            found = alertStore.ingestRetroHunt(found);
        }
        if (found.isEmpty()) {
            return found;
        }
        JsonOutput out = new JsonOutput(8192);
        for (RaisedAlert r : found) {
            AlertJson.write(r.alert(), "\"alert_id\":\"" + r.raisedId() + "\",\"retrohunt\":true,\"event_offset\":"
                    + r.eventOffset() + ",\"intake\":" + quoted(r.intake()) + ",", out);
            out.raw((byte) '\n');
            metrics.alert(r.alert().ruleId(), r.alert().level());
            alertCount++;
        }
        ByteBuffer buf = ByteBuffer.wrap(out.buffer(), 0, out.length());
        long position = alerts.size();
        while (buf.hasRemaining()) {
            position += alerts.write(buf, position);
        }
        alerts.force(false); // the hunt records these indicators as done next: the lines must be on disk first
        return found;
    }

    private static String quoted(String s) {
        JsonOutput o = new JsonOutput(s.length() + 8);
        o.string(s);
        return o.toString();
    }

    /** The store holds everything before {@code nextOffset}: alerts and windows become durable at the same point. */
    @Override
    public synchronized void committed(long nextOffset) throws IOException {
        alerts.force(false);
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        detector.snapshotCorrelations(state);
        DurableFiles.replace(stateFile, state.toByteArray());
    }

    /** Alerts written by this run. */
    public synchronized long alerts() {
        return alertCount;
    }

    /** Events whose evaluation failed on an internal error (reported, never thrown). */
    public long failures() {
        return detector.failures();
    }

    @Override
    public synchronized void close() throws IOException {
        alerts.force(true);
        alerts.close();
    }
}

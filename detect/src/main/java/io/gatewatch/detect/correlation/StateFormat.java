package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.detect.correlation.CorrelationEngine.RestoreResult;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The correlation state file, version 1 (big-endian):
 *
 * <pre>
 * "GWCS" int:version long:watermark int:correlations
 *   per correlation: str:key str:fingerprint byte:type int:groups
 *     per group, least recently updated first:
 *       str:key long:newest long:floor
 *       event_count:       int:n long×n                       (window times)
 *       value_count:       int:n (str:value long:lastSeen)×n
 *       temporal(_ordered): int:rules (int:n long×n)×rules
 *                          byte:hasLast [(long:time byte:present [event])×rules]
 *       value_first_seen:  long:since int:n (str:value long:lastSeen)×n   (oldest first)
 *       event_count, value_count: int:n (long:time event)×n   (samples)
 * long:CRC32 of everything before
 * </pre>
 *
 * The type byte is the type's ordinal. value_first_seen (4) came later within version 1: files
 * without it read as before, and a build that predates it refuses a file holding it ("unknown
 * correlation type 4") rather than misreading it.
 *
 * The fingerprint is what a window's contents depend on (type, referred rules, group-by, aliases,
 * timespan, counted field): state whose fingerprint no longer matches its rule is dropped.
 * Reading parses and checks the whole file before it replaces anything.
 */
final class StateFormat {
    private static final byte[] MAGIC = "GWCS".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Bounds a damaged count before it becomes an allocation. */
    private static final int MAX_TIMES = (int) CorrelationRuleParser.MAX_THRESHOLD + 1;

    private StateFormat() {}

    /** What was read, and what became of it. */
    record Restored(long watermark, RestoreResult result) {}

    /** A group as read, before it is rebuilt under the current rule's limits. */
    private record GroupData(String key, long newest, long floor, long[] times, String[] values, long[][] hits,
            long[] lastTimes, EcsEvent[] lastEvents, long[] sampleTimes, EcsEvent[] sampleEvents, long since) {}

    private record Section(String key, String fingerprint, CorrelationRule.Type type, List<GroupData> groups) {}

    static String fingerprint(CorrelationRule r) {
        return r.type().sigmaName() + "|" + r.rules() + "|" + r.groupBy() + "|" + new TreeMap<>(r.aliases()).entrySet()
                .stream().map(e -> e.getKey() + "=" + new TreeMap<>(e.getValue())).toList()
                + "|" + r.timespanMillis() + "|" + r.condition().field();
    }

    static void write(OutputStream sink, long watermark, List<Correlator<?>> correlators) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(sink, crc), 1 << 16));
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(watermark);
        out.writeInt(correlators.size());
        for (Correlator<?> c : correlators) {
            EventCodec.writeString(out, c.rule.key());
            EventCodec.writeString(out, fingerprint(c.rule));
            out.writeByte(c.rule.type().ordinal());
            out.writeInt(c.size());
            for (Map.Entry<String, ? extends Correlator.Group> e : c.entries()) {
                writeGroup(out, e.getKey(), e.getValue());
            }
        }
        out.flush();
        new DataOutputStream(sink).writeLong(crc.getValue());
        sink.flush();
    }

    private static void writeGroup(DataOutput out, String key, Correlator.Group g) throws IOException {
        EventCodec.writeString(out, key);
        out.writeLong(g.newest);
        out.writeLong(g.floor);
        switch (g) {
            case EventCountCorrelator.CountGroup cg -> {
                out.writeInt(cg.times.size());
                for (int i = 0; i < cg.times.size(); i++) {
                    out.writeLong(cg.times.get(i));
                }
                writeSamples(out, g.samples);
            }
            case ValueCountCorrelator.ValueGroup vg -> {
                out.writeInt(vg.size);
                for (int i = 0; i < vg.size; i++) {
                    EventCodec.writeString(out, vg.values[i]);
                    out.writeLong(vg.seen[i]);
                }
                writeSamples(out, g.samples);
            }
            case TemporalCorrelator.TemporalGroup tg -> {
                out.writeInt(tg.hits.length);
                for (SortedLongs h : tg.hits) {
                    int n = h == null ? 0 : h.size();
                    out.writeInt(n);
                    for (int i = 0; i < n; i++) {
                        out.writeLong(h.get(i));
                    }
                }
                out.writeByte(tg.lastTimes == null ? 0 : 1);
                if (tg.lastTimes != null) {
                    for (int i = 0; i < tg.lastTimes.length; i++) {
                        out.writeLong(tg.lastTimes[i]);
                        out.writeByte(tg.lastEvents[i] == null ? 0 : 1);
                        if (tg.lastEvents[i] != null) {
                            EventCodec.write(out, tg.lastEvents[i]);
                        }
                    }
                }
            }
            case FirstSeenCorrelator.SeenGroup sg -> {
                out.writeLong(sg.since);
                List<Map.Entry<String, Long>> values = sg.byLastSeen();
                out.writeInt(values.size());
                for (Map.Entry<String, Long> v : values) {
                    EventCodec.writeString(out, v.getKey());
                    out.writeLong(v.getValue());
                }
            }
            default -> throw new IllegalStateException("unknown group " + g.getClass());
        }
    }

    private static void writeSamples(DataOutput out, Samples s) throws IOException {
        int n = s == null ? 0 : s.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(s.time(i));
            EventCodec.write(out, s.event(i));
        }
    }

    static Restored read(InputStream source, List<Correlator<?>> correlators) throws IOException {
        byte[] all = source.readAllBytes();
        if (all.length < MAGIC.length + 4 + 8 || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not a correlation state file (no GWCS header)");
        }
        int version = ByteBuffer.wrap(all, MAGIC.length, 4).getInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("correlation state version " + version + " is not one this build reads (1.."
                    + VERSION + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException("correlation state checksum mismatch: the file is damaged or cut short");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
        List<Section> sections = new ArrayList<>();
        long watermark;
        try {
            in.skipNBytes(MAGIC.length + 4);
            watermark = in.readLong();
            int n = EventCodec.count(in, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                sections.add(readSection(in));
            }
        } catch (EOFException e) {
            throw new IOException("correlation state ends early", e);
        }
        if (in.available() != 0) {
            throw new IOException("correlation state has " + in.available() + " bytes after its end");
        }
        return new Restored(watermark, apply(sections, correlators));
    }

    private static Section readSection(DataInput in) throws IOException {
        String key = EventCodec.readString(in);
        String fingerprint = EventCodec.readString(in);
        int t = in.readByte();
        CorrelationRule.Type[] types = CorrelationRule.Type.values();
        if (t < 0 || t >= types.length) {
            throw new IOException("correlation state: unknown correlation type " + t);
        }
        CorrelationRule.Type type = types[t];
        int groups = EventCodec.count(in, Integer.MAX_VALUE);
        List<GroupData> list = new ArrayList<>(Math.min(groups, 1 << 16));
        for (int i = 0; i < groups; i++) {
            list.add(readGroup(in, type));
        }
        return new Section(key, fingerprint, type, list);
    }

    private static GroupData readGroup(DataInput in, CorrelationRule.Type type) throws IOException {
        String key = EventCodec.readString(in);
        long newest = in.readLong();
        long floor = in.readLong();
        switch (type) {
            case EVENT_COUNT -> {
                long[] times = longs(in, MAX_TIMES);
                long[][] samples = new long[1][];
                EcsEvent[] events = readSamples(in, samples);
                return new GroupData(key, newest, floor, times, null, null, null, null, samples[0], events, 0);
            }
            case VALUE_COUNT -> {
                int n = EventCodec.count(in, MAX_TIMES);
                String[] values = new String[n];
                long[] seen = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = EventCodec.readString(in);
                    seen[i] = in.readLong();
                }
                long[][] samples = new long[1][];
                EcsEvent[] events = readSamples(in, samples);
                return new GroupData(key, newest, floor, seen, values, null, null, null, samples[0], events, 0);
            }
            case VALUE_FIRST_SEEN -> {
                long since = in.readLong();
                int n = EventCodec.count(in, CorrelationLimits.MAX_SEEN_VALUES);
                String[] values = new String[n];
                long[] seen = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = EventCodec.readString(in);
                    seen[i] = in.readLong();
                }
                return new GroupData(key, newest, floor, seen, values, null, null, null, null, null, since);
            }
            default -> {
                int rules = EventCodec.count(in, 1 << 16);
                long[][] hits = new long[rules][];
                for (int i = 0; i < rules; i++) {
                    hits[i] = longs(in, 1024);
                }
                long[] lastTimes = null;
                EcsEvent[] lastEvents = null;
                if (in.readByte() != 0) {
                    lastTimes = new long[rules];
                    lastEvents = new EcsEvent[rules];
                    for (int i = 0; i < rules; i++) {
                        lastTimes[i] = in.readLong();
                        if (in.readByte() != 0) {
                            lastEvents[i] = EventCodec.read(in);
                        }
                    }
                }
                return new GroupData(key, newest, floor, null, null, hits, lastTimes, lastEvents, null, null, 0);
            }
        }
    }

    private static long[] longs(DataInput in, int max) throws IOException {
        long[] a = new long[EventCodec.count(in, max)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    private static EcsEvent[] readSamples(DataInput in, long[][] times) throws IOException {
        int n = EventCodec.count(in, 1000);
        times[0] = new long[n];
        EcsEvent[] events = new EcsEvent[n];
        for (int i = 0; i < n; i++) {
            times[0][i] = in.readLong();
            events[i] = EventCodec.read(in);
        }
        return events;
    }

    /** Replaces every correlator's groups by the snapshot's, where the rule is still the same. */
    private static RestoreResult apply(List<Section> sections, List<Correlator<?>> correlators) {
        Map<String, Correlator<?>> byKey = new HashMap<>();
        for (Correlator<?> c : correlators) {
            byKey.put(c.rule.key(), c);
            c.clearAll();
        }
        int restored = 0;
        int dropped = 0;
        long groups = 0;
        for (Section s : sections) {
            Correlator<?> c = byKey.get(s.key());
            if (c == null || s.type() != c.rule.type() || !s.fingerprint().equals(fingerprint(c.rule))) {
                dropped++;
                continue;
            }
            restored++;
            for (GroupData d : s.groups()) {
                rebuild(c, d);
                groups++;
            }
        }
        return new RestoreResult(restored, dropped, groups);
    }

    /** Rebuilds a group through the current limits (a threshold may have changed). */
    private static void rebuild(Correlator<?> c, GroupData d) {
        int sampleCap = c.limits.sampleEvents();
        switch (c) {
            case EventCountCorrelator ec -> {
                EventCountCorrelator.CountGroup g = ec.newGroup();
                init(g, d, sampleCap);
                for (long t : d.times()) {
                    g.times.add(t, ec.cap());
                }
                ec.restore(d.key(), g);
            }
            case ValueCountCorrelator vc -> {
                ValueCountCorrelator.ValueGroup g = vc.newGroup();
                init(g, d, sampleCap);
                for (int i = 0; i < d.values().length; i++) {
                    vc.put(g, d.values()[i], d.times()[i]);
                }
                vc.restore(d.key(), g);
            }
            case TemporalCorrelator tc -> {
                TemporalCorrelator.TemporalGroup g = tc.newGroup();
                init(g, d, sampleCap);
                int rules = Math.min(g.hits.length, d.hits().length);
                for (int i = 0; i < rules; i++) {
                    if (d.hits()[i].length > 0) {
                        g.hits[i] = new SortedLongs();
                        for (long t : d.hits()[i]) {
                            g.hits[i].add(t, tc.keep());
                        }
                    }
                }
                if (d.lastTimes() != null && sampleCap > 0 && d.lastTimes().length == g.hits.length) {
                    g.lastTimes = d.lastTimes();
                    g.lastEvents = d.lastEvents();
                }
                tc.restore(d.key(), g);
            }
            case FirstSeenCorrelator fc -> {
                FirstSeenCorrelator.SeenGroup g = fc.newGroup();
                init(g, d, sampleCap);
                g.since = d.since();
                // Oldest first: under a lowered cap the values seen longest ago are the ones left out.
                for (int i = 0; i < d.values().length; i++) {
                    fc.see(g, d.values()[i], d.times()[i]);
                }
                fc.restore(d.key(), g);
            }
            default -> throw new IllegalStateException("unknown correlator " + c.getClass());
        }
    }

    private static void init(Correlator.Group g, GroupData d, int sampleCap) {
        g.newest = d.newest();
        g.floor = d.floor();
        if (d.sampleTimes() != null && d.sampleTimes().length > 0 && sampleCap > 0) {
            g.samples = new Samples(sampleCap);
            for (int i = 0; i < d.sampleTimes().length; i++) {
                g.samples.add(d.sampleTimes()[i], d.sampleEvents()[i]);
            }
        }
    }
}

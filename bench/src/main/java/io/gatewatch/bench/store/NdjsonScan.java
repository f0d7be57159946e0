package io.gatewatch.bench.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gatewatch.core.ecs.Rfc3339;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The baseline: the same questions answered without an index, by reading the events' ECS JSON
 * (NDJSON, one event per line, oldest first) with Jackson's streaming parser and testing each
 * event in code. It reads only what a question needs ({@code @timestamp} and one field) and skips
 * the other objects unparsed, as a careful {@code jq}-like filter would.
 */
final class NdjsonScan {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int BATCH = 4_096;

    private NdjsonScan() {}

    /** A search's answer: how many events matched and the newest {@code size} of them, newest first. */
    record SearchAnswer(long matched, List<byte[]> newest, long nanos) {}

    /** A terms aggregation's answer: events in the window and the top values with their counts. */
    record TermsAnswer(long matched, List<Map.Entry<String, Long>> top, long nanos) {}

    private record Hit(long timestamp, long line, byte[] json) {}

    private static final Comparator<Hit> OLDEST_FIRST = Comparator.comparingLong(Hit::timestamp)
            .thenComparingLong(Hit::line);

    static SearchAnswer search(Path ndjson, AnalystQuery question, long fromMillis, long toMillis, int size)
            throws IOException {
        long start = System.nanoTime();
        ScanCondition condition = question.condition();
        String[] path = split(condition.path());
        PriorityQueue<Hit> newest = new PriorityQueue<>(size + 1, OLDEST_FIRST);
        List<String> values = new ArrayList<>(4);
        long matched = 0;
        long lineNumber = 0;
        try (RawLog.Reader reader = new RawLog.Reader(ndjson)) {
            for (List<byte[]> lines = reader.next(BATCH); !lines.isEmpty(); lines = reader.next(BATCH)) {
                for (byte[] line : lines) {
                    long n = lineNumber++;
                    values.clear();
                    long ts = read(line, path, values);
                    if (ts < fromMillis || ts > toMillis || !matches(condition, values)) {
                        continue;
                    }
                    matched++;
                    Hit hit = new Hit(ts, n, line);
                    if (newest.size() < size) {
                        newest.add(hit);
                    } else if (OLDEST_FIRST.compare(hit, newest.peek()) > 0) {
                        newest.poll();
                        newest.add(hit);
                    }
                }
            }
        }
        List<Hit> hits = new ArrayList<>(newest);
        hits.sort(OLDEST_FIRST.reversed());
        List<byte[]> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            out.add(h.json());
        }
        return new SearchAnswer(matched, out, System.nanoTime() - start);
    }

    static TermsAnswer terms(Path ndjson, String field, int size, long fromMillis, long toMillis) throws IOException {
        long start = System.nanoTime();
        String[] path = split(field);
        Map<String, long[]> counts = new HashMap<>();
        List<String> values = new ArrayList<>(4);
        long matched = 0;
        try (RawLog.Reader reader = new RawLog.Reader(ndjson)) {
            for (List<byte[]> lines = reader.next(BATCH); !lines.isEmpty(); lines = reader.next(BATCH)) {
                for (byte[] line : lines) {
                    values.clear();
                    long ts = read(line, path, values);
                    if (ts < fromMillis || ts > toMillis) {
                        continue;
                    }
                    matched++;
                    for (int i = 0; i < values.size(); i++) {
                        String v = values.get(i);
                        if (values.indexOf(v) == i) { // a value counts once per event, as in the store
                            counts.computeIfAbsent(v, k -> new long[1])[0]++;
                        }
                    }
                }
            }
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>(counts.size());
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            top.add(Map.entry(e.getKey(), e.getValue()[0]));
        }
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return new TermsAnswer(matched, List.copyOf(top.subList(0, Math.min(size, top.size()))),
                System.nanoTime() - start);
    }

    private static boolean matches(ScanCondition condition, List<String> values) {
        if (condition.path() == null) {
            return true;
        }
        for (String v : values) {
            if (condition.test(v)) {
                return true;
            }
        }
        return false;
    }

    private static String[] split(String path) {
        return path == null ? new String[0] : path.split("\\.");
    }

    /**
     * Reads one event: adds the values found at {@code path} to {@code values} and returns its
     * {@code @timestamp} in epoch milliseconds ({@link Long#MIN_VALUE} when it has none).
     */
    static long read(byte[] line, String[] path, List<String> values) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            return readObject(p, path, 0, values, true);
        }
    }

    /** Reads an object whose enclosing names matched {@code path} up to {@code depth}. */
    private static long readObject(JsonParser p, String[] path, int depth, List<String> values, boolean top)
            throws IOException {
        long timestamp = Long.MIN_VALUE;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            boolean onPath = depth < path.length && name.equals(path[depth]);
            if (top && name.equals("@timestamp") && value == JsonToken.VALUE_STRING) {
                timestamp = parseUtc(p.getText());
            } else if (onPath && depth == path.length - 1) {
                collect(p, value, values);
            } else if (onPath && value == JsonToken.START_OBJECT) {
                readObject(p, path, depth + 1, values, false);
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
        }
        return timestamp;
    }

    private static void collect(JsonParser p, JsonToken value, List<String> values) throws IOException {
        if (value == JsonToken.START_ARRAY) {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t.isScalarValue()) {
                    values.add(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } else if (value.isScalarValue()) {
            values.add(p.getText());
        } else {
            p.skipChildren();
        }
    }

    /** {@code yyyy-mm-ddThh:mm:ss[.fff]Z}, the form the ECS writer emits, to epoch milliseconds. */
    static long parseUtc(String s) {
        if (s.length() < 20 || s.charAt(s.length() - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        long days = Rfc3339.daysFromCivil(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
        long millis = ((days * 24 + digits(s, 11, 2)) * 60 + digits(s, 14, 2)) * 60_000L + digits(s, 17, 2) * 1000L;
        if (s.length() > 20 && s.charAt(19) == '.') {
            int fraction = s.length() - 21; // digits between '.' and 'Z'
            int v = digits(s, 20, Math.min(3, fraction));
            for (int i = fraction; i < 3; i++) {
                v *= 10;
            }
            millis += v;
        }
        return millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}

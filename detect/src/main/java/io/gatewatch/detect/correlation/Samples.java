package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The last few matched events of a group, in a ring, for the alert to show. Kept apart from the
 * counts: a group holds one only when it is close to firing, because an event costs far more
 * memory than the 8 bytes of its timestamp.
 */
final class Samples {
    private final long[] times;
    private final EcsEvent[] events;
    private int next;
    private int size;

    Samples(int capacity) {
        times = new long[capacity];
        events = new EcsEvent[capacity];
    }

    int capacity() {
        return times.length;
    }

    int size() {
        return size;
    }

    void add(long t, EcsEvent e) {
        times[next] = t;
        events[next] = e;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** Oldest first. */
    long time(int i) {
        return times[(next - size + i + times.length) % times.length];
    }

    /** Oldest first. */
    EcsEvent event(int i) {
        return events[(next - size + i + times.length) % times.length];
    }

    /** The events later than {@code cutoff}, by time (stable for equal times). */
    List<EcsEvent> after(long cutoff) {
        List<long[]> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (time(i) > cutoff) {
                order.add(new long[] {time(i), i});
            }
        }
        order.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<EcsEvent> out = new ArrayList<>(order.size());
        for (long[] o : order) {
            out.add(event((int) o[1]));
        }
        return out;
    }
}

package io.gatewatch.cli.loadgen;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A connection's outgoing bytes, gathered into large writes: one system call carries hundreds of
 * events. Events count as sent when their write starts, so that the count of acknowledgements
 * never runs ahead of it; if the write fails, they count as failed too.
 */
final class SendBuffer {
    private static final int CAPACITY = 256 * 1024;

    private final OutputStream out;
    private final Counters counters;
    private final byte[] buf;
    private int length;
    private int events;

    SendBuffer(OutputStream out, Counters counters, int largestFrame) {
        this.out = out;
        this.counters = counters;
        this.buf = new byte[Math.max(CAPACITY, largestFrame)];
    }

    /** Makes room for {@code n} more bytes, writing what is buffered first if need be. */
    void reserve(int n) throws IOException {
        if (length + n > buf.length) {
            flush();
        }
    }

    /** Appends event {@code seq} of {@code pool}, numbered; room must have been reserved. */
    void putEvent(EventPool pool, long seq) {
        length += pool.copy(seq, buf, length);
        events++;
    }

    void put(byte b) {
        buf[length++] = b;
    }

    void put(byte[] b) {
        System.arraycopy(b, 0, buf, length, b.length);
        length += b.length;
    }

    /** Appends {@code value} (not negative) in decimal. */
    void putDecimal(long value) {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        long v = value;
        for (int i = length + digits - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
    }

    /** Writes what is buffered, counting its events as sent. */
    void flush() throws IOException {
        if (length == 0) {
            return;
        }
        counters.sent.add(events);
        counters.bytes.add(length);
        out.write(buf, 0, length);
        length = 0;
        events = 0;
    }

    /** Events of the write under way or to come: of unknown fate when the connection fails. */
    int unsentEvents() {
        return events;
    }
}

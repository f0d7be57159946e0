package io.gatewatch.core.frame;

import java.util.Arrays;

/**
 * Cuts a syslog-over-TCP byte stream into frames, as RFC 6587 describes: octet-counted
 * ({@code 57 <134>1 …}, §3.4.1) or non-transparent, ended by LF (§3.4.2). The method is read from
 * each frame's first byte (a digit: a count; anything else: a line), so a sender may use either,
 * and the LF some senders add after a counted frame, or a CR before an LF, is absorbed.
 *
 * <p>Bad input never stops the stream: a count that is not a number, or a frame over
 * {@code maxFrameBytes}, is dropped up to the next LF and reported to {@link FrameSink#rejected};
 * framing then goes on. One framer per connection; not thread-safe.
 */
public final class SyslogFramer {
    /** A count has at most this many digits: enough for any frame under 2 GiB. */
    private static final int MAX_COUNT_DIGITS = 9;

    private final int maxFrameBytes;
    private byte[] pending = new byte[4096];
    private int pendingLength;
    /** While dropping an oversized or broken frame: skip everything up to the next LF. */
    private boolean discarding;
    private long discarded;
    private String discardReason;
    /**
     * How many bytes at the start of {@link #pending} are known to hold no LF: a line that
     * arrives a byte at a time is searched once, not once per byte.
     */
    private int lineScanned;

    public SyslogFramer(int maxFrameBytes) {
        if (maxFrameBytes < 16) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 16, not " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Feeds the next bytes of the stream; complete frames go to {@code sink} in order. */
    public void feed(byte[] bytes, int offset, int length, FrameSink sink) {
        if (pendingLength == 0) {
            int consumed = cut(bytes, offset, offset + length, sink, false);
            keep(bytes, offset + consumed, length - consumed);
        } else {
            keep(bytes, offset, length);
            int consumed = cut(pending, 0, pendingLength, sink, false);
            System.arraycopy(pending, consumed, pending, 0, pendingLength - consumed);
            pendingLength -= consumed;
            if (consumed > 0) {
                lineScanned = 0;
            }
        }
    }

    /** The stream has ended: a last line without its LF is still a frame; a cut-off counted frame is reported. */
    public void end(FrameSink sink) {
        int consumed = cut(pending, 0, pendingLength, sink, true);
        pendingLength -= consumed;
        lineScanned = 0;
        if (pendingLength > 0) {
            sink.rejected("stream ended inside an octet-counted frame", pendingLength);
            pendingLength = 0;
        }
        if (discarding) {
            finishDiscard(sink);
        }
    }

    private void keep(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    /** Cuts as many frames as {@code b[from, to)} holds; returns how many bytes it used. */
    private int cut(byte[] b, int from, int to, FrameSink sink, boolean atEnd) {
        int i = from;
        while (i < to) {
            if (discarding) {
                int lf = indexOf(b, (byte) '\n', i, to);
                if (lf < 0) {
                    discarded += to - i;
                    return to - from;
                }
                discarded += lf + 1 - i;
                i = lf + 1;
                finishDiscard(sink);
                continue;
            }
            byte c = b[i];
            if (c == '\n' || c == '\r' || c == ' ' || c == 0) {
                i++; // separators between frames: the LF after a counted frame, blank lines
                continue;
            }
            if (c >= '1' && c <= '9') {
                int r = counted(b, i, to, sink);
                if (r == 0) {
                    return i - from; // need more bytes
                }
                i += r;
                continue;
            }
            int searchFrom = b == pending && i == 0 ? lineScanned : i;
            int lf = indexOf(b, (byte) '\n', searchFrom, Math.min(to, i + maxFrameBytes + 2));
            if (lf < 0) {
                if (to - i > maxFrameBytes + 1) {
                    startDiscard("frame longer than " + maxFrameBytes + " bytes");
                    continue;
                }
                if (atEnd) {
                    emitLine(b, i, to, sink);
                    return to - from;
                }
                if (b == pending && i == 0) {
                    lineScanned = to;
                }
                return i - from;
            }
            emitLine(b, i, lf, sink);
            i = lf + 1;
        }
        return i - from;
    }

    /** An octet-counted frame at {@code i}: returns the bytes it took, or 0 when more are needed. */
    private int counted(byte[] b, int i, int to, FrameSink sink) {
        int j = i;
        long count = 0;
        while (j < to && b[j] >= '0' && b[j] <= '9' && j - i < MAX_COUNT_DIGITS + 1) {
            count = count * 10 + (b[j] - '0');
            j++;
        }
        if (j == to) {
            if (j - i > MAX_COUNT_DIGITS) {
                startDiscard("octet count with more than " + MAX_COUNT_DIGITS + " digits");
                return j - i;
            }
            return 0;
        }
        if (b[j] != ' ') {
            // Digits not followed by a space: not a count. Treat the frame as a line (RFC 6587
            // framing is chosen per frame; a bare line may well start with a digit).
            int lf = indexOf(b, (byte) '\n', i, to);
            if (lf < 0) {
                return 0;
            }
            emitLine(b, i, lf, sink);
            return lf + 1 - i;
        }
        if (j - i > MAX_COUNT_DIGITS || count > maxFrameBytes) {
            startDiscard("octet count " + (j - i > MAX_COUNT_DIGITS ? "too long" : count + " over the " + maxFrameBytes + "-byte limit"));
            return j - i;
        }
        int start = j + 1;
        if (start + count > to) {
            return 0;
        }
        if (count > 0) {
            sink.frame(b, start, (int) count);
        }
        return start + (int) count - i;
    }

    private void emitLine(byte[] b, int from, int to, FrameSink sink) {
        int end = to;
        while (end > from && (b[end - 1] == '\r' || b[end - 1] == 0)) {
            end--;
        }
        if (end - from > maxFrameBytes) {
            sink.rejected("frame longer than " + maxFrameBytes + " bytes", to - from);
            return;
        }
        if (end > from) {
            sink.frame(b, from, end - from);
        }
    }

    private void startDiscard(String reason) {
        discarding = true;
        discarded = 0;
        discardReason = reason;
    }

    private void finishDiscard(FrameSink sink) {
        sink.rejected(discardReason, discarded);
        discarding = false;
        discarded = 0;
        discardReason = null;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}

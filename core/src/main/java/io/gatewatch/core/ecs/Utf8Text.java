package io.gatewatch.core.ecs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text kept as the UTF-8 bytes it arrived in: the whole log line ({@code event.original}) and its
 * body ({@code message}) share one copy of the input, are written to JSON straight from those
 * bytes, and are decoded to a String only if someone asks for one.
 */
public final class Utf8Text {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private String string;

    /** A view of {@code bytes[offset, offset + length)}; the array must not change afterwards. */
    public Utf8Text(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + bytes.length);
        }
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = new String(bytes, offset, length, StandardCharsets.UTF_8);
            string = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Utf8Text t
                && Arrays.equals(bytes, offset, offset + length, t.bytes, t.offset, t.offset + t.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }
}

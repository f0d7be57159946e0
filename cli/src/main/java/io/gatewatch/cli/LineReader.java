package io.gatewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream on {@code \n} without decoding it: the parser takes bytes. The returned
 * line is a view into a buffer that the next call reuses. Also the benchmarks' reader of large logs.
 */
public final class LineReader {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    private int lineStart;
    private int lineEnd;

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    lineStart = start;
                    lineEnd = i;
                    start = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (start < end) {
                    lineStart = start;
                    lineEnd = end;
                    start = end;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineLength() {
        return lineEnd - lineStart;
    }

    /** True when the line holds nothing but white space. */
    public boolean blank() {
        for (int i = lineStart; i < lineEnd; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}

package io.gatewatch.cli.loadgen;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a RELP server's answers, {@code TXNR rsp LEN DATA LF} where DATA starts with a status code
 * ({@code 200 OK}), from a buffer of its own: one answer per event, so no per-byte locking.
 */
final class RelpResponses {
    /** One answer: its transaction, its status, and its text when it is not a 200. */
    record Response(long txnr, int status, String text) {
        boolean ok() {
            return status == 200;
        }
    }

    private static final int MAX_DATA = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;

    RelpResponses(InputStream in) {
        this.in = in;
    }

    /** The next answer, or null at the end of the stream between answers. */
    Response next() throws IOException {
        if (!fill()) {
            return null;
        }
        long txnr = number(' ');
        expect("rsp ");
        long length = number(-1);
        if (length > MAX_DATA) {
            throw new IOException("RELP: answer of " + length + " bytes");
        }
        int status = 0;
        StringBuilder text = null;
        if (length > 0) {
            expect(" ");
            for (long i = 0; i < length; i++) {
                int c = read();
                if (i < 3) {
                    if (c < '0' || c > '9') {
                        throw new IOException("RELP: answer without a status code");
                    }
                    status = status * 10 + (c - '0');
                } else if (status != 200) {
                    if (text == null) {
                        text = new StringBuilder();
                    }
                    text.append((char) c);
                }
            }
        }
        if (read() != '\n') {
            throw new IOException("RELP: answer not ended by LF");
        }
        return new Response(txnr, status, text == null ? null : (status + text.toString()).strip());
    }

    /** Reads digits up to {@code end} (consumed) or, when {@code end} is -1, up to a space or LF (left). */
    private long number(int end) throws IOException {
        long v = 0;
        int digits = 0;
        while (true) {
            int c = peek();
            if (c >= '0' && c <= '9' && digits < 10) {
                v = v * 10 + (c - '0');
                digits++;
                pos++;
            } else if (digits > 0 && (c == end || (end == -1 && (c == ' ' || c == '\n')))) {
                if (c == end) {
                    pos++;
                }
                return v;
            } else {
                throw new IOException("RELP: malformed answer near '" + (char) c + "'");
            }
        }
    }

    private void expect(String s) throws IOException {
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            if (read() != b) {
                throw new IOException("RELP: expected '" + s.strip() + "' in an answer");
            }
        }
    }

    private int read() throws IOException {
        int c = peek();
        pos++;
        return c;
    }

    private int peek() throws IOException {
        if (!fill()) {
            throw new EOFException("RELP: connection closed in the middle of an answer");
        }
        return buf[pos] & 0xff;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}

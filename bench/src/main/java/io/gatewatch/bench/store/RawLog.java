package io.gatewatch.bench.store;

import io.gatewatch.cli.loadgen.Corpus;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw log of a run: the mixed corpus ({@link Corpus#nextMixed}, fixed seed), one line per event,
 * written once before anything is timed so that generating lines never counts as ingest, and read
 * back in batches as the journal would hand them out.
 */
final class RawLog {
    private RawLog() {}

    /** Writes {@code lines} lines of the mixed corpus to {@code file}; returns its size in bytes. */
    static long write(Path file, long lines) throws IOException {
        Corpus corpus = new Corpus(Corpus.SEED);
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 0; i < lines; i++) {
                byte[] line = corpus.nextMixed().bytes();
                out.write(line);
                out.write('\n');
                bytes += line.length + 1;
            }
        }
        return bytes;
    }

    /** The lines of a raw log, in order, without their line breaks. */
    static final class Reader implements Closeable {
        private final InputStream in;
        private byte[] buf = new byte[1 << 20];
        private int start;
        private int end;
        private boolean eof;

        Reader(Path file) throws IOException {
            this.in = Files.newInputStream(file);
        }

        /** Up to {@code max} next lines; empty at the end of the file. */
        List<byte[]> next(int max) throws IOException {
            List<byte[]> lines = new ArrayList<>(max);
            while (lines.size() < max) {
                byte[] line = nextLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
            return lines;
        }

        private byte[] nextLine() throws IOException {
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buf[i] == '\n') {
                        byte[] line = Arrays.copyOfRange(buf, start, i);
                        start = i + 1;
                        return line;
                    }
                }
                if (eof) {
                    if (start < end) {
                        byte[] line = Arrays.copyOfRange(buf, start, end);
                        start = end;
                        return line;
                    }
                    return null;
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
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

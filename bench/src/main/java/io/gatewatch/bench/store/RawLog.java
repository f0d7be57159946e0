package io.gatewatch.bench.store;

import io.gatewatch.cli.LineReader;
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
        private final LineReader lines;

        Reader(Path file) throws IOException {
            this.in = Files.newInputStream(file);
            this.lines = new LineReader(in);
        }

        /** Up to {@code max} next lines; empty at the end of the file. */
        List<byte[]> next(int max) throws IOException {
            List<byte[]> batch = new ArrayList<>(max);
            while (batch.size() < max && lines.next()) {
                int from = lines.lineStart();
                batch.add(Arrays.copyOfRange(lines.buffer(), from, from + lines.lineLength()));
            }
            return batch;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

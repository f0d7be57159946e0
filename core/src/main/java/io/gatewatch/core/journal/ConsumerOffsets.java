package io.gatewatch.core.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where each consumer of the journal (the store, detection) has got to: the offset of the next
 * record it will process, one small file per consumer, replaced atomically (write, fsync, rename),
 * so that after a crash a consumer resumes from the last offset it committed and never skips.
 */
public final class ConsumerOffsets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Path dir;

    public ConsumerOffsets(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The committed offset of {@code consumer}, or {@code fallback} when it has never committed. */
    public long load(String consumer, long fallback) throws IOException {
        Path file = file(consumer);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return fallback;
        }
        try {
            long offset = Long.parseLong(text);
            if (offset < 0) {
                throw new NumberFormatException("negative");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not an offset: '" + text + "'", e);
        }
    }

    /** Records that {@code consumer} has processed everything before {@code offset}. */
    public void commit(String consumer, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        DurableFiles.replace(file(consumer), (offset + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private Path file(String consumer) {
        if (!NAME.matcher(consumer).matches()) {
            throw new IllegalArgumentException("consumer names are 1 to 64 of [a-z0-9_-], not '" + consumer + "'");
        }
        return dir.resolve(consumer + ".offset");
    }
}

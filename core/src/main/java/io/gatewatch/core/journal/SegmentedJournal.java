package io.gatewatch.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The journal on local disk: a directory of segment files ({@link Segment}), the last one open for
 * appends. Records are buffered and written in groups; {@link #sync()} writes the group and forces
 * it to disk (one fsync for many events: group commit).
 *
 * <p>Crash safety: a segment is forced before the next one is created, so only the last segment
 * can end in a torn or half-written record. Opening the journal scans that segment and cuts it at
 * the first record that is torn, fails its CRC-32C or breaks the offset sequence; nothing after a
 * cut is ever read as data. Records are checked again on every read.
 *
 * <p>Thread-safe: appends, syncs and retention serialize on the journal; reads only take the lock
 * to find where to read, so consumers do not hold up the intake.
 *
 * <p>One writer per directory: {@link #open} takes an exclusive lock on {@code DIR/lock} (released
 * by the operating system when the process dies), because two writers would interleave their
 * records. Other processes read with {@link #openReadOnly}, which never truncates nor writes, so
 * reading a journal a server is writing cannot cut the record the server is half-way through.
 */
public final class SegmentedJournal implements Journal {
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final long segmentBytes;
    private final boolean readOnly;
    /** The writer's lock on {@code DIR/lock}; null when read-only. */
    private FileChannel lockChannel;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private Segment active;
    private FileChannel activeChannel;
    private long end;
    private volatile long durable;
    private boolean closed;

    private SegmentedJournal(Path dir, long segmentBytes, boolean readOnly) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.readOnly = readOnly;
    }

    /**
     * Opens (or creates) the journal in {@code dir}, recovering from a crash if there was one.
     *
     * @throws IOException when the directory holds segments of another format, cannot be read, or
     *     is open for writing by another process
     */
    public static SegmentedJournal open(Path dir, long segmentBytes) throws IOException {
        if (segmentBytes < Segment.HEADER_BYTES + 1024) {
            throw new IllegalArgumentException("segment size must be at least 1 KiB more than the header, not " + segmentBytes);
        }
        Files.createDirectories(dir);
        SegmentedJournal j = new SegmentedJournal(dir, segmentBytes, false);
        j.lock();
        try {
            j.recover();
        } catch (IOException | RuntimeException e) {
            j.lockChannel.close();
            throw e;
        }
        return j;
    }

    /**
     * Opens the journal in {@code dir} to read it, while a server may be writing it: what is
     * durable and whole when this is called is readable; a torn or half-written tail is left
     * alone (its writer, or the next {@link #open}, deals with it). Appends are refused.
     */
    public static SegmentedJournal openReadOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no journal directory");
        }
        SegmentedJournal j = new SegmentedJournal(dir, DEFAULT_SEGMENT_BYTES, true);
        j.recover();
        return j;
    }

    private void lock() throws IOException {
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("journal " + dir + " is already open for writing (is another 'gatewatch serve' using this data directory?)");
        }
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("\\d{20}\\.seg")) {
                    long base = Long.parseLong(name.substring(0, 20));
                    segments.put(base, new Segment(base, p));
                }
            }
        }
        if (segments.isEmpty()) {
            if (readOnly) {
                // Nothing written yet: an empty journal, without creating a file.
                active = new Segment(0, dir.resolve(Segment.fileName(0)));
                active.indexed = true;
                segments.put(0L, active);
                return;
            }
            createSegment(0);
            return;
        }
        // Sealed segments end where the next begins; their index is built when first read.
        Segment previous = null;
        for (Segment s : segments.values()) {
            if (previous != null) {
                previous.endOffset = s.baseOffset;
                previous.sizeBytes = Files.size(previous.path);
            }
            previous = s;
        }
        active = segments.lastEntry().getValue();
        if (readOnly) {
            try (FileChannel ch = Segment.openForRead(active.path)) {
                if (ch.size() >= Segment.HEADER_BYTES) {
                    active.scan(ch);
                } else {
                    active.indexed = true; // being created by its writer: no record yet
                }
            }
            end = active.endOffset;
            durable = end;
            return;
        }
        activeChannel = FileChannel.open(active.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (activeChannel.size() < Segment.HEADER_BYTES) {
            // Crashed while creating the segment: start it afresh.
            activeChannel.truncate(0);
            activeChannel.write(Segment.header(active.baseOffset), 0);
            activeChannel.force(true);
        }
        long valid = active.scan(activeChannel);
        if (valid < activeChannel.size()) {
            activeChannel.truncate(valid);
            activeChannel.force(true);
        }
        activeChannel.position(valid);
        end = active.endOffset;
        durable = end;
        if (active.version != Segment.VERSION) {
            // A journal of an older format: its last segment is sealed as it is (and stays
            // readable); appends go to a segment of the current format.
            if (active.endOffset == active.baseOffset) {
                segments.remove(active.baseOffset);
                activeChannel.close();
                Files.delete(active.path);
            } else {
                activeChannel.close();
            }
            createSegment(end);
        }
    }

    private void createSegment(long base) throws IOException {
        Segment s = new Segment(base, dir.resolve(Segment.fileName(base)));
        FileChannel ch = FileChannel.open(s.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ch.write(Segment.header(base), 0);
        ch.position(Segment.HEADER_BYTES);
        ch.force(true);
        forceDirectory();
        s.indexed = true;
        segments.put(base, s);
        active = s;
        activeChannel = ch;
        end = base;
        durable = base;
    }

    @Override
    public synchronized long append(List<JournalRecord> records) throws IOException {
        ensureWritable();
        long first = end;
        for (JournalRecord r : records) {
            byte[] intake = r.intake().getBytes(StandardCharsets.UTF_8);
            if (intake.length > JournalRecord.MAX_INTAKE_BYTES) {
                throw new IllegalArgumentException("intake name longer than " + JournalRecord.MAX_INTAKE_BYTES
                        + " bytes: " + r.intake());
            }
            int bodyLength = Segment.bodyLength(r, intake);
            if (bodyLength > Segment.MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("record of " + bodyLength + " bytes exceeds the journal's "
                        + Segment.MAX_RECORD_BYTES + "-byte limit");
            }
            if (active.sizeBytes + Segment.FRAME_BYTES + bodyLength > segmentBytes && active.endOffset > active.baseOffset) {
                roll();
            }
            write(end, r, intake, bodyLength);
            end++;
        }
        return first;
    }

    private void write(long offset, JournalRecord r, byte[] intake, int bodyLength) throws IOException {
        int total = Segment.FRAME_BYTES + bodyLength;
        if (writeBuffer.remaining() < total) {
            flush();
        }
        long position = active.sizeBytes;
        if (total > writeBuffer.capacity()) {
            // A record larger than the buffer goes straight to the file.
            ByteBuffer big = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            encode(big, offset, r, intake, bodyLength);
            big.flip();
            while (big.hasRemaining()) {
                activeChannel.write(big);
            }
        } else {
            encode(writeBuffer, offset, r, intake, bodyLength);
        }
        active.indexRecord(offset, position);
        active.sizeBytes += total;
        active.endOffset = offset + 1;
    }

    private void encode(ByteBuffer b, long offset, JournalRecord r, byte[] intake, int bodyLength) {
        int start = b.position();
        b.putInt(bodyLength).putInt(0);
        int bodyStart = b.position();
        Segment.encodeBody(b, offset, r, intake);
        crc.reset();
        crc.update(b.array(), b.arrayOffset() + bodyStart, bodyLength);
        b.putInt(start + 4, (int) crc.getValue());
    }

    private void flush() throws IOException {
        writeBuffer.flip();
        while (writeBuffer.hasRemaining()) {
            activeChannel.write(writeBuffer);
        }
        writeBuffer.clear();
    }

    private void roll() throws IOException {
        flush();
        activeChannel.force(false);
        activeChannel.close();
        durable = end;
        createSegment(end);
    }

    @Override
    public synchronized long sync() throws IOException {
        ensureWritable();
        flush();
        activeChannel.force(false);
        durable = end;
        return durable;
    }

    @Override
    public synchronized long endOffset() {
        return end;
    }

    @Override
    public long durableOffset() {
        return durable;
    }

    @Override
    public synchronized long startOffset() {
        return segments.firstKey();
    }

    @Override
    public List<JournalRecord> read(long offset, int max) throws IOException {
        List<JournalRecord> out = new ArrayList<>(Math.min(max, 1024));
        long next = offset;
        long limit = durable;
        while (out.size() < max && next < limit) {
            Segment s;
            long[] seek;
            synchronized (this) {
                ensureOpen();
                Map.Entry<Long, Segment> e = segments.floorEntry(next);
                if (e == null || next < segments.firstKey()) {
                    throw new IOException("offset " + next + " is no longer in the journal (it starts at "
                            + segments.firstKey() + ")");
                }
                s = e.getValue();
                if (!s.indexed) {
                    long expectedEnd = s.endOffset;
                    try (FileChannel ch = Segment.openForRead(s.path)) {
                        s.scan(ch);
                    }
                    if (s.endOffset != expectedEnd) {
                        throw new IOException(s.path + ": records " + s.endOffset + " to " + (expectedEnd - 1)
                                + " are corrupt or missing");
                    }
                }
                seek = s.seek(next);
            }
            long segmentEnd = Math.min(s.endOffset, limit);
            if (segmentEnd <= next) {
                throw new IOException("record " + next + " is missing from " + s.path);
            }
            try (FileChannel ch = Segment.openForRead(s.path)) {
                readSegment(ch, s, seek[0], seek[1], next, segmentEnd, max, out);
            }
            next = offset + out.size();
        }
        return out;
    }

    private static void readSegment(FileChannel ch, Segment s, long position, long at, long from, long until,
            int max, List<JournalRecord> out) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Segment.FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        long p = position;
        for (long o = at; o < until && out.size() < max; o++) {
            frame.clear();
            Segment.readFully(ch, frame, p);
            frame.flip();
            if (frame.remaining() < Segment.FRAME_BYTES) {
                throw new IOException(s.path + ": record " + o + " is missing");
            }
            int length = frame.getInt();
            int sum = frame.getInt();
            if (length < s.bodyFixedBytes() || length > Segment.MAX_RECORD_BYTES) {
                throw new IOException(s.path + ": record " + o + " has an impossible length " + length);
            }
            if (o >= from) {
                ByteBuffer body = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
                Segment.readFully(ch, body, p + Segment.FRAME_BYTES);
                body.flip();
                crc.reset();
                crc.update(body.duplicate());
                if (body.remaining() < length || (int) crc.getValue() != sum || body.getLong(0) != o) {
                    throw new IOException(s.path + ": record " + o + " is corrupt (checksum or sequence)");
                }
                out.add(s.decodeBody(o, body));
            }
            p += Segment.FRAME_BYTES + length;
        }
    }

    /** The bytes of all segments on disk, the one being written included. */
    public synchronized long sizeBytes() {
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.sizeBytes;
        }
        return total;
    }

    /**
     * Deletes whole sealed segments, oldest first, while the journal is larger than
     * {@code maxBytes} or the segment's newest record is older than {@code maxAgeMillis}.
     * The active segment is never deleted. Returns the number of segments deleted.
     */
    public synchronized int retain(long maxBytes, long maxAgeMillis, long nowMillis) throws IOException {
        return retain(maxBytes, maxAgeMillis, nowMillis, Long.MAX_VALUE);
    }

    /**
     * As {@link #retain(long, long, long)}, but never deletes a record at or after
     * {@code keepFromOffset}: the offset the slowest consumer has still to read, so retention
     * cannot take events from under a store that is catching up.
     */
    public synchronized int retain(long maxBytes, long maxAgeMillis, long nowMillis, long keepFromOffset) throws IOException {
        ensureWritable();
        long total = sizeBytes();
        int deleted = 0;
        while (segments.size() > 1) {
            Segment oldest = segments.firstEntry().getValue();
            if (oldest.endOffset > keepFromOffset) {
                break; // a consumer still needs records of this segment
            }
            long modified = Files.getLastModifiedTime(oldest.path).toMillis();
            if (total <= maxBytes && modified >= nowMillis - maxAgeMillis) {
                break;
            }
            Files.deleteIfExists(oldest.path);
            segments.pollFirstEntry();
            total -= oldest.sizeBytes;
            deleted++;
        }
        if (deleted > 0) {
            forceDirectory();
        }
        return deleted;
    }

    private void forceDirectory() {
        DurableFiles.forceDirectory(dir);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new IllegalStateException("journal " + dir + " is open read-only");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (!readOnly) {
            sync();
            activeChannel.close();
            lockChannel.close();
        }
        closed = true;
    }
}

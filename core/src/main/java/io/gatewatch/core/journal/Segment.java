package io.gatewatch.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One journal segment file: a header, then records, each {@code [length][crc32c][body]} with body
 * {@code [offset][receivedAt][intake length][intake][payload]}, little-endian.
 *
 * <p>The header ({@code GWJ1}, format version, base offset) is checked on open, so that a file
 * from another format version is refused, not misread. Knows how to scan itself, stopping at the
 * first record that is torn, corrupt or out of sequence.
 */
final class Segment {
    static final byte[] MAGIC = "GWJ1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    /** length and crc. */
    static final int FRAME_BYTES = 8;
    /** offset, receivedAt, intake length. */
    static final int BODY_FIXED_BYTES = 17;
    /** Largest record accepted on read: a length above it is corruption, not data. */
    static final int MAX_RECORD_BYTES = 64 << 20;
    /** One index entry every this many records keeps the index small and seeks short. */
    static final int INDEX_EVERY = 128;

    final long baseOffset;
    final Path path;
    /** File positions of records baseOffset, baseOffset + INDEX_EVERY, … */
    private long[] index = new long[16];
    private int indexSize;
    /** Offset after the last record, and the file size after it. */
    long endOffset;
    long sizeBytes;
    /** Whether {@link #index} covers the segment: built while appending, or by {@link #scan}. */
    boolean indexed;

    Segment(long baseOffset, Path path) {
        this.baseOffset = baseOffset;
        this.path = path;
        this.endOffset = baseOffset;
        this.sizeBytes = HEADER_BYTES;
    }

    static String fileName(long baseOffset) {
        String digits = Long.toString(baseOffset);
        return "0".repeat(20 - digits.length()) + digits + ".seg";
    }

    static ByteBuffer header(long baseOffset) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putLong(baseOffset).flip();
        return b;
    }

    /** Notes that the record at {@code offset} starts at {@code position}. */
    void indexRecord(long offset, long position) {
        if ((offset - baseOffset) % INDEX_EVERY == 0) {
            if (indexSize == index.length) {
                index = Arrays.copyOf(index, indexSize * 2);
            }
            index[indexSize++] = position;
        }
    }

    /** Position of an indexed record at or before {@code offset}, and that record's offset. */
    long[] seek(long offset) {
        int slot = (int) Math.min((offset - baseOffset) / INDEX_EVERY, indexSize - 1);
        if (slot < 0) {
            return new long[] {HEADER_BYTES, baseOffset};
        }
        return new long[] {index[slot], baseOffset + (long) slot * INDEX_EVERY};
    }

    /**
     * Reads the header and every record, indexing them, until the end of the file or the first
     * record that is torn, corrupt or out of sequence. Returns the position where valid data ends.
     *
     * @throws IOException when the header is not a journal header of this version
     */
    long scan(FileChannel ch) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, h, 0);
        h.flip();
        byte[] magic = new byte[4];
        if (h.remaining() < HEADER_BYTES) {
            throw new IOException(path + ": not a journal segment (header too short)");
        }
        h.get(magic);
        int version = h.getInt();
        long base = h.getLong();
        if (!Arrays.equals(magic, MAGIC) || version != VERSION || base != baseOffset) {
            throw new IOException(path + ": not a version " + VERSION + " journal segment with base offset "
                    + baseOffset + " (magic " + new String(magic, StandardCharsets.ISO_8859_1) + ", version "
                    + version + ", base " + base + ")");
        }
        indexSize = 0;
        long position = HEADER_BYTES;
        long expected = baseOffset;
        long size = ch.size();
        ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer body = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        while (position + FRAME_BYTES <= size) {
            frame.clear();
            readFully(ch, frame, position);
            frame.flip();
            int length = frame.getInt();
            int sum = frame.getInt();
            if (length < BODY_FIXED_BYTES || length > MAX_RECORD_BYTES || position + FRAME_BYTES + length > size) {
                break;
            }
            if (body.capacity() < length) {
                body = ByteBuffer.allocate(Math.max(length, body.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
            }
            body.clear().limit(length);
            readFully(ch, body, position + FRAME_BYTES);
            body.flip();
            crc.reset();
            crc.update(body.duplicate());
            if ((int) crc.getValue() != sum || body.getLong(0) != expected) {
                break;
            }
            indexRecord(expected, position);
            expected++;
            position += FRAME_BYTES + length;
        }
        endOffset = expected;
        sizeBytes = position;
        indexed = true;
        return position;
    }

    static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                return;
            }
            p += n;
        }
    }

    static FileChannel openForRead(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }
}

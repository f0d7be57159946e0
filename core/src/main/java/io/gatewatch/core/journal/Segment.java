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
 * One journal segment file: a header, then records, each {@code [length][crc32c][body]},
 * little-endian. The body depends on the segment's format version:
 * <ul>
 *   <li>version 1: {@code [offset][receivedAt][intake length][intake][payload]};
 *   <li>version 2: {@code [offset][receivedAt][flags][eventTime if flag 1][intake length][intake][payload]}:
 *       a flags byte says which optional fields follow, so that a record without a sender-given
 *       event time (all of syslog) costs one byte more than in version 1, not nine.
 * </ul>
 *
 * <p>The version is per segment, in its header ({@code GWJ1}, format version, base offset),
 * checked on open: a file of an unknown version is refused, not misread. New segments are always
 * written in the current version; segments of version 1 stay readable, so a journal written
 * before version 2 opens, and an older gatewatch refuses a version 2 segment instead of cutting
 * it as corrupt. Knows how to scan itself, stopping at the first record that is torn, corrupt or
 * out of sequence, and how to encode and decode one record.
 */
final class Segment {
    static final byte[] MAGIC = "GWJ1".getBytes(StandardCharsets.US_ASCII);
    /** The version new segments are written in. */
    static final int VERSION = 2;
    static final int HEADER_BYTES = 16;
    /** length and crc. */
    static final int FRAME_BYTES = 8;
    /** offset, receivedAt, flags, intake length: the smallest version 2 body. */
    static final int BODY_FIXED_BYTES = 18;
    /** offset, receivedAt, intake length: the smallest version 1 body. */
    static final int V1_BODY_FIXED_BYTES = 17;
    /** Flag of a version 2 record: an 8-byte event time follows the flags. */
    static final int FLAG_EVENT_TIME = 1;
    /** Largest record accepted on read: a length above it is corruption, not data. */
    static final int MAX_RECORD_BYTES = 64 << 20;
    /** One index entry every this many records keeps the index small and seeks short. */
    static final int INDEX_EVERY = 128;

    final long baseOffset;
    final Path path;
    /** The segment's format version: {@link #VERSION} until {@link #scan} reads the header. */
    int version = VERSION;
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
        if (!Arrays.equals(magic, MAGIC) || version < 1 || version > VERSION || base != baseOffset) {
            throw new IOException(path + ": not a journal segment of version 1 to " + VERSION + " with base offset "
                    + baseOffset + " (magic " + new String(magic, StandardCharsets.ISO_8859_1) + ", version "
                    + version + ", base " + base + ")");
        }
        this.version = version;
        int minBody = bodyFixedBytes();
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
            if (length < minBody || length > MAX_RECORD_BYTES || position + FRAME_BYTES + length > size) {
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

    /** The smallest record body of this segment's version. */
    int bodyFixedBytes() {
        return version == 1 ? V1_BODY_FIXED_BYTES : BODY_FIXED_BYTES;
    }

    /** The body length of {@code r} in the current version, its intake given encoded. */
    static int bodyLength(JournalRecord r, byte[] intake) {
        return BODY_FIXED_BYTES + (r.hasEventTime() ? 8 : 0) + intake.length + r.payload().length;
    }

    /** Writes {@code r}'s body in the current version ({@link #bodyLength} bytes). */
    static void encodeBody(ByteBuffer b, long offset, JournalRecord r, byte[] intake) {
        b.putLong(offset).putLong(r.receivedAtMillis());
        if (r.hasEventTime()) {
            b.put((byte) FLAG_EVENT_TIME).putLong(r.eventTimeMillis());
        } else {
            b.put((byte) 0);
        }
        b.put((byte) intake.length).put(intake).put(r.payload());
    }

    /**
     * Reads the record at {@code offset} from a body whose checksum and offset were checked.
     *
     * @throws IOException when the body does not hold what its version says it holds
     */
    JournalRecord decodeBody(long offset, ByteBuffer body) throws IOException {
        body.position(8);
        long receivedAt = body.getLong();
        long eventTime = JournalRecord.NO_EVENT_TIME;
        if (version >= 2) {
            int flags = body.get() & 0xff;
            if ((flags & ~FLAG_EVENT_TIME) != 0) {
                throw new IOException(path + ": record " + offset + " has flags 0x" + Integer.toHexString(flags)
                        + " this version does not know (written by a newer gatewatch?)");
            }
            if ((flags & FLAG_EVENT_TIME) != 0) {
                if (body.remaining() < 9) {
                    throw new IOException(path + ": record " + offset + " is too short for its event time");
                }
                eventTime = body.getLong();
            }
        }
        int intakeLength = body.get() & 0xff;
        if (body.remaining() < intakeLength) {
            throw new IOException(path + ": record " + offset + " is too short for its intake name");
        }
        byte[] intake = new byte[intakeLength];
        body.get(intake);
        byte[] payload = new byte[body.remaining()];
        body.get(payload);
        return new JournalRecord(offset, receivedAt, eventTime, new String(intake, StandardCharsets.UTF_8), payload);
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

package io.gatewatch.cli.loadgen;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Messages rendered once, before the run, so that sending one costs a copy and twelve digits:
 * a few thousand events of the {@link Corpus}, each with its header and framing, and a slot for
 * its sequence number. Event {@code n} is message {@code n % size} numbered {@code n}.
 */
final class EventPool {
    /** Enough distinct lines that the stream does not look like a loop to a parser or a cache. */
    static final int SIZE = 4096;
    /** The intake key's place in RFC 5424 structured data, as Sekoia.io's forwarders send it. */
    static final String SD_ID = "SEKOIA@53288";
    /** rsyslog's {@code date-rfc3339}: microseconds and the offset. */
    private static final DateTimeFormatter RFC3339_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    /** How one message is delimited on the wire. */
    enum Framing {
        /** RFC 6587 octet counting: {@code LEN SP MSG}. */
        OCTET,
        /** RFC 6587 non-transparent framing: {@code MSG LF}; also one line of an HTTP batch. */
        LF,
        /** None: the protocol frames it (RELP). */
        NONE
    }

    private final byte[] bytes;
    private final int[] start;
    private final int[] length;
    private final int[] seqAt;
    private final int maxLength;

    private EventPool(byte[] bytes, int[] start, int[] length, int[] seqAt) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
        this.seqAt = seqAt;
        int max = 0;
        for (int l : length) {
            max = Math.max(max, l);
        }
        this.maxLength = max;
    }

    /**
     * Syslog messages as the Sekoia.io forwarder's rsyslog template writes them: RFC 5424, the
     * intake key in structured data (none when {@code key} is null: the listener's intake), the
     * appliance's line as MSG.
     */
    static EventPool syslog(String key, Framing framing) {
        String time = RFC3339_MICROS.format(OffsetDateTime.now(ZoneOffset.UTC));
        String sd = key == null ? "-" : "[" + SD_ID + " intake_key=\"" + sdEscape(key) + "\"]";
        return build("<134>1 " + time + " vpn-gateway PulseSecure - LOG " + sd + " ", framing);
    }

    /** RFC 5424 §6.3.3: inside a PARAM-VALUE, the double quote, the backslash and ']' take a backslash. */
    private static String sdEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    /** The appliance's lines alone, one per line: the body of an HTTP {@code /plain/batch} request. */
    static EventPool plainLines() {
        return build("", Framing.LF);
    }

    private static EventPool build(String header, Framing framing) {
        Corpus corpus = new Corpus(Corpus.SEED);
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream(SIZE * 600);
        int[] start = new int[SIZE];
        int[] length = new int[SIZE];
        int[] seqAt = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            byte[] body = corpus.nextTaggedBody(SequenceMarker.NAME, SequenceMarker.PLACEHOLDER).bytes();
            int messageLength = head.length + body.length;
            byte[] prefix = framing == Framing.OCTET
                    ? (messageLength + " ").getBytes(StandardCharsets.US_ASCII) : new byte[0];
            start[i] = all.size();
            all.write(prefix, 0, prefix.length);
            all.write(head, 0, head.length);
            all.write(body, 0, body.length);
            if (framing == Framing.LF) {
                all.write('\n');
            }
            length[i] = all.size() - start[i];
            int at = SequenceMarker.find(body, 0, body.length);
            if (at < 0) {
                throw new IllegalStateException("a generated line lost its sequence slot: " + new String(body, StandardCharsets.UTF_8));
            }
            seqAt[i] = prefix.length + head.length + at;
        }
        return new EventPool(all.toByteArray(), start, length, seqAt);
    }

    /** The longest message, framing included. */
    int maxLength() {
        return maxLength;
    }

    /** The length of message {@code seq}, framing included. */
    int length(long seq) {
        return length[(int) (seq % SIZE)];
    }

    /** Copies message {@code seq}, numbered, to {@code dst} at {@code at}; returns its length. */
    int copy(long seq, byte[] dst, int at) {
        int i = (int) (seq % SIZE);
        System.arraycopy(bytes, start[i], dst, at, length[i]);
        SequenceMarker.write(dst, at + seqAt[i], seq);
        return length[i];
    }
}

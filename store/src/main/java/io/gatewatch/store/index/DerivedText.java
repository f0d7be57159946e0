package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * Text fields of an event that are pieces of its {@code message}, kept in the stored source as
 * where to cut them rather than as text.
 *
 * <p>A parsed line carries the same words three times: {@code event.original} is the syslog
 * header followed by the message, and {@code event.reason} is the message's text after its code.
 * The stored rest of the source held all three, some 940 bytes an event before compression. The
 * codec's compression finds most of the repeats, yet leaving the two out altogether saved 35 to
 * 48 bytes an event on disk, a tenth of the store; the cuts save 20. When the event is indexed,
 * {@link #cut} checks that {@code event.original} ends with the message and that
 * {@code event.reason} sits at the end of the message (a closing quote or brace may follow it),
 * and keeps only the header and two positions; {@link #restore} puts the text back when the
 * event is read. Anything else is stored as it is.
 *
 * <p>Both checks take time linear in the text's length (the reason is tried at nine places
 * only, never searched for), so untrusted lines cannot turn indexing quadratic.
 */
final class DerivedText {
    /** How many characters after {@code event.reason} the message may end with. */
    static final int MAX_TAIL = 8;

    private static final int ORIGINAL = 1;
    private static final int REASON = 2;
    private static final byte[] NO_HEADER = {};

    /** Reused from event to event; grown when a header needs more room. */
    private byte[] buffer = new byte[64];
    private final ByteArrayDataOutput out = new ByteArrayDataOutput(buffer);
    private boolean original;
    private boolean reason;

    /**
     * Works out which of {@code event}'s fields are pieces of its message; the next
     * {@link #covers} and {@link #encoded} answer for this event.
     */
    void cut(EcsEvent event) {
        out.reset(buffer, 0, 0);
        original = false;
        reason = false;
        String message = event.getString(EcsField.MESSAGE);
        if (message == null || !plain(message, message.length())) {
            return;
        }
        String whole = event.getString(EcsField.EVENT_ORIGINAL);
        original = whole != null && whole.endsWith(message) && plain(whole, whole.length() - message.length());
        String text = event.getString(EcsField.EVENT_REASON);
        int end = text == null ? -1 : reasonEnd(message, text);
        reason = end >= 0;
        byte[] header = original
                ? whole.substring(0, whole.length() - message.length()).getBytes(StandardCharsets.UTF_8)
                : NO_HEADER;
        int room = 1 + 3 * 5 + header.length; // flags, three vInts, the header
        if (buffer.length < room) {
            buffer = new byte[Math.max(room, 2 * buffer.length)];
        }
        out.reset(buffer);
        try {
            out.writeByte((byte) ((original ? ORIGINAL : 0) | (reason ? REASON : 0)));
            if (original) {
                out.writeVInt(header.length);
                out.writeBytes(header, header.length);
            }
            if (reason) {
                out.writeVInt(message.length() - end);
                out.writeVInt(text.length());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing into an array it has room in: cannot happen
        }
    }

    /** True when the last {@link #cut} event's {@code field} is kept as a cut, not as text. */
    boolean covers(EcsField field) {
        return field == EcsField.EVENT_ORIGINAL ? original : field == EcsField.EVENT_REASON && reason;
    }

    /** True when the last {@link #cut} event has anything kept as a cut. */
    boolean any() {
        return original || reason;
    }

    /** The cuts of the last {@link #cut} event, valid until the next call. */
    BytesRef encoded() {
        return new BytesRef(buffer, 0, out.getPosition());
    }

    /**
     * Puts back on {@code event}, whose message the stored rest gave, the fields that
     * {@code cuts} describe.
     */
    static void restore(BytesRef cuts, EcsEvent event) {
        String message = event.getString(EcsField.MESSAGE);
        if (message == null || cuts.length == 0) {
            return;
        }
        ByteArrayDataInput in = new ByteArrayDataInput(cuts.bytes, cuts.offset, cuts.length);
        int flags = in.readByte();
        if ((flags & ORIGINAL) != 0) {
            byte[] header = new byte[in.readVInt()];
            in.readBytes(header, 0, header.length);
            event.set(EcsField.EVENT_ORIGINAL, new String(header, StandardCharsets.UTF_8) + message);
        }
        if ((flags & REASON) != 0) {
            int end = message.length() - in.readVInt();
            int start = end - in.readVInt();
            if (start >= 0 && end <= message.length()) { // always, for cuts this class wrote
                event.set(EcsField.EVENT_REASON, message.substring(start, end));
            }
        }
    }

    /**
     * Where {@code reason} ends in {@code message} when it ends there at most {@link #MAX_TAIL}
     * characters before the message does, else -1.
     */
    private static int reasonEnd(String message, String reason) {
        for (int tail = 0; tail <= MAX_TAIL; tail++) {
            int end = message.length() - tail;
            int start = end - reason.length();
            if (start < 0) {
                return -1;
            }
            if (message.regionMatches(start, reason, 0, reason.length())) {
                return end;
            }
        }
        return -1;
    }

    /**
     * True when the first {@code end} characters of {@code s} hold no surrogate and no replacement
     * character. Such text was valid UTF-8 (a decoder leaves replacement characters for bad
     * bytes), and the JSON writer encodes it character by character: a piece of it reads back as
     * that piece of the whole, and no cut can split a surrogate pair. Text with either is rare
     * and is stored as it is.
     */
    private static boolean plain(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) || c == '\ufffd') {
                return false;
            }
        }
        return true;
    }
}

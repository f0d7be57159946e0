package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.welf.StringCache;
import io.gatewatch.core.welf.WelfLexer;
import io.gatewatch.core.welf.WelfTokens;
import java.nio.charset.StandardCharsets;

/** Reads a WELF body into a {@link PulseRecord}; unknown keys go to {@code labels}. */
final class WelfReader {
    /** Unknown keys kept per line; the rest are counted out, not stored. */
    static final int MAX_LABELS = 32;

    private final WelfTokens tokens = new WelfTokens();
    private final StringCache cache = new StringCache();

    /** Whether the body looks like WELF: it starts with a {@code key=}. */
    static boolean looksLikeWelf(byte[] b, int from, int to) {
        return WelfLexer.keyEndAt(b, from, to) > from;
    }

    /** Lexes and reads; returns false when no pair at all was found. */
    boolean read(byte[] b, int from, int to, PulseRecord r, EcsEvent e) {
        WelfLexer.lex(b, from, to, tokens);
        int labels = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Key k = Key.of(tokens, i);
            if (k == null) {
                if (labels++ < MAX_LABELS) {
                    e.putLabel(EcsField.LABELS, tokens.key(i), tokens.value(i));
                }
                continue;
            }
            if (k == Key.ID) {
                continue;
            }
            if (k == Key.MSG) {
                // Split at the first ':' on the bytes: the code repeats (cached), the rest does not.
                int colon = tokens.indexInValue(i, (byte) ':');
                if (colon < 0) {
                    r.code = tokens.value(i);
                    r.rest = null;
                } else {
                    r.code = tokens.valuePart(i, -1, colon, cache).strip();
                    r.rest = tokens.valuePart(i, colon + 1, -1, null);
                }
                continue;
            }
            String v = tokens.value(i, k.repeats ? cache : null);
            switch (k) {
                case ID -> { }
                case TIME -> r.time = v;
                case PRI -> r.pri = v;
                case FW -> r.fw = v;
                case VPN -> r.vpn = v;
                case IVS -> r.ivs = v;
                case USER -> r.user = v;
                case REALM -> r.realm = v;
                case ROLES -> r.roles = v;
                case PROTO -> r.proto = v;
                case SRC -> r.src = v;
                case DST -> r.dst = v;
                case DSTNAME -> r.dstname = v;
                case TYPE -> r.type = v;
                case OP -> r.op = v;
                case ARG -> r.arg = v;
                case RESULT -> r.result = v;
                case SENT -> r.sent = v;
                case RCVD -> r.rcvd = v;
                case AGENT -> r.agent = v;
                case DURATION -> r.duration = v;
                case SESSIONID -> r.sessionId = v;
                case MSG -> { }
            }
        }
        return tokens.size() > 0;
    }

    boolean truncated() {
        return tokens.truncated();
    }

    /**
     * The WELF keys PCS/ICS writes, matched on bytes so that no key string is built per line.
     * {@code repeats}: the value is usually the same from line to line, so it goes through the
     * string cache.
     */
    enum Key {
        ID(false), TIME(false), PRI(true), FW(true), VPN(true), IVS(true), USER(false), REALM(true), ROLES(true),
        PROTO(true), SRC(false), DST(true), DSTNAME(true), TYPE(true), OP(true), ARG(true), RESULT(true),
        SENT(false), RCVD(false), AGENT(true), DURATION(false), SESSIONID(false), MSG(false);

        final boolean repeats;
        private final byte[] ascii = name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);

        Key(boolean repeats) {
            this.repeats = repeats;
        }

        /** The key's bytes, lower case, packed little-endian into a long (keys of 1 to 8 bytes). */
        private final long packed = pack(ascii, 0, Math.min(ascii.length, 8));

        private static final Key[][] BY_LENGTH = new Key[10][];

        static {
            for (int len = 0; len < BY_LENGTH.length; len++) {
                final int n = len;
                BY_LENGTH[len] = java.util.Arrays.stream(values()).filter(k -> k.ascii.length == n).toArray(Key[]::new);
            }
        }

        private static long pack(byte[] b, int s, int len) {
            long w = 0;
            for (int k = len - 1; k >= 0; k--) {
                w = (w << 8) | (b[s + k] & 0xff);
            }
            return w;
        }

        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

        /**
         * The known key at pair {@code i}, or null. One 8-byte load, a mask and an OR with 0x20
         * (lower case; key bytes are {@code [A-Za-z0-9_.-]}, so nothing else turns into a letter),
         * then a compare per key of that length: this runs for every key of every line.
         */
        static Key of(WelfTokens t, int i) {
            int len = t.keyLength(i);
            if (len >= BY_LENGTH.length) {
                return null;
            }
            byte[] b = t.bytes();
            int s = t.keyStart(i);
            int head = Math.min(len, 8);
            long w = s + 8 <= b.length ? (long) LONGS.get(b, s) : pack(b, s, head);
            long mask = head == 8 ? -1L : (1L << (8 * head)) - 1;
            w = (w & mask) | (0x2020202020202020L & mask);
            for (Key k : BY_LENGTH[len]) {
                if (k.packed == w && (len <= 8 || (b[s + 8] | 0x20) == k.ascii[8])) {
                    return k;
                }
            }
            return null;
        }
    }
}

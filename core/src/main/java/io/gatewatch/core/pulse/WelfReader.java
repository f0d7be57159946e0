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

        /** Candidates by key length and lower-cased first letter: at most two per slot. */
        private static final Key[][] BY_LENGTH_AND_FIRST = new Key[16 * 26][];

        static {
            java.util.Map<Integer, java.util.List<Key>> lists = new java.util.HashMap<>();
            for (Key k : values()) {
                lists.computeIfAbsent(slot(k.ascii.length, k.ascii[0]), x -> new java.util.ArrayList<>()).add(k);
            }
            lists.forEach((slot, keys) -> BY_LENGTH_AND_FIRST[slot] = keys.toArray(new Key[0]));
        }

        private static int slot(int len, int first) {
            return len * 26 + (first - 'a');
        }

        static Key of(WelfTokens t, int i) {
            int len = t.keyLength(i);
            byte[] b = t.bytes();
            int s = t.keyStart(i);
            int first = b[s] | 0x20;
            if (len >= 16 || first < 'a' || first > 'z') {
                return null;
            }
            Key[] candidates = BY_LENGTH_AND_FIRST[slot(len, first)];
            if (candidates == null) {
                return null;
            }
            for (Key k : candidates) {
                if (equalsIgnoreAsciiCase(b, s, k.ascii)) {
                    return k;
                }
            }
            return null;
        }

        /** Case-insensitive so that {@code sessionID} and {@code sessionid} both match. */
        private static boolean equalsIgnoreAsciiCase(byte[] b, int s, byte[] lower) {
            for (int k = 1; k < lower.length; k++) {
                int c = b[s + k];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != lower[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}

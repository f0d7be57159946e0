package io.gatewatch.core.pulse;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.welf.WelfLexer;
import io.gatewatch.core.welf.WelfTokens;
import java.nio.charset.StandardCharsets;

/** Reads a WELF body into a {@link PulseRecord}; unknown keys go to {@code labels}. */
final class WelfReader {
    /** Unknown keys kept per line; the rest are counted out, not stored. */
    static final int MAX_LABELS = 32;

    private final WelfTokens tokens = new WelfTokens();

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
            String v = tokens.value(i);
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
                case MSG -> r.msg = v;
            }
        }
        return tokens.size() > 0;
    }

    boolean truncated() {
        return tokens.truncated();
    }

    /** The WELF keys PCS/ICS writes, matched on bytes so that no key string is built per line. */
    enum Key {
        ID, TIME, PRI, FW, VPN, IVS, USER, REALM, ROLES, PROTO, SRC, DST, DSTNAME, TYPE, OP, ARG, RESULT,
        SENT, RCVD, AGENT, DURATION, SESSIONID, MSG;

        private final byte[] ascii = name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);

        private static final Key[][] BY_LENGTH = new Key[16][];

        static {
            java.util.List<java.util.List<Key>> lists = new java.util.ArrayList<>();
            for (int n = 0; n < BY_LENGTH.length; n++) {
                lists.add(new java.util.ArrayList<>());
            }
            for (Key k : values()) {
                lists.get(k.ascii.length).add(k);
            }
            for (int n = 0; n < BY_LENGTH.length; n++) {
                BY_LENGTH[n] = lists.get(n).toArray(new Key[0]);
            }
        }

        static Key of(WelfTokens t, int i) {
            int len = t.keyLength(i);
            if (len >= BY_LENGTH.length) {
                return null;
            }
            byte[] b = t.bytes();
            int s = t.keyStart(i);
            for (Key k : BY_LENGTH[len]) {
                if (equalsIgnoreAsciiCase(b, s, k.ascii)) {
                    return k;
                }
            }
            return null;
        }

        /** Case-insensitive so that {@code sessionID} and {@code sessionid} both match. */
        private static boolean equalsIgnoreAsciiCase(byte[] b, int s, byte[] lower) {
            for (int k = 0; k < lower.length; k++) {
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

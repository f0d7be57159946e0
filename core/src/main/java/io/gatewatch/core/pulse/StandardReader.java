package io.gatewatch.core.pulse;

/**
 * Reads the Standard format:
 * {@code YYYY-MM-DD HH:MM:SS - NODE - [IP] [IVS::]USER(REALM)[ROLES][SHORT-SID] - TEXT}.
 * The text carries no message code; the catalog recovers it later.
 */
final class StandardReader {
    private StandardReader() {}

    /** Whether the body starts with {@code YYYY-MM-DD HH:MM:SS - }. */
    static boolean looksLikeStandard(String s) {
        return s.length() > 22 && isDate(s) && s.charAt(10) == ' ' && s.startsWith(" - ", 19);
    }

    private static boolean isDate(String s) {
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == ' ';
                case 13, 16 -> c == ':';
                default -> digit;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@code r}; returns null on success or the reason the line does not fit the format. */
    static String read(String s, PulseRecord r) {
        r.time = s.substring(0, 19);
        int nodeStart = 22;
        int nodeEnd = s.indexOf(" - ", nodeStart);
        if (nodeEnd < 0) {
            return "standard format: no ' - ' after the node name";
        }
        r.vpn = s.substring(nodeStart, nodeEnd).strip();
        int p = nodeEnd + 3;
        if (p >= s.length() || s.charAt(p) != '[') {
            return "standard format: no [IP] after the node name";
        }
        int ipEnd = s.indexOf(']', p);
        if (ipEnd < 0) {
            return "standard format: unclosed [IP]";
        }
        r.src = s.substring(p + 1, ipEnd).strip();
        p = ipEnd + 1;
        while (p < s.length() && s.charAt(p) == ' ') {
            p++;
        }
        // The user part ends where the text begins: at the first " - " after the roles bracket.
        int open = s.indexOf('(', p);
        int sep = s.indexOf(" - ", p);
        if (open < 0 || (sep >= 0 && sep < open)) {
            if (sep < 0) {
                return "standard format: no ' - ' before the message text";
            }
            user(s.substring(p, sep), r);
            r.uncodedText = s.substring(sep + 3).strip();
            return null;
        }
        user(s.substring(p, open), r);
        int realmEnd = s.indexOf(")[", open);
        if (realmEnd < 0) {
            return "standard format: no (realm)[roles] after the user";
        }
        r.realm = s.substring(open + 1, realmEnd).strip();
        int rolesEnd = s.indexOf(']', realmEnd + 2);
        if (rolesEnd < 0) {
            return "standard format: unclosed [roles]";
        }
        r.roles = s.substring(realmEnd + 2, rolesEnd).strip();
        p = rolesEnd + 1;
        if (p < s.length() && s.charAt(p) == '[') {
            int sidEnd = s.indexOf(']', p);
            if (sidEnd < 0) {
                return "standard format: unclosed [session id]";
            }
            r.sessionIdShort = s.substring(p + 1, sidEnd).strip();
            p = sidEnd + 1;
        }
        if (!s.startsWith(" - ", p)) {
            return "standard format: no ' - ' before the message text";
        }
        r.uncodedText = s.substring(p + 3).strip();
        return null;
    }

    private static void user(String part, PulseRecord r) {
        int ns = part.indexOf("::");
        if (ns >= 0) {
            r.ivs = part.substring(0, ns).strip();
            r.user = part.substring(ns + 2).strip();
        } else {
            r.user = part.strip();
        }
    }
}

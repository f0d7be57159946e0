package io.gatewatch.detect.cti;

import java.util.Locale;

/** Domain names in the one form indicators and events are compared in: lower case, no trailing dot. */
final class Domains {
    static final int MAX_LENGTH = 253;

    private Domains() {}

    /** The normal form, or null when this cannot be a domain name. */
    static String normalize(String s) {
        if (s == null) {
            return null;
        }
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        if (end == 0 || end > MAX_LENGTH) {
            return null;
        }
        boolean lower = true;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            } else if (c <= ' ' || c == '/' || c == ':' || c == '@' || c == '\u007f') {
                return null;
            }
        }
        if (s.charAt(0) == '.' || s.indexOf("..") >= 0) {
            return null;
        }
        String d = end == s.length() ? s : s.substring(0, end);
        return lower ? d : d.toLowerCase(Locale.ROOT);
    }
}

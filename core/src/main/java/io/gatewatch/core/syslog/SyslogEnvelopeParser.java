package io.gatewatch.core.syslog;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds and reads the syslog header in front of a Pulse log body, on bytes, without regex.
 *
 * <p>Accepted shapes, each seen on the wire in front of PCS/ICS logs:
 * <ul>
 *   <li>an RFC 6587 octet count ({@code 937 <134>1 …}), skipped;</li>
 *   <li>RFC 5424: {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG} (RFC 5424 §6), with any
 *       number of spaces before MSG (rsyslog emits two) and an optional UTF-8 BOM;</li>
 *   <li>RFC 3164: {@code <PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG} (RFC 3164 §4.1), PRI optional;</li>
 *   <li>an RFC 3164 header put in front of an RFC 5424 one by a relay
 *       ({@code Oct 19 09:16:53 node 1 2021-10-19T09:16:53+02:00 10.5.2.3 PulseSecure: - - - …});</li>
 *   <li>a stored-file header with an ISO timestamp ({@code 2021-04-08T12:04:07-07:00 10.0.0.111 PulseSecure: …}).</li>
 * </ul>
 * Anything else is a bare body: the envelope comes back with {@code present() == false}.
 */
public final class SyslogEnvelopeParser {
    /** Bounds on structured data, so that a hostile header cannot make us build a huge map. */
    static final int MAX_SD_ELEMENTS = 32;
    static final int MAX_SD_PARAMS = 64;

    private SyslogEnvelopeParser() {}

    public static SyslogEnvelope parse(byte[] b, int from, int to) {
        return new Cursor(b, from, to).envelope();
    }

    private static final class Cursor {
        final byte[] b;
        final int from;
        final int to;
        int i;
        int priority = -1;
        int version;
        String timestamp;
        int offset = SyslogEnvelope.NO_OFFSET;
        String hostname;
        String appName;
        String procId;
        String msgId;
        Map<String, Map<String, String>> sd = Map.of();

        Cursor(byte[] b, int from, int to) {
            this.b = b;
            this.from = from;
            this.to = to;
            this.i = from;
        }

        SyslogEnvelope envelope() {
            skipSpaces();
            int start = i;
            skipOctetCount();
            if (!readPriority()) {
                i = start;
            }
            if (isRfc5424Start(i)) {
                i += 2;
                read5424();
            } else if (isIsoTimestamp(i)) {
                timestamp = token();
                offset = offsetOf(timestamp);
                if (!readHostAndTag()) {
                    return bare();
                }
            } else if (isBsdTimestamp(i)) {
                timestamp = str(i, i + 15);
                i += 15;
                int afterTimestamp = i;
                token();
                skipSpaces();
                if (isRfc5424Start(i)) {
                    // A relay's RFC 3164 header in front of an RFC 5424 header without PRI.
                    i += 2;
                    read5424();
                } else {
                    i = afterTimestamp;
                    if (!readHostAndTag()) {
                        return bare();
                    }
                }
            } else if (priority < 0) {
                return bare();
            }
            skipSpaces();
            skipBom();
            return new SyslogEnvelope(priority, version, timestamp, offset, hostname, appName, procId, msgId, sd, i);
        }

        private SyslogEnvelope bare() {
            return new SyslogEnvelope(-1, 0, null, SyslogEnvelope.NO_OFFSET, null, null, null, null, Map.of(), from);
        }

        private void skipOctetCount() {
            int j = i;
            while (j < to && j - i < 9 && isDigit(b[j])) {
                j++;
            }
            if (j > i && j + 1 < to && b[j] == ' ' && b[j + 1] == '<') {
                i = j + 1;
            }
        }

        private boolean readPriority() {
            if (i >= to || b[i] != '<') {
                return false;
            }
            int j = i + 1;
            int v = 0;
            while (j < to && j - i <= 3 && isDigit(b[j])) {
                v = v * 10 + (b[j] - '0');
                j++;
            }
            if (j == i + 1 || j >= to || b[j] != '>' || v > 191) {
                return false;
            }
            priority = v;
            i = j + 1;
            return true;
        }

        private boolean isRfc5424Start(int p) {
            return p + 2 < to && b[p] == '1' && b[p + 1] == ' ' && (isIsoTimestamp(p + 2) || b[p + 2] == '-');
        }

        private void read5424() {
            version = 1;
            timestamp = nil(token());
            offset = timestamp == null ? SyslogEnvelope.NO_OFFSET : offsetOf(timestamp);
            hostname = nil(token());
            String app = nil(token());
            appName = app != null && app.endsWith(":") ? app.substring(0, app.length() - 1) : app;
            procId = nil(token());
            msgId = nil(token());
            skipSpaces();
            if (i < to && b[i] == '-' && (i + 1 == to || b[i + 1] == ' ')) {
                i++;
            } else if (i < to && b[i] == '[') {
                readStructuredData();
            }
        }

        /** HOST then an optional {@code TAG[pid]:}; false when even the host is missing. */
        private boolean readHostAndTag() {
            skipSpaces();
            if (i >= to) {
                return false;
            }
            hostname = token();
            if (hostname.endsWith(":")) {
                // No HOST at all: what we took for it is the tag.
                appName = hostname.substring(0, hostname.length() - 1);
                hostname = null;
                return true;
            }
            skipSpaces();
            int j = i;
            while (j < to && j - i < 64 && b[j] != ' ' && b[j] != ':' && b[j] != '[') {
                j++;
            }
            if (j == i || j >= to) {
                return true;
            }
            int tagEnd = j;
            String pid = null;
            if (b[j] == '[') {
                int close = j + 1;
                while (close < to && close - j < 32 && b[close] != ']' && b[close] != ' ') {
                    close++;
                }
                if (close >= to || b[close] != ']') {
                    return true;
                }
                pid = str(j + 1, close);
                j = close + 1;
            }
            if (j < to && b[j] == ':' && (j + 1 == to || b[j + 1] == ' ')) {
                appName = str(i, tagEnd);
                procId = pid;
                i = j + 1;
            }
            return true;
        }

        private void readStructuredData() {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            while (i < to && b[i] == '[') {
                i++;
                int idStart = i;
                while (i < to && b[i] != ' ' && b[i] != ']') {
                    i++;
                }
                String id = str(idStart, i);
                Map<String, String> params = out.size() < MAX_SD_ELEMENTS
                        ? out.computeIfAbsent(id, k -> new LinkedHashMap<>()) : null;
                while (i < to && b[i] != ']') {
                    skipSpaces();
                    int nameStart = i;
                    while (i < to && b[i] != '=' && b[i] != ' ' && b[i] != ']') {
                        i++;
                    }
                    String name = str(nameStart, i);
                    if (i < to && b[i] == '=' && i + 1 < to && b[i + 1] == '"') {
                        i += 2;
                        String value = quotedValue();
                        if (params != null && params.size() < MAX_SD_PARAMS && !name.isEmpty()) {
                            params.put(name, value);
                        }
                    } else if (i < to && b[i] != ']') {
                        i++;
                    }
                }
                if (i < to) {
                    i++;
                }
            }
            sd = out;
        }

        /** PARAM-VALUE after its opening quote; RFC 5424 §6.3.3 escapes {@code \" \\ \]}. */
        private String quotedValue() {
            int start = i;
            boolean escaped = false;
            while (i < to && b[i] != '"') {
                if (b[i] == '\\' && i + 1 < to) {
                    escaped = true;
                    i++;
                }
                i++;
            }
            int end = Math.min(i, to);
            if (i < to) {
                i++;
            }
            if (!escaped) {
                return str(start, end);
            }
            byte[] tmp = new byte[end - start];
            int n = 0;
            for (int k = start; k < end; k++) {
                if (b[k] == '\\' && k + 1 < end && (b[k + 1] == '"' || b[k + 1] == '\\' || b[k + 1] == ']')) {
                    k++;
                }
                tmp[n++] = b[k];
            }
            return new String(tmp, 0, n, StandardCharsets.UTF_8);
        }

        private String token() {
            skipSpaces();
            int start = i;
            while (i < to && b[i] != ' ') {
                i++;
            }
            return str(start, i);
        }

        private void skipSpaces() {
            while (i < to && b[i] == ' ') {
                i++;
            }
        }

        private void skipBom() {
            if (i + 2 < to && (b[i] & 0xff) == 0xef && (b[i + 1] & 0xff) == 0xbb && (b[i + 2] & 0xff) == 0xbf) {
                i += 3;
            }
        }

        private boolean isIsoTimestamp(int p) {
            return p + 19 <= to && isDigit(b[p]) && isDigit(b[p + 1]) && isDigit(b[p + 2]) && isDigit(b[p + 3])
                    && b[p + 4] == '-' && isDigit(b[p + 5]) && isDigit(b[p + 6]) && b[p + 7] == '-'
                    && isDigit(b[p + 8]) && isDigit(b[p + 9]) && b[p + 10] == 'T'
                    && isDigit(b[p + 11]) && isDigit(b[p + 12]) && b[p + 13] == ':';
        }

        /** {@code Mmm dd hh:mm:ss} or {@code Mmm  d hh:mm:ss}, RFC 3164 §4.1.2. */
        private boolean isBsdTimestamp(int p) {
            if (p + 16 > to || month(p) < 0 || b[p + 3] != ' ') {
                return false;
            }
            return (isDigit(b[p + 4]) || b[p + 4] == ' ') && isDigit(b[p + 5]) && b[p + 6] == ' '
                    && isDigit(b[p + 7]) && isDigit(b[p + 8]) && b[p + 9] == ':' && isDigit(b[p + 10])
                    && isDigit(b[p + 11]) && b[p + 12] == ':' && isDigit(b[p + 13]) && isDigit(b[p + 14])
                    && b[p + 15] == ' ';
        }

        private int month(int p) {
            String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
            for (int m = 0; m < 12; m++) {
                String name = months[m];
                if (b[p] == name.charAt(0) && b[p + 1] == name.charAt(1) && b[p + 2] == name.charAt(2)) {
                    return m;
                }
            }
            return -1;
        }

        private String str(int s, int e) {
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }
    }

    private static String nil(String s) {
        return s.isEmpty() || s.equals("-") ? null : s;
    }

    /** UTC offset in seconds of an RFC 3339 timestamp's suffix ({@code Z}, {@code +hh:mm}). */
    static int offsetOf(String ts) {
        int n = ts.length();
        if (n > 19 && (ts.charAt(n - 1) == 'Z' || ts.charAt(n - 1) == 'z')) {
            return 0;
        }
        if (n >= 25 && ts.charAt(n - 3) == ':' && (ts.charAt(n - 6) == '+' || ts.charAt(n - 6) == '-')) {
            int h = digit(ts.charAt(n - 5)) * 10 + digit(ts.charAt(n - 4));
            int m = digit(ts.charAt(n - 2)) * 10 + digit(ts.charAt(n - 1));
            if (h < 0 || m < 0 || h > 18 || m > 59) {
                return SyslogEnvelope.NO_OFFSET;
            }
            int secs = h * 3600 + m * 60;
            return ts.charAt(n - 6) == '-' ? -secs : secs;
        }
        return SyslogEnvelope.NO_OFFSET;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -100;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}

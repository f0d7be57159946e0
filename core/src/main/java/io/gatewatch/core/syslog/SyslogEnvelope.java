package io.gatewatch.core.syslog;

import java.util.Map;

/**
 * The syslog header found in front of a log body, if any.
 *
 * @param priority PRI value 0..191, or -1 when the line had none
 * @param version 1 for RFC 5424, 0 otherwise
 * @param timestamp the header's timestamp text as sent, or null
 * @param offsetSeconds UTC offset carried by the timestamp, or {@link #NO_OFFSET}
 * @param hostname HOSTNAME, or null
 * @param appName APP-NAME / RFC 3164 tag without its colon, or null
 * @param procId PROCID / the tag's {@code [pid]}, or null
 * @param msgId MSGID, or null
 * @param structuredData SD-ID → (param → value), empty when none
 * @param bodyStart index of the first byte of the log body in the input
 */
public record SyslogEnvelope(
        int priority,
        int version,
        String timestamp,
        int offsetSeconds,
        String hostname,
        String appName,
        String procId,
        String msgId,
        Map<String, Map<String, String>> structuredData,
        int bodyStart) {

    public static final int NO_OFFSET = Integer.MIN_VALUE;

    /** True when a header (PRI, timestamp or both) was recognised. */
    public boolean present() {
        return priority >= 0 || timestamp != null;
    }

    public boolean hasOffset() {
        return offsetSeconds != NO_OFFSET;
    }

    public int facility() {
        return priority >= 0 ? priority >> 3 : -1;
    }

    public int severity() {
        return priority >= 0 ? priority & 7 : -1;
    }

    private static final String[] FACILITIES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
        "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3",
        "local4", "local5", "local6", "local7"
    };

    private static final String[] SEVERITIES = {
        "emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"
    };

    public String facilityName() {
        int f = facility();
        return f >= 0 && f < FACILITIES.length ? FACILITIES[f] : null;
    }

    public String severityName() {
        int s = severity();
        return s >= 0 ? SEVERITIES[s] : null;
    }
}

package io.gatewatch.alerts;

import io.gatewatch.core.ecs.Rfc3339;

/**
 * An alert as one syslog line carrying CEF (ArcSight Common Event Format, version 0): an RFC 5424
 * header, then {@code CEF:0|gatewatch|gatewatch|1|rule id|title|severity|extension}. Header
 * fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =} and line
 * breaks, so a rule title cannot forge fields or lines.
 */
final class CefFormat {
    private static final int FACILITY_LOCAL4 = 20;

    private CefFormat() {}

    static String line(StoredAlert a, String hostname) {
        int syslogSeverity = a.urgency() >= 75 ? 2 : a.urgency() >= 50 ? 4 : 6; // critical, warning, informational
        StringBuilder s = new StringBuilder(512);
        s.append('<').append(FACILITY_LOCAL4 * 8 + syslogSeverity).append(">1 ").append(Rfc3339.formatUtc(a.createdAt()))
                .append(' ').append(hostname).append(" gatewatch - alert - ");
        s.append("CEF:0|gatewatch|gatewatch|1|").append(header(a.ruleId())).append('|').append(header(a.title())).append('|')
                .append(Math.min(10, (a.urgency() + 5) / 10)).append('|');
        s.append("rt=").append(a.lastSeen());
        ext(s, "externalId", a.uuid());
        ext(s, "cs1Label", "short_id");
        ext(s, "cs1", a.shortId());
        ext(s, "cs2Label", "intake");
        ext(s, "cs2", a.intake());
        ext(s, "cs3Label", "ttps");
        ext(s, "cs3", String.join(",", a.attack().techniques()));
        ext(s, "cat", String.join(",", a.attack().tactics()));
        ext(s, "cnt", Long.toString(a.occurrences()));
        ext(s, "outcome", a.status().jsonName());
        for (var e : new java.util.TreeMap<>(a.group()).entrySet()) {
            if (e.getKey().equals("source.ip")) {
                ext(s, "src", e.getValue());
            } else if (e.getKey().equals("user.name")) {
                ext(s, "suser", e.getValue());
            }
        }
        return s.toString();
    }

    private static String header(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }

    private static void ext(StringBuilder s, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        s.append(' ').append(key).append('=')
                .append(value.replace("\\", "\\\\").replace("=", "\\=").replace("\n", "\\n").replace("\r", "\\r"));
    }
}

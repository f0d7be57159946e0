package io.gatewatch.bench.store;

import java.util.List;

/**
 * The analysts' questions: the searches a SOC analyst types all day on VPN logs, each kind with
 * values that rotate from round to round (so that no round repeats the previous one's terms), and
 * the terms aggregations of a dashboard over the last 24 hours.
 */
final class QueryMix {
    /** Phrases of the Pulse message catalog, letters and spaces only (see {@link ScanCondition.Phrase}). */
    static final List<String> PHRASES = List.of("not authenticated yet", "Primary authentication failed",
            "Session timed out", "SSL negotiation failed", "Unauthenticated request url", "Agent login succeeded");
    /** What scanners probe and what a hunt for them looks for in URLs. */
    static final List<String> URL_PARTS = List.of("passwd", "totp", "welcome.cgi", "saml");
    /** Fields of the dashboard's top-10 panels. */
    static final List<String> TERMS_FIELDS = List.of("user.name", "source.ip", "event.code");
    static final int TERMS_SIZE = 10;

    private final List<String> users;
    private final List<String> ipv4s;
    private final List<String> codes;

    QueryMix(QueryValues values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no users, addresses or codes sampled: too few events");
        }
        this.users = values.users();
        this.ipv4s = values.ipv4s();
        this.codes = values.codes();
    }

    /** The questions of round {@code r}, one of each kind. */
    List<AnalystQuery> round(int r) {
        String user = users.get(r % users.size());
        String ip = ipv4s.get(r % ipv4s.size());
        String cidr = sixteen(ipv4s.get((r + 1) % ipv4s.size()));
        String code = codes.get(r % codes.size());
        String phrase = PHRASES.get(r % PHRASES.size());
        String prefix = users.get((r + 1) % users.size()).substring(0, 3);
        String urlPart = URL_PARTS.get(r % URL_PARTS.size());
        return List.of(
                new AnalystQuery("user", "user.name:\"" + user + "\"", false,
                        new ScanCondition.Equals("user.name", user)),
                new AnalystQuery("IP", "source.ip:" + ip, false, new ScanCondition.Equals("source.ip", ip)),
                new AnalystQuery("CIDR /16", "source.ip:" + cidr, false,
                        ScanCondition.InIpv4Network.of("source.ip", cidr)),
                new AnalystQuery("code, 24 h", "event.code:" + code, true, new ScanCondition.Equals("event.code", code)),
                new AnalystQuery("phrase", "\"" + phrase + "\"", false, new ScanCondition.Phrase("message", phrase)),
                new AnalystQuery("prefix wildcard", "user.name:" + prefix + "*", false,
                        new ScanCondition.Prefix("user.name", prefix)),
                new AnalystQuery("infix wildcard", "url.original:*" + urlPart + "*", false,
                        new ScanCondition.Contains("url.original", urlPart)),
                new AnalystQuery("failures, 24 h", "event.outcome:failure", true,
                        new ScanCondition.Equals("event.outcome", "failure")),
                new AnalystQuery("everything, 24 h", "", true, new ScanCondition.MatchAll()));
    }

    /** The /16 network of an IPv4 address, as {@code a.b.0.0/16}. */
    static String sixteen(String ipv4) {
        int first = ipv4.indexOf('.');
        int second = ipv4.indexOf('.', first + 1);
        return ipv4.substring(0, second) + ".0.0/16";
    }
}

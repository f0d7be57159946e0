package io.gatewatch.cli.scenario;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a {@link LogEvent} as the line an appliance of a two-node cluster sends: in WELF (60%),
 * Standard (25%) or ICS JSON (15%), each behind the syslog headers seen in published lines
 * (none, RFC 3164, RFC 5424, a receiving server's prefix, a relay's RFC 3164 in front of RFC 5424,
 * RFC 6587 octet counting). The layouts are those of the rule examples and the load generator's
 * corpus. Both nodes keep their clocks in UTC, so that every format gives a line the same
 * {@code @timestamp} under the default {@code --timezone UTC}.
 *
 * <p>Choices come from one seeded {@link Random}: the same events in the same order give the same
 * bytes.
 */
public final class LineRenderer {
    /** The body format of a line. */
    public enum Format { WELF, STANDARD, JSON }

    private record Node(String name, String fw) {}

    /** A cluster behind a load balancer that keeps a client on one node (by its address). */
    private static final Node[] NODES = {new Node("vpn-node1", "10.10.0.11"), new Node("vpn-node2", "10.10.0.12")};

    /**
     * Codes whose text no public source gives verbatim, so the parser cannot recover them from a
     * Standard line (which carries no code): the appliance's own lines for them are written in
     * WELF or JSON only, or the rules keyed on their code could not see them.
     */
    private static final Set<String> NO_STANDARD_TEXT = Set.of("SYS32039", "SYS32040", "SYS32041", "SYS32042");

    /**
     * WELF {@code pri}, which is also the syslog severity, of the codes logged above informational
     * (the rest are 6).
     */
    private static final Map<String, Integer> PRI = Map.of(
            "AUT24604", 4, "ADM23452", 4, "SYS32039", 2, "SYS32040", 2, "SYS32041", 2, "SYS32042", 2);

    private static final DateTimeFormatter BODY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    private static final DateTimeFormatter BSD_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final int FACILITY_LOCAL0 = 16;

    private final Random rnd;
    private final Map<Format, Long> counts = new EnumMap<>(Format.class);

    public LineRenderer(long seed) {
        this.rnd = new Random(seed);
    }

    /** The line (without its line break). */
    public String render(LogEvent e) {
        // Each node logs its own system events; a client's lines come from the node it is on.
        Node node = e.actor().kind() == Actor.Kind.SYSTEM ? NODES[rnd.nextInt(NODES.length)]
                : NODES[Math.floorMod(e.actor().ip().hashCode(), NODES.length)];
        int p = rnd.nextInt(100);
        Format format = p < 60 ? Format.WELF : p < 85 ? Format.STANDARD : Format.JSON;
        if (format == Format.STANDARD && NO_STANDARD_TEXT.contains(e.code())) {
            format = Format.WELF;
        }
        counts.merge(format, 1L, Long::sum);
        return switch (format) {
            case WELF -> welfHeader(e, node) + welf(e, node);
            case STANDARD -> standardHeader(e, node) + standard(e, node);
            case JSON -> json(e, node);
        };
    }

    /** Lines written so far per format, in the order of {@link Format}. */
    public Map<Format, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    // ---- bodies ------------------------------------------------------------------------------

    private static String welf(LogEvent e, Node node) {
        Actor a = e.actor();
        StringBuilder sb = new StringBuilder(400);
        sb.append("id=firewall time=\"").append(BODY_TIME.format(utc(e))).append("\" pri=").append(pri(e))
                .append(" fw=").append(node.fw()).append(" vpn=").append(node.name());
        if (a.kind() != Actor.Kind.SYSTEM) {
            sb.append(" ivs=Default Network");
        }
        sb.append(" user=").append(a.user()).append(" realm=\"").append(a.realm()).append("\" roles=\"")
                .append(a.roles()).append('"');
        switch (a.kind()) {
            // 9.1R10 / 22.x user access layout.
            case USER, UNAUTHENTICATED -> sb.append(" proto=").append(a.kind() == Actor.Kind.USER ? "auth" : "")
                    .append(" src=").append(a.ip()).append(" dst= dstname= type=vpn op= arg=\"\" result= sent= rcvd= agent=\"")
                    .append(a.agent()).append("\" duration=");
            // 2023+ events and admin access layout, which carries the administrator's address.
            case ADMIN, SYSTEM -> sb.append(" type=mgmt proto= src=").append(a.ip()).append(" dst= dstname= sent= rcvd=");
            // 9.1R10 admin access layout: no address key.
            case CONSOLE -> sb.append(" type=mgmt");
        }
        sb.append(" msg=\"").append(e.code()).append(": ").append(e.text()).append('"');
        return sb.toString();
    }

    private String standard(LogEvent e, Node node) {
        Actor a = e.actor();
        StringBuilder sb = new StringBuilder(300);
        sb.append(BODY_TIME.format(utc(e))).append(" - ").append(node.name()).append(" - [").append(a.ip()).append("] ");
        boolean system = a.kind() != Actor.Kind.USER && a.kind() != Actor.Kind.ADMIN;
        if (system) {
            sb.append("System()[]");
        } else {
            // Newer versions put the sign-in URL's virtual system in front of the user.
            if (rnd.nextBoolean()) {
                sb.append("Default Network::");
            }
            sb.append(a.user()).append('(').append(a.realm()).append(")[").append(a.roles()).append(']');
        }
        sb.append(" - ").append(e.text());
        return sb.toString();
    }

    /** The ICS 22.x JSON body behind an RFC 5424 header, with RFC 6587 octet counting one time in five. */
    private String json(LogEvent e, Node node) {
        Actor a = e.actor();
        long epoch = e.time().getEpochSecond();
        int pri = pri(e);
        StringBuilder sb = new StringBuilder(900);
        sb.append('<').append(FACILITY_LOCAL0 * 8 + pri).append(">1 ").append(ISO_TIME.format(e.time().atOffset(ZoneOffset.UTC)))
                .append(' ').append(node.name()).append(" PulseSecure: - - - ");
        sb.append("{\"message_id\":\"").append(e.code()).append("\",\"date\":\"").append(utc(e).toLocalDate())
                .append("\",\"timestamp\":\"").append(epoch).append("\",\"us_timestamp\":\"").append(epoch)
                // No fraction: the parser takes the time from us_timestamp, and a line must have
                // the same @timestamp in every format (WELF and Standard carry whole seconds).
                .append(".000000")
                .append("\",\"opaque_id\":\"").append(rnd.nextInt(5000))
                .append("\",\"gateway_id\":\"\",\"gateway_name\":\"\",\"unique_id\":\"\",\"sev_num\":\"")
                .append(pri == 6 ? 1 : pri == 4 ? 5 : 8).append("\",\"sev_string\":\"")
                .append(pri == 6 ? "info" : pri == 4 ? "minor" : "major").append("\",\"source_ip\":\"").append(a.ip())
                .append("\",\"macaddr\":\"\",\"user\":\"");
        escape(a.kind() == Actor.Kind.UNAUTHENTICATED ? "" : a.user(), sb);
        sb.append("\",\"realm_name\":\"").append(a.realm()).append("\",\"roles\":\"").append(a.roles())
                .append("\",\"session_id\":\"\",\"useragent\":\"");
        escape(a.agent(), sb);
        sb.append("\",\"device_id\":\"\",\"browser_id\":\"\",\"tenant_id\":\"\",\"cert_hash\":\"\",")
                .append("\"additional_details\":[],\"raw_message\":\"");
        escape(e.text(), sb);
        sb.append("\"}");
        String line = sb.toString();
        if (rnd.nextInt(5) == 0) {
            return line.getBytes(StandardCharsets.UTF_8).length + " " + line;
        }
        return line;
    }

    // ---- headers -----------------------------------------------------------------------------

    /** WELF: no header (a file export), RFC 3164, RFC 5424, or a receiving server's prefix. */
    private String welfHeader(LogEvent e, Node node) {
        int p = rnd.nextInt(100);
        if (p < 40) {
            return "";
        }
        int pri = FACILITY_LOCAL0 * 8 + pri(e);
        if (p < 65) {
            return "<" + pri + ">" + BSD_TIME.format(utc(e)) + " " + node.name() + " PulseSecure: ";
        }
        if (p < 85) {
            return "<" + pri + ">1 " + iso(e) + " " + node.name() + " PulseSecure: - - - ";
        }
        return iso(e) + " " + node.fw() + " PulseSecure: ";
    }

    /** Standard: none (a file export), RFC 5424 from the appliance, or a relay's RFC 3164 in front. */
    private String standardHeader(LogEvent e, Node node) {
        int p = rnd.nextInt(100);
        if (p < 20) {
            return "";
        }
        String rfc5424 = "1 " + iso(e) + " " + node.name() + " PulseSecure: - - - ";
        if (p < 70) {
            return "<" + (FACILITY_LOCAL0 * 8 + pri(e)) + ">" + rfc5424;
        }
        return BSD_TIME.format(utc(e)) + " " + node.name() + " " + rfc5424;
    }

    private static LocalDateTime utc(LogEvent e) {
        return LocalDateTime.ofInstant(e.time(), ZoneOffset.UTC);
    }

    private static String iso(LogEvent e) {
        return ISO_TIME.format(e.time().atOffset(ZoneOffset.UTC));
    }

    private static int pri(LogEvent e) {
        return PRI.getOrDefault(e.code(), 6);
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}

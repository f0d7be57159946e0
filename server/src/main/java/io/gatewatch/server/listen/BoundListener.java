package io.gatewatch.server.listen;

import java.util.Locale;
import java.util.Objects;

/**
 * A listener of its own for one intake: appliances that send plain syslog, without the intake key
 * in RFC 5424 structured data, get their intake from the port they send to. A key in the event
 * still wins, as on every listener.
 *
 * @param protocol how the port speaks
 * @param port the port; 0 picks a free one
 * @param intake the intake of the events that carry no key
 */
public record BoundListener(Protocol protocol, int port, String intake) {
    /** The protocols a bound listener may speak; TLS ones use the server's syslog TLS certificates. */
    public enum Protocol {
        TCP("tcp"),
        UDP("udp"),
        TLS("tls"),
        RELP("relp"),
        RELP_TLS("relp-tls");

        private final String label;

        Protocol(String label) {
            this.label = label;
        }

        /** Its name in flags and the configuration file. */
        public String label() {
            return label;
        }

        public boolean tls() {
            return this == TLS || this == RELP_TLS;
        }

        public static Protocol of(String label) {
            for (Protocol p : values()) {
                if (p.label.equals(label.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown protocol '" + label + "' (tcp, udp, tls, relp or relp-tls)");
        }
    }

    public BoundListener {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        if (intake == null || intake.isBlank()) {
            throw new IllegalArgumentException("a bound listener needs an intake name");
        }
    }

    /** {@code PROTOCOL:PORT:INTAKE}, as {@code --listen} takes it (e.g. {@code tcp:1515:vpn-eu}). */
    public static BoundListener parse(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + spec + "' is not PROTOCOL:PORT:INTAKE (e.g. tcp:1515:vpn-eu)");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': the port is not a number");
        }
        return new BoundListener(Protocol.of(parts[0]), port, parts[2]);
    }

    /** The listener's name in the metrics: its protocol and port, e.g. {@code tcp:1515}. */
    public String metricName() {
        return protocol.label() + ":" + port;
    }

    /** As {@link #parse} reads it. */
    @Override
    public String toString() {
        return protocol.label() + ":" + port + ":" + intake;
    }
}

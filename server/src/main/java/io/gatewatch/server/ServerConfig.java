package io.gatewatch.server;

import io.gatewatch.server.listen.BoundListener;
import io.gatewatch.server.listen.SyslogListeners;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code gatewatch serve} runs with. Every value has a flag; the defaults are unprivileged
 * ports on all interfaces and {@code ./data}.
 *
 * @param dataDir where the journal and the intakes live
 * @param host the address to listen on
 * @param syslogTcpPort syslog over TCP (RFC 6587 framing); 0 picks a free port, -1 disables
 * @param syslogUdpPort syslog over UDP; 0 picks a free port, -1 disables
 * @param httpPort the HTTP intake API; 0 picks a free port, -1 disables
 * @param relpPort RELP (acknowledged syslog, as rsyslog's omrelp sends); 0 picks a free port, -1 disables
 * @param tls syslog over TLS (RFC 5425), or null when off
 * @param maxFrameBytes largest event accepted
 * @param queueCapacity events waiting for the journal before listeners stop reading
 * @param maxConnections TCP connections open at once over all listeners (syslog, TLS, RELP); more are closed at once
 * @param listeners listeners of their own for one intake each, beside the default ones
 */
public record ServerConfig(Path dataDir, String host, int syslogTcpPort, int syslogUdpPort, int httpPort,
        int relpPort, Tls tls, int maxFrameBytes, int queueCapacity, int maxConnections, List<BoundListener> listeners) {
    public static final int DEFAULT_RELP_PORT = 2514;
    public static final int DEFAULT_RELP_TLS_PORT = 2515;
    public static final int DEFAULT_SYSLOG_TLS_PORT = 6514;

    /**
     * Syslog over TLS: the server's certificate chain and key (PEM; the key in PKCS#8, as
     * {@code openssl genpkey} writes it), and, for mutual TLS, the CA that client certificates
     * must chain to (null: clients are not asked for one). {@code relpPort} is RELP over TLS
     * with the same certificates (-1: off).
     */
    public record Tls(int port, Path certificateChain, Path privateKey, Path clientCa, int relpPort) {
        public Tls {
            java.util.Objects.requireNonNull(certificateChain, "certificateChain");
            java.util.Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_SYSLOG_PORT = 1514;
    /** The reference intake API's limit on one event. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 250 * 1024;

    /** Without listeners bound to intakes. */
    public ServerConfig(Path dataDir, String host, int syslogTcpPort, int syslogUdpPort, int httpPort,
            int relpPort, Tls tls, int maxFrameBytes, int queueCapacity) {
        this(dataDir, host, syslogTcpPort, syslogUdpPort, httpPort, relpPort, tls, maxFrameBytes, queueCapacity,
                SyslogListeners.DEFAULT_MAX_CONNECTIONS, List.of());
    }

    public ServerConfig {
        listeners = List.copyOf(listeners);
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("the largest event must be at least 1024 bytes, not " + maxFrameBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, not " + maxConnections);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the queue must hold at least one event");
        }
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "0.0.0.0", DEFAULT_SYSLOG_PORT, DEFAULT_SYSLOG_PORT, DEFAULT_HTTP_PORT,
                DEFAULT_RELP_PORT, null, DEFAULT_MAX_FRAME_BYTES, 65_536);
    }
}

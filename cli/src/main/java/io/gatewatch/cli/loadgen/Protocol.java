package io.gatewatch.cli.loadgen;

import io.gatewatch.server.ServerConfig;

/** How the load generator sends, with the port {@code gatewatch serve} listens on for it by default. */
public enum Protocol {
    TCP(ServerConfig.DEFAULT_SYSLOG_PORT),
    RELP(ServerConfig.DEFAULT_RELP_PORT),
    HTTP(ServerConfig.DEFAULT_HTTP_PORT);

    final int defaultPort;

    Protocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** Whether the server answers each event, so that acknowledgements and their latency can be counted. */
    boolean acknowledges() {
        return this != TCP;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

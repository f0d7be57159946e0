package io.gatewatch.server.listen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped for a UDP socket because its receive buffer was full: they never
 * reached gatewatch, so only the kernel can count them. Linux shows the count per socket in the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6}; the socket is found by
 * its local port.
 */
public final class UdpSocketDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private final int port;
    private final List<Path> tables;

    UdpSocketDrops(int port, List<Path> tables) {
        this.port = port;
        this.tables = tables;
    }

    /** The drops of the UDP socket bound to {@code port}, from the kernel's tables. */
    public static UdpSocketDrops forPort(int port) {
        return new UdpSocketDrops(port, TABLES);
    }

    /** Whether this system shows the counts (Linux does). */
    public boolean available() {
        return tables.stream().anyMatch(Files::isReadable);
    }

    /** Datagrams dropped so far, summed over the sockets on the port (IPv4 and IPv6); 0 when unknown. */
    public long dropped() {
        long sum = 0;
        for (Path table : tables) {
            try {
                for (String line : Files.readAllLines(table)) {
                    sum += dropsOf(line, port);
                }
            } catch (IOException e) {
                // Not on this system, or gone: nothing to add.
            }
        }
        return sum;
    }

    /**
     * The drops of one line of the table when its local port is {@code port}, else 0. A line is
     * {@code sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout
     * inode ref pointer drops}, the local address being {@code HEXADDR:HEXPORT}.
     */
    static long dropsOf(String line, int port) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 13 || !f[0].endsWith(":")) {
            return 0; // the header, or not a socket line
        }
        int colon = f[1].lastIndexOf(':');
        try {
            if (colon < 0 || Integer.parseInt(f[1].substring(colon + 1), 16) != port) {
                return 0;
            }
            return Long.parseLong(f[f.length - 1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

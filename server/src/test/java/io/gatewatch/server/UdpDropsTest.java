package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.server.listen.UdpSocketDrops;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UDP cannot be paused: what it cannot take is dropped and counted, by reason; the kernel's own drops too. */
class UdpDropsTest {
    private static final String LINE = "<13>Oct 19 09:10:35 vpn PulseSecure: id=firewall msg=\"AUT22673: Logout from 10.0.0.1\"";

    @TempDir
    Path data;

    private static void send(DatagramSocket socket, int port, byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static double dropped(Server server, String reason) {
        return PrometheusText.value(server.metrics().scrape(), "gatewatch_udp_dropped_total{reason=\"" + reason + "\"}");
    }

    @Test
    void oversizedAndEmptyDatagrams_areDroppedAndCounted_neverCut() throws Exception {
        try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", -1, 0, -1, -1, null, 4096, 1024));
                DatagramSocket udp = new DatagramSocket()) {
            // Longer than the largest event, and than the 2 KiB a datagram reader gets by default:
            // it must be refused whole, not stored cut.
            send(udp, server.syslogUdpPort(), ("<13>" + "y".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
            send(udp, server.syslogUdpPort(), "\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] large = ("<13>" + "z".repeat(3000)).getBytes(StandardCharsets.US_ASCII);
            send(udp, server.syslogUdpPort(), large);
            await(() -> server.journal().durableOffset() == 1 && dropped(server, "oversized") == 1
                    && dropped(server, "empty") == 1, "one stored, two dropped");
            assertThat(server.journal().read(0, 10).get(0).payload()).as("kept whole").isEqualTo(large);
        }
    }

    @Test
    void whileTheJournalIsBehind_datagramsAreDroppedAsQueueFull_andTheOthersStored() throws Exception {
        int sent = 200;
        HeldJournal[] held = new HeldJournal[1];
        try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", -1, 0, -1, -1, null, 4096, 8),
                j -> held[0] = new HeldJournal(j, true)); DatagramSocket udp = new DatagramSocket()) {
            try {
                for (int i = 0; i < sent; i++) {
                    send(udp, server.syslogUdpPort(), (LINE + " seq=" + i).getBytes(StandardCharsets.US_ASCII));
                }
                await(() -> server.ingest().received() + dropped(server, "queue_full") == sent, "every datagram taken or dropped");
            } finally {
                held[0].release();
            }
            long stored = server.ingest().received();
            assertThat(dropped(server, "queue_full")).isPositive();
            await(() -> server.journal().durableOffset() == stored, "what was taken is stored");
        }
    }

    @Test
    void theKernelsDropsForASocket_areReadByItsPort() throws Exception {
        // A socket that never reads, with the smallest receive buffer: the kernel drops the excess.
        try (DatagramSocket deaf = new DatagramSocket(null); DatagramSocket udp = new DatagramSocket()) {
            deaf.setReceiveBufferSize(1024);
            deaf.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            UdpSocketDrops drops = UdpSocketDrops.forPort(deaf.getLocalPort());
            assertThat(drops.available()).as("a Linux /proc").isTrue();
            long before = drops.dropped();
            byte[] datagram = new byte[1000];
            for (int i = 0; i < 200; i++) {
                send(udp, deaf.getLocalPort(), datagram);
            }
            await(() -> drops.dropped() > before, "the kernel counted drops");
        }
        try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", -1, 0, -1, -1, null, 4096, 1024))) {
            assertThat(server.metrics().scrape()).contains("gatewatch_udp_kernel_drops_total 0.0");
        }
    }
}

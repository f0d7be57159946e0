package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import io.gatewatch.server.listen.BoundListener;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server with real clients: util-linux {@code logger}, and plain sockets for the odd cases. */
class ServerTest {
    private static final String LINE = "id=firewall time=\"2021-01-28 13:46:08\" user=bob msg=\"AUT22673: Logout from 10.0.0.1\"";

    @TempDir
    Path data;

    private static ServerConfig config(Path data) {
        return new ServerConfig(data, "127.0.0.1", 0, 0, -1, -1, null, 4096, 1024);
    }

    /** Waits (bounded) until the counter reaches {@code n}: delivery is asynchronous. */
    private static void awaitCount(LongSupplier counter, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.getAsLong() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(counter.getAsLong()).isGreaterThanOrEqualTo(n);
    }

    private static void logger(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("logger"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    private List<JournalRecord> journal() throws IOException {
        try (SegmentedJournal j = SegmentedJournal.open(data.resolve("journal"), SegmentedJournal.DEFAULT_SEGMENT_BYTES)) {
            return j.read(0, 10_000);
        }
    }

    @Test
    void boundListeners_giveTheirIntakeToEventsWithoutAKey_andRefuseOnceItIsRemoved() throws Exception {
        IntakeRegistry registry = new IntakeRegistry(data);
        registry.add(new Intake("vpn-eu", IntakeRegistry.generateKey(), "auto", "UTC", 0));
        Intake other = registry.add(new Intake("vpn-us", IntakeRegistry.generateKey(), "auto", "UTC", 0));
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 0, -1, -1, null, 4096, 1024, 1024, List.of(
                new BoundListener(BoundListener.Protocol.TCP, 0, "vpn-eu"),
                new BoundListener(BoundListener.Protocol.UDP, 0, "vpn-eu")));
        try (Server server = Server.start(config)) {
            String tcp = Integer.toString(server.boundPorts().get(0));
            String udp = Integer.toString(server.boundPorts().get(1));
            // Plain RFC 3164, as an appliance sends it: the port says which intake.
            logger("--tcp", "--server", "127.0.0.1", "--port", tcp, "--octet-count", "--rfc3164", "-t", "PulseSecure", LINE);
            logger("--udp", "--server", "127.0.0.1", "--port", udp, "--rfc3164", "-t", "PulseSecure", LINE);
            // A key in the event still wins over the port.
            logger("--tcp", "--server", "127.0.0.1", "--port", tcp, "--octet-count", "--rfc5424", "--sd-id", "SEKOIA@53288",
                    "--sd-param", "intake_key=\"" + other.key() + "\"", "-t", "PulseSecure", LINE);
            awaitCount(() -> server.journal().durableOffset(), 3);
            assertThat(journalOf(server)).extracting(JournalRecord::intake)
                    .containsExactlyInAnyOrder("vpn-eu", "vpn-eu", "vpn-us");

            registry.remove("vpn-eu");
            // The server re-reads the intakes at most once a second.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.ingest().refused() == 0 && System.nanoTime() < deadline) {
                logger("--tcp", "--server", "127.0.0.1", "--port", tcp, "--octet-count", "--rfc3164", "-t", "PulseSecure", LINE);
                Thread.sleep(300);
            }
            assertThat(server.metrics().scrape())
                    .contains("gatewatch_events_refused_total{listener=\"tcp:0\",reason=\"unknown_intake\"}");
            // Nothing is stored under another intake once its own is gone.
            assertThat(journalOf(server)).extracting(JournalRecord::intake).doesNotContain(Server.DEFAULT_INTAKE);
        }
    }

    @Test
    void aListenerBoundToAnIntakeThatDoesNotExist_stopsTheStart() {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 0, -1, -1, null, 4096, 1024, 1024,
                List.of(new BoundListener(BoundListener.Protocol.RELP, 0, "nowhere")));
        assertThatThrownBy(() -> Server.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relp:0:nowhere").hasMessageContaining("no intake named 'nowhere'");
    }

    private static List<JournalRecord> journalOf(Server server) throws IOException {
        return server.journal().read(0, 10_000);
    }

    @Test
    void metrics_countBytesAcknowledgedParsedAndUnparsed_perIntake() throws Exception {
        String first = "<134>Oct 19 09:10:35 vpn PulseSecure: " + LINE;
        String garbage = "\u0001\u0002 not a Pulse line at all";
        try (Server server = Server.start(config(data))) {
            try (Socket s = new Socket("127.0.0.1", server.syslogTcpPort()); OutputStream out = s.getOutputStream()) {
                out.write((first + "\n" + garbage + "\n").getBytes(StandardCharsets.UTF_8));
            }
            awaitCount(() -> server.journal().durableOffset(), 2);
            // The store's feeder parses behind the journal: wait until it has seen both events.
            awaitCount(() -> server.metrics().scrape().contains("gatewatch_events_unparsed_total{intake=\"default\"} 1.0") ? 1 : 0, 1);
            String scrape = server.metrics().scrape();
            assertThat(scrape)
                    .contains("gatewatch_events_parsed_total{intake=\"default\"} 1.0")
                    .contains("gatewatch_events_unparsed_total{intake=\"default\"} 1.0")
                    .contains("gatewatch_events_acknowledged_total{intake=\"default\",listener=\"syslog-tcp\"} 2.0")
                    .contains("gatewatch_received_bytes_total{intake=\"default\",listener=\"syslog-tcp\"} "
                            + (double) (first.getBytes(StandardCharsets.UTF_8).length + garbage.getBytes(StandardCharsets.UTF_8).length));
            String journalBytes = scrape.lines().filter(l -> l.startsWith("gatewatch_journal_bytes ")).findFirst().orElseThrow();
            assertThat(Double.parseDouble(journalBytes.substring(journalBytes.indexOf(' ') + 1)))
                    .isEqualTo((double) server.journal().sizeBytes()).isGreaterThan(0);
        }
    }

    @Test
    void eventsFromRealClients_reachTheJournal_underTheirIntake() throws Exception {
        Intake vpn = new IntakeRegistry(data).add(new Intake("vpn-prod", IntakeRegistry.generateKey(), "auto", "UTC", 0));
        try (Server server = Server.start(config(data))) {
            String port = Integer.toString(server.syslogTcpPort());
            // Like Sekoia.io's forwarder: RFC 5424, octet-counted TCP, the key in structured data.
            logger("--tcp", "--server", "127.0.0.1", "--port", port, "--octet-count", "--rfc5424",
                    "--sd-id", "SEKOIA@53288", "--sd-param", "intake_key=\"" + vpn.key() + "\"", "-t", "PulseSecure", LINE);
            // An appliance sending plain RFC 3164 over UDP: the listener's (default) intake.
            logger("--udp", "--server", "127.0.0.1", "--port", Integer.toString(server.syslogUdpPort()), "--rfc3164",
                    "-t", "PulseSecure", LINE);
            // LF framing with CR, from a plain socket, two events in one write.
            try (Socket s = new Socket("127.0.0.1", server.syslogTcpPort()); OutputStream out = s.getOutputStream()) {
                out.write(("<134>Oct 19 09:10:35 vpn PulseSecure: " + LINE + "\r\n<134>Oct 19 09:10:36 vpn PulseSecure: "
                        + LINE + "\n").getBytes(StandardCharsets.UTF_8));
            }
            awaitCount(() -> server.journal().durableOffset(), 4);
            assertThat(server.metrics().scrape())
                    .contains("gatewatch_events_received_total{intake=\"vpn-prod\",listener=\"syslog-tcp\"} 1.0")
                    .contains("gatewatch_events_received_total{intake=\"default\",listener=\"syslog-udp\"} 1.0")
                    .contains("gatewatch_events_received_total{intake=\"default\",listener=\"syslog-tcp\"} 2.0");
        }
        List<JournalRecord> records = journal();
        assertThat(records).hasSize(4);
        assertThat(records).extracting(JournalRecord::intake)
                .containsExactlyInAnyOrder("vpn-prod", Server.DEFAULT_INTAKE, Server.DEFAULT_INTAKE, Server.DEFAULT_INTAKE);
        for (JournalRecord r : records) {
            String payload = new String(r.payload(), StandardCharsets.UTF_8);
            assertThat(payload).endsWith(LINE);
            assertThat(payload).doesNotEndWith("\n").doesNotEndWith("\r");
        }
        JournalRecord keyed = records.stream().filter(r -> r.intake().equals("vpn-prod")).findFirst().orElseThrow();
        assertThat(new String(keyed.payload(), StandardCharsets.UTF_8)).contains("[SEKOIA@53288 intake_key=\"" + vpn.key() + "\"]");
    }

    @Test
    void anUnknownKey_isRefusedAndCounted_neverStoredElsewhere() throws Exception {
        try (Server server = Server.start(config(data))) {
            logger("--tcp", "--server", "127.0.0.1", "--port", Integer.toString(server.syslogTcpPort()), "--octet-count",
                    "--rfc5424", "--sd-id", "SEKOIA@53288", "--sd-param", "intake_key=\"NoSuchKeyNoSuchKey123\"", LINE);
            logger("--tcp", "--server", "127.0.0.1", "--port", Integer.toString(server.syslogTcpPort()), "--octet-count",
                    "--rfc5424", LINE);
            awaitCount(() -> server.journal().durableOffset(), 1);
            awaitCount(() -> server.ingest().refused(), 1);
        }
        assertThat(journal()).hasSize(1);
    }

    @Test
    void intakesAddedWhileRunning_areAcceptedWithoutARestart() throws Exception {
        try (Server server = Server.start(config(data))) {
            Intake late = new IntakeRegistry(data).add(new Intake("late", IntakeRegistry.generateKey(), "auto", "UTC", 0));
            logger("--tcp", "--server", "127.0.0.1", "--port", Integer.toString(server.syslogTcpPort()), "--octet-count",
                    "--rfc5424", "--sd-id", "SEKOIA@53288", "--sd-param", "intake_key=\"" + late.key() + "\"", LINE);
            awaitCount(() -> server.journal().durableOffset(), 1);
            assertThat(server.ingest().refused()).isZero();
        }
        assertThat(journal()).extracting(JournalRecord::intake).containsExactly("late");
    }

    @Test
    void oversizedAndGarbageFrames_areDropped_andTheConnectionGoesOn() throws Exception {
        try (Server server = Server.start(config(data))) {
            try (Socket s = new Socket("127.0.0.1", server.syslogTcpPort()); OutputStream out = s.getOutputStream()) {
                out.write(("<13>" + "x".repeat(10_000) + "\n").getBytes(StandardCharsets.UTF_8));
                out.write("99999 <13>counted but far too long\n".getBytes(StandardCharsets.UTF_8));
                out.write(("<13>still here " + LINE + "\n").getBytes(StandardCharsets.UTF_8));
            }
            awaitCount(() -> server.journal().durableOffset(), 1);
            awaitCount(server::rejectedFrames, 2);
        }
        assertThat(journal()).hasSize(1);
    }

    @Test
    void connectionsOverTheLimit_areClosedAtOnce_andCounted_theOthersServed() throws Exception {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 0, -1, 0, null, 4096, 1024, 2, List.of());
        try (Server server = Server.start(config);
                Socket first = new Socket("127.0.0.1", server.syslogTcpPort());
                Socket second = new Socket("127.0.0.1", server.relpPort())) {
            awaitCount(() -> server.metrics().scrape().contains("gatewatch_connections_open 2.0") ? 1 : 0, 1);
            try (Socket third = new Socket("127.0.0.1", server.syslogTcpPort())) {
                third.setSoTimeout(10_000);
                // Closed by the server before any byte is read: the client sees the end of the stream.
                assertThat(third.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(server.metrics().scrape()).contains("gatewatch_connections_refused_total{listener=\"syslog-tcp\"} 1.0");
            first.getOutputStream().write(("<13>" + LINE + "\n").getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().flush();
            awaitCount(() -> server.journal().durableOffset(), 1);
            first.close();
            // A closed connection frees its place.
            awaitCount(() -> server.metrics().scrape().contains("gatewatch_connections_open 1.0") ? 1 : 0, 1);
            try (Socket again = new Socket("127.0.0.1", server.syslogTcpPort()); OutputStream out = again.getOutputStream()) {
                out.write(("<13>" + LINE + "\n").getBytes(StandardCharsets.UTF_8));
            }
            awaitCount(() -> server.journal().durableOffset(), 2);
        }
        assertThat(journal()).hasSize(2);
    }

    @Test
    void halfOpenConnections_andInvalidUtf8_leaveTheOtherConnectionsServed() throws Exception {
        try (Server server = Server.start(config(data))) {
            // A sender that stops in the middle of a counted frame and stays connected, and one that sends nothing.
            Socket stalled = new Socket("127.0.0.1", server.syslogTcpPort());
            stalled.getOutputStream().write("120 <13>only the start of a counted frame".getBytes(StandardCharsets.UTF_8));
            stalled.getOutputStream().flush();
            Socket silent = new Socket("127.0.0.1", server.syslogTcpPort());
            byte[] invalid = {'<', '1', '3', '>', 'u', 's', 'e', 'r', '=', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, ' ', 'x', '\n'};
            try (Socket s = new Socket("127.0.0.1", server.syslogTcpPort()); OutputStream out = s.getOutputStream()) {
                out.write(invalid);
                out.write(("<13>" + LINE + "\n").getBytes(StandardCharsets.UTF_8));
            }
            awaitCount(() -> server.journal().durableOffset(), 2);
            // The stalled sender goes away mid-frame: its partial frame is dropped and reported, not stored.
            stalled.close();
            awaitCount(server::rejectedFrames, 1);
            silent.close();
            List<JournalRecord> records = journalOf(server);
            assertThat(records).hasSize(2);
            // Bytes are kept as they came: invalid UTF-8 is the parser's to flag, not the intake's to mend.
            assertThat(records.get(0).payload()).isEqualTo(java.util.Arrays.copyOf(invalid, invalid.length - 1));
            io.gatewatch.core.ecs.EcsEvent parsed = new io.gatewatch.core.pulse.PulseParser().parse(records.get(0).payload());
            assertThat(parsed.has(io.gatewatch.core.ecs.EcsField.EVENT_ORIGINAL)).isTrue();
        }
    }

    @Test
    void theDefaultIntake_isCreatedOnce_andKeptAcrossRestarts() throws Exception {
        String key;
        try (Server server = Server.start(config(data))) {
            key = server.defaultIntake().key();
            // Datagrams travel alone: one per event.
            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] b = ("<13>" + LINE + "\n").getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), server.syslogUdpPort()));
            }
            awaitCount(() -> server.journal().durableOffset(), 1);
        }
        try (Server again = Server.start(config(data))) {
            assertThat(again.defaultIntake().key()).isEqualTo(key);
            assertThat(again.journal().endOffset()).isEqualTo(1);
        }
        assertThat(new IntakeRegistry(data).list()).extracting(Intake::name).containsExactly(Server.DEFAULT_INTAKE);
    }
}

package io.gatewatch.server;

import static io.gatewatch.server.RelpFrames.frame;
import static io.gatewatch.server.RelpFrames.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.JournalRecord;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELP: acknowledgements only for what is on disk, first from a plain client, then from rsyslog's omrelp. */
class RelpTest {
    @TempDir
    Path data;

    private Server start() throws Exception {
        return Server.start(new ServerConfig(data, "127.0.0.1", -1, -1, -1, 0, null, 8192, 4096));
    }

    @Test
    void aWindowOfTransactions_isAcknowledgedInOrder_onceOnDisk() throws Exception {
        Intake vpn = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0));
        try (Server server = start(); Socket s = new Socket("127.0.0.1", server.relpPort())) {
            OutputStream out = s.getOutputStream();
            java.io.InputStream in = s.getInputStream();
            frame(out, 1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog");
            assertThat(response(in)).startsWith("1 rsp ").contains("200 OK").contains("commands=syslog");
            // Fifty transactions without waiting, as omrelp's window allows.
            for (int i = 2; i < 52; i++) {
                frame(out, i, "syslog", "<134>1 - vpn PulseSecure - - [SEKOIA@53288 intake_key=\"" + vpn.key() + "\"] event " + i);
            }
            frame(out, 52, "syslog", "<134>1 - vpn PulseSecure - - [SEKOIA@53288 intake_key=\"UnknownUnknownUnknown\"] lost");
            List<String> acks = new ArrayList<>();
            for (int i = 2; i <= 52; i++) {
                acks.add(response(in));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(acks.get(i)).isEqualTo((i + 2) + " rsp 6 200 OK");
            }
            assertThat(acks.get(50)).startsWith("52 rsp").contains("500 unknown intake key");
            // Acknowledged means durable: every acknowledged event is in the journal already.
            assertThat(server.journal().durableOffset()).isEqualTo(50);
            frame(out, 53, "close", "");
            assertThat(response(in)).startsWith("53 rsp").contains("200 OK");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void garbage_closesThatConnection_only() throws Exception {
        try (Server server = start()) {
            try (Socket bad = new Socket("127.0.0.1", server.relpPort())) {
                bad.getOutputStream().write("hello there, this is not RELP\n".getBytes(StandardCharsets.UTF_8));
                bad.setSoTimeout(10_000);
                assertThat(bad.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket good = new Socket("127.0.0.1", server.relpPort())) {
                frame(good.getOutputStream(), 1, "open", "relp_version=0");
                assertThat(response(good.getInputStream())).contains("200 OK");
            }
        }
    }

    @Test
    void rsyslogsOmrelp_deliversEveryEventExactlyOnce() throws Exception {
        Intake vpn = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0));
        int events = 500;
        try (Server server = start()) {
            try (Rsyslog rsyslog = Rsyslog.start(data.resolve("rsyslog"), server.relpPort(), vpn.key(), "")) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    lines.add("<134>Oct 19 09:10:35 vpn PulseSecure: id=firewall seq=" + i + " msg=\"AUT22673: Logout from 10.0.0.1\"");
                }
                rsyslog.send(lines);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.journal().durableOffset() < events && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(server.journal().durableOffset()).as(rsyslog.output()).isEqualTo(events);
            }
            List<JournalRecord> records = server.journal().read(0, 10_000);
            Set<Integer> seqs = new TreeSet<>();
            for (JournalRecord r : records) {
                assertThat(r.intake()).isEqualTo("vpn");
                String line = new String(r.payload(), StandardCharsets.UTF_8);
                assertThat(line).contains("[SEKOIA@53288 intake_key=");
                seqs.add(Integer.parseInt(line.replaceAll(".*seq=(\\d+).*", "$1")));
            }
            assertThat(records).as("exactly once").hasSize(events);
            assertThat(seqs).hasSize(events);
        }
    }

    /** Opens a RELP session, sends the events, and returns the responses. */
    private static List<String> session(int port, List<String> events) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            java.io.InputStream in = s.getInputStream();
            frame(out, 1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog");
            assertThat(response(in)).contains("200 OK");
            for (int i = 0; i < events.size(); i++) {
                frame(out, i + 2, "syslog", events.get(i));
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                answers.add(response(in));
            }
            frame(out, events.size() + 2, "close", "");
            assertThat(response(in)).contains("200 OK");
            return answers;
        }
    }

    @Test
    void resendsAfterARestart_areAcknowledged_butNotStoredTwice() throws Exception {
        Intake vpn = new IntakeRegistry(data).add(new Intake("vpn", IntakeRegistry.generateKey(), "auto", "UTC", 0));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add("<134>1 2026-11-23T10:00:0" + (i % 10) + "Z vpn PulseSecure - - [SEKOIA@53288 intake_key=\"" + vpn.key()
                    + "\"] event " + (i % 10));
        }
        // Events 10 and 11 repeat events 0 and 1: a line legitimately sent twice is stored twice.
        try (Server server = start()) {
            assertThat(session(server.relpPort(), events)).allMatch(a -> a.endsWith("200 OK"));
        }
        try (Server again = start()) {
            // The sender did not get the acknowledgements of events 6 to 11 and resends them, then goes on.
            List<String> resent = new ArrayList<>(events.subList(6, 12));
            resent.add("<134>1 2026-11-23T10:00:10Z vpn PulseSecure - - [SEKOIA@53288 intake_key=\"" + vpn.key() + "\"] event 10");
            assertThat(session(again.relpPort(), resent)).allMatch(a -> a.endsWith("200 OK"));
            assertThat(again.ingest().deduplicated()).isEqualTo(6);
            assertThat(again.metrics().scrape())
                    .contains("gatewatch_resends_deduplicated_total{intake=\"vpn\",listener=\"relp\"} 6.0");
            List<String> stored = again.journal().read(0, 100).stream()
                    .map(r -> new String(r.payload(), StandardCharsets.UTF_8).replaceAll(".*\\] ", "")).toList();
            assertThat(stored).containsExactly("event 0", "event 1", "event 2", "event 3", "event 4", "event 5", "event 6",
                    "event 7", "event 8", "event 9", "event 0", "event 1", "event 10");
        }
    }
}

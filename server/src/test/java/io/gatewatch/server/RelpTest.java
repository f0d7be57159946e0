package io.gatewatch.server;

import static io.gatewatch.server.RelpFrames.frame;
import static io.gatewatch.server.RelpFrames.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.intake.Intake;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.JournalRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        Path work = Files.createDirectories(data.resolve("rsyslog"));
        int inputPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            inputPort = probe.getLocalPort();
        }
        int events = 500;
        try (Server server = start()) {
            // The Sekoia.io forwarder's template, sent over RELP instead of TLS.
            String conf = String.join("\n",
                    "global(workDirectory=\"" + work + "\")",
                    "module(load=\"imtcp\")",
                    "module(load=\"omrelp\")",
                    "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + inputPort + "\" ruleset=\"forward\")",
                    "template(name=\"sekoia\" type=\"string\" string=\"<%pri%>1 %timestamp:::date-rfc3339% %hostname% "
                            + "%app-name% %procid% LOG [SEKOIA@53288 intake_key=\\\"" + vpn.key() + "\\\"] %msg%\\n\")",
                    "ruleset(name=\"forward\") {",
                    "  action(type=\"omrelp\" target=\"127.0.0.1\" port=\"" + server.relpPort() + "\" template=\"sekoia\")",
                    "}", "");
            Path confFile = work.resolve("rsyslog.conf");
            Files.writeString(confFile, conf);
            String rsyslogd = Files.isExecutable(Path.of("/usr/sbin/rsyslogd")) ? "/usr/sbin/rsyslogd" : "rsyslogd";
            Process rsyslog = new ProcessBuilder(rsyslogd, "-n", "-f", confFile.toString(), "-i",
                    work.resolve("rsyslogd.pid").toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("rsyslogd.log").toFile()).start();
            try {
                // Wait (bounded) for rsyslog's input to listen, then send numbered events through it.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                Socket in = null;
                while (in == null && System.nanoTime() < deadline) {
                    try {
                        in = new Socket("127.0.0.1", inputPort);
                    } catch (java.net.ConnectException notYet) {
                        Thread.sleep(100);
                    }
                }
                assertThat(in).as("rsyslog listening; its log: %s", work.resolve("rsyslogd.log")).isNotNull();
                try (Socket s = in; OutputStream out = s.getOutputStream()) {
                    for (int i = 0; i < events; i++) {
                        out.write(("<134>Oct 19 09:10:35 vpn PulseSecure: id=firewall seq=" + i
                                + " msg=\"AUT22673: Logout from 10.0.0.1\"\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                while (server.journal().durableOffset() < events && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30)) {
                    Thread.sleep(50);
                }
            } finally {
                rsyslog.destroy();
                rsyslog.waitFor(20, TimeUnit.SECONDS);
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
}

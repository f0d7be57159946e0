package io.gatewatch.cli;

import static io.gatewatch.server.RelpFrames.frame;
import static io.gatewatch.server.RelpFrames.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a running {@code ./gatewatch serve} with SIGKILL in the middle of a RELP stream: every event it
 * acknowledged must be in the journal afterwards, exactly once, and the journal must open again.
 */
class CrashTest {
    private static final int EVENTS = 20_000;
    private static final int KILL_AFTER_ACKS = 2_000;

    @TempDir
    Path data;

    @Test
    void sigkill_losesAndDuplicatesNothingAcknowledged() throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServeProcess server = ServeProcess.startWith(data, "--http-port", "-1", "--syslog-tcp-port", "-1",
                "--syslog-udp-port", "-1", "--relp-port", "0")) {
            try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(server.port("relp")))) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                frame(out, 1, "open", "relp_version=0\nrelp_software=crash-test\ncommands=syslog");
                out.flush();
                assertThat(response(in)).contains("200 OK");

                CountDownLatch enoughAcks = new CountDownLatch(1);
                Thread reader = Thread.ofVirtual().start(() -> readAcks(in, acknowledged, enoughAcks));
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < EVENTS; i++) {
                            // Transaction i + 2 carries event i: txnr 1 was the open.
                            frame(out, i + 2, "syslog", "<134>Nov 23 10:00:00 vpn PulseSecure: crash-test-" + i);
                        }
                        out.flush();
                    } catch (IOException expected) {
                        // The server died under us: that is the point.
                    }
                });
                assertThat(enoughAcks.await(2, TimeUnit.MINUTES)).as("acknowledgements before the kill").isTrue();
                server.kill();
                reader.join();
                writer.join();
            }
        }
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKS);

        LauncherTest.Run journal = LauncherTest.gatewatch(null, "journal", "--data", data.toString(), "--raw",
                "--limit", String.valueOf(EVENTS * 2));
        assertThat(journal.exit()).as(journal.stderr()).isZero();
        Map<Integer, Integer> copies = new HashMap<>();
        List<JsonNode> records = journal.events();
        for (JsonNode record : records) {
            String line = record.get("line").asText();
            int at = line.indexOf("crash-test-");
            assertThat(at).as(line).isPositive();
            copies.merge(Integer.parseInt(line.substring(at + "crash-test-".length())), 1, Integer::sum);
        }
        assertThat(copies.values()).as("no event stored twice").allMatch(n -> n == 1);
        assertThat(copies.keySet()).as("every acknowledged event is stored").containsAll(acknowledged);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).get("offset").asLong()).isEqualTo(i);
        }
    }

    /** Records each event acknowledged with 200 OK until the connection ends. */
    private static void readAcks(InputStream in, Set<Integer> acknowledged, CountDownLatch enough) {
        try {
            String rsp;
            while ((rsp = response(in)) != null) {
                if (rsp.contains(" rsp ") && rsp.contains("200 OK")) {
                    acknowledged.add(Integer.parseInt(rsp.substring(0, rsp.indexOf(' '))) - 2);
                    if (acknowledged.size() >= KILL_AFTER_ACKS) {
                        enough.countDown();
                    }
                }
            }
        } catch (IOException | RuntimeException endOfStream) {
            // Connection reset by the kill.
        }
    }
}

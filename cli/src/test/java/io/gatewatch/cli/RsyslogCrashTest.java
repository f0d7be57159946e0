package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewatch.server.PrometheusText;
import io.gatewatch.server.Rsyslog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test with the real sender: rsyslog forwards numbered lines over RELP (omrelp, an
 * in-memory action queue, retrying for ever) to a real {@code ./gatewatch serve}, which is killed
 * with SIGKILL in the middle of the stream and restarted on the same port and data directory.
 * rsyslog reconnects and resends what it had no acknowledgement for; in the end every line is in
 * the journal exactly once: nothing lost, and the resends of events already stored not stored
 * again.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RsyslogCrashTest {
    private static final int EVENTS = 30_000;
    private static final int KILL_AT = EVENTS / 4;
    private static final String END = "end-of-stream";
    /** omrelp as a forwarder that must not lose: its own queue, retried every second for ever. */
    private static final String ACTION = "queue.type=\"LinkedList\" queue.size=\"200000\" action.resumeRetryCount=\"-1\""
            + " action.resumeInterval=\"1\"";

    @TempDir
    Path data;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private String metrics(ServeProcess server) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("http") + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String line(int seq) {
        return "<134>Oct 19 09:10:35 vpn PulseSecure: id=firewall seq=" + seq + " msg=\"AUT22673: Logout from 10.0.0.1\"";
    }

    /** The journal as {@code gatewatch journal --raw} prints it: sequence number to copies; the end line as -1. */
    private Map<Integer, Integer> journal(long from) throws Exception {
        LauncherTest.Run run = LauncherTest.gatewatch(null, "journal", "--data", data.toString(), "--raw", "--from",
                Long.toString(from), "--limit", Integer.toString(EVENTS * 2));
        assertThat(run.exit()).as(run.stderr()).isZero();
        Map<Integer, Integer> copies = new HashMap<>();
        for (JsonNode record : run.events()) {
            String text = record.get("line").asText();
            int seq = text.contains(END) ? -1 : Integer.parseInt(text.replaceAll(".*seq=(\\d+) .*", "$1"));
            copies.merge(seq, 1, Integer::sum);
        }
        return copies;
    }

    @Test
    void rsyslogResendsAfterASigkill_andEveryLineIsStoredExactlyOnce() throws Exception {
        String[] listeners = {"--syslog-tcp-port", "-1", "--syslog-udp-port", "-1", "--http-port", "0"};
        ServeProcess first = ServeProcess.startWith(data, concat(listeners, "--relp-port", "0"));
        String relpPort = first.port("relp");
        double ackableBeforeKill;
        ServeProcess second = null;
        try (Rsyslog rsyslog = Rsyslog.start(work, Integer.parseInt(relpPort), first.defaultKey(), ACTION)) {
            try {
                List<String> lines = new ArrayList<>(EVENTS);
                for (int i = 0; i < EVENTS; i++) {
                    lines.add(line(i));
                }
                rsyslog.send(lines);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                String page;
                do {
                    Thread.sleep(10);
                    page = metrics(first);
                } while (PrometheusText.value(page, "gatewatch_journal_durable_offset") < KILL_AT && System.nanoTime() < deadline);
                // Durable, and so acknowledged or about to be, at the last look before the kill.
                ackableBeforeKill = PrometheusText.value(page, "gatewatch_journal_durable_offset");
                assertThat(ackableBeforeKill).as("rsyslog delivering; its output: %s", rsyslog.output()).isGreaterThanOrEqualTo(KILL_AT);
                first.kill();
            } finally {
                first.close();
            }
            Map<Integer, Integer> atKill = journal(0);
            int storedBeforeKill = atKill.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(storedBeforeKill).as("killed in the middle of the stream").isLessThan(EVENTS);

            second = ServeProcess.startWith(data, concat(listeners, "--relp-port", relpPort));
            // rsyslog's single action queue delivers in order: once the end line is in, all before it is too.
            rsyslog.send(List.of("<134>Oct 19 09:10:36 vpn PulseSecure: " + END));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                long durable = (long) PrometheusText.value(metrics(second), "gatewatch_journal_durable_offset");
                if (durable > EVENTS && journal(EVENTS).containsKey(-1)) {
                    break;
                }
                Thread.sleep(200);
            }
            String page = metrics(second);
            double deduplicated = PrometheusText.value(page,
                    "gatewatch_resends_deduplicated_total{intake=\"default\",listener=\"relp\"}");

            Map<Integer, Integer> copies = journal(0);
            int stored = copies.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("rsyslog crash test: sent %d, durable (acknowledgeable) at the last look before SIGKILL %.0f,"
                    + " in the journal after the kill %d, stored in the end %d (with the end line), resends deduplicated"
                    + " after the restart %.0f%n", EVENTS, ackableBeforeKill, storedBeforeKill, stored, deduplicated);
            assertThat(copies.get(-1)).as("the end line arrived; rsyslog: %s", rsyslog.output()).isEqualTo(1);
            for (int i = 0; i < EVENTS; i++) {
                assertThat(copies.getOrDefault(i, 0)).as("copies of seq=%d", i).isEqualTo(1);
            }
            assertThat(stored).isEqualTo(EVENTS + 1);
            assertThat(second.stop().exit()).isZero();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

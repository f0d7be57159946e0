package io.gatewatch.cli;

import static io.gatewatch.cli.LauncherTest.gatewatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gatewatch loadgen} against a real {@code ./gatewatch serve}, over each protocol: the
 * journal then holds each sequence number sent exactly once, and nothing else. No timing is
 * asserted: the figures are the benchmark's business.
 */
class LoadgenTest {
    private static final int EVENTS = 20_000;
    private static final Pattern SEQ = Pattern.compile("loadgen_seq(?:=|\":\")(\\d{12})");

    @TempDir
    Path data;

    /** One run per protocol (and TCP framing), each with an intake of its own, so the journal tells them apart. */
    private record Case(String intake, String listener, String... options) {}

    private static final List<Case> CASES = List.of(
            new Case("tcp-octet", "syslog_tcp", "--protocol", "tcp", "--framing", "octet", "--connections", "2"),
            new Case("tcp-lf", "syslog_tcp", "--protocol", "tcp", "--framing", "lf"),
            new Case("relp", "relp", "--protocol", "relp", "--window", "64", "--connections", "2"),
            new Case("http", "http", "--protocol", "http", "--batch", "500", "--connections", "2"));

    @Test
    void everyProtocol_storesEachSentNumberExactlyOnce() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Case c : CASES) {
            LauncherTest.Run add = gatewatch(null, "intake", "add", c.intake(), "--data", data.toString());
            assertThat(add.exit()).as(add.stderr()).isZero();
            keys.put(c.intake(), add.events().get(0).get("key").asText());
        }
        try (ServeProcess server = ServeProcess.start(data)) {
            for (Case c : CASES) {
                List<String> args = new ArrayList<>(List.of("loadgen", "--port", server.port(c.listener()),
                        "--key", keys.get(c.intake()), "--count", String.valueOf(EVENTS)));
                args.addAll(List.of(c.options()));
                LauncherTest.Run run = gatewatch(null, args.toArray(String[]::new));
                assertThat(run.exit()).as(c.intake() + ": " + run.stdout() + run.stderr()).isZero();
                JsonNode summary = lastLine(run);
                assertThat(summary.get("event").asText()).isEqualTo("summary");
                assertThat(summary.get("sent").asLong()).isEqualTo(EVENTS);
                assertThat(summary.get("errors").asLong()).isZero();
                if (!c.listener().equals("syslog_tcp")) {
                    assertThat(summary.get("acked").asLong()).as(c.intake()).isEqualTo(EVENTS);
                    assertThat(summary.at("/latency_ms/p99").isNumber()).isTrue();
                }
            }
            LauncherTest.Run stopped = server.stop();
            assertThat(stopped.exit()).as(stopped.stderr()).isZero();
            assertThat(stopped.stderr()).contains("\"journal_end\":" + EVENTS * CASES.size());
        }

        // Read back independently of loadgen's own check: the raw lines, by intake.
        LauncherTest.Run journal = gatewatch(null, "journal", "--data", data.toString(), "--raw",
                "--limit", String.valueOf(EVENTS * CASES.size() + 1));
        assertThat(journal.exit()).as(journal.stderr()).isZero();
        Map<String, List<Long>> numbers = new HashMap<>();
        for (JsonNode record : journal.events()) {
            Matcher m = SEQ.matcher(record.get("line").asText());
            assertThat(m.find()).as(record.get("line").asText()).isTrue();
            numbers.computeIfAbsent(record.get("intake").asText(), k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
        }
        Long[] expected = LongStream.range(0, EVENTS).boxed().toArray(Long[]::new);
        for (Case c : CASES) {
            assertThat(numbers.get(c.intake())).as(c.intake()).containsExactlyInAnyOrder(expected);

            LauncherTest.Run verify = gatewatch(null, "loadgen", "--verify-data", data.toString(),
                    "--key", keys.get(c.intake()), "--count", String.valueOf(EVENTS));
            assertThat(verify.exit()).as(verify.stdout() + verify.stderr()).isZero();
            JsonNode result = lastLine(verify);
            assertThat(result.get("result").asText()).isEqualTo("ok");
            assertThat(result.get("distinct").asLong()).isEqualTo(EVENTS);
            assertThat(result.get("other_intakes").asLong()).isEqualTo(EVENTS * (CASES.size() - 1));
        }
        // Without a key, the four runs' numbers overlap: each appears four times.
        LauncherTest.Run all = gatewatch(null, "loadgen", "--verify-data", data.toString());
        assertThat(all.exit()).isEqualTo(1);
        assertThat(lastLine(all).get("duplicates").asLong()).isEqualTo(EVENTS * (CASES.size() - 1));
    }

    @Test
    void refusedEvents_andUnreachableServers_areErrors_exit1() throws Exception {
        String tcpPort;
        try (ServeProcess server = ServeProcess.start(data)) {
            tcpPort = server.port("syslog_tcp");
            LauncherTest.Run relp = gatewatch(null, "loadgen", "--protocol", "relp", "--port", server.port("relp"),
                    "--key", "NoSuchKeyNoSuchKeyNoSuchKey", "--count", "300");
            assertThat(relp.exit()).isEqualTo(1);
            JsonNode relpSummary = lastLine(relp);
            assertThat(relpSummary.get("acked").asLong()).isZero();
            assertThat(relpSummary.get("errors").asLong()).isEqualTo(300);
            assertThat(relpSummary.get("error").asText()).contains("500 unknown intake key");

            LauncherTest.Run http = gatewatch(null, "loadgen", "--protocol", "http", "--port", server.port("http"),
                    "--key", "NoSuchKeyNoSuchKeyNoSuchKey", "--count", "300");
            assertThat(http.exit()).isEqualTo(1);
            assertThat(lastLine(http).get("error").asText()).contains("401");

            // The default intake takes syslog without structured data.
            LauncherTest.Run noKey = gatewatch(null, "loadgen", "--port", server.port("syslog_tcp"), "--count", "50");
            assertThat(noKey.exit()).as(noKey.stdout()).isZero();
            server.stop();
        }
        LauncherTest.Run verify = gatewatch(null, "loadgen", "--verify-data", data.toString(), "--count", "60");
        assertThat(verify.exit()).isEqualTo(1);
        JsonNode result = lastLine(verify);
        assertThat(result.get("distinct").asLong()).isEqualTo(50);
        assertThat(result.get("missing").asLong()).isEqualTo(10);
        assertThat(result.get("first_missing").asLong()).isEqualTo(50);

        // Nothing listens on the port of the stopped server.
        LauncherTest.Run refused = gatewatch(null, "loadgen", "--port", tcpPort, "--count", "10");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(lastLine(refused).get("error").asText()).startsWith("tcp ");
    }

    @Test
    void help_andBadOptions() throws Exception {
        LauncherTest.Run help = gatewatch(null, "loadgen", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("--protocol").contains("--verify-data").contains("/plain/batch");
        LauncherTest.Run both = gatewatch(null, "loadgen", "--count", "10", "--duration", "5s");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.stderr()).contains("--count and --duration");
        LauncherTest.Run noKey = gatewatch(null, "loadgen", "--protocol", "http", "--count", "10");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.stderr()).contains("--key is required over HTTP");
        LauncherTest.Run badTime = gatewatch(null, "loadgen", "--duration", "soon");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.stderr()).contains("not a duration");
    }

    private static JsonNode lastLine(LauncherTest.Run run) throws Exception {
        List<JsonNode> lines = run.events();
        assertThat(lines).as(run.stderr()).isNotEmpty();
        return lines.get(lines.size() - 1);
    }
}

package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./gatewatch} launcher, as a user does. */
class LauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path SAMPLE = ROOT.resolve("samples/pulse-sample.log");

    record Run(int exit, String stdout, String stderr) {
        List<JsonNode> events() throws IOException {
            List<JsonNode> out = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.isEmpty()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        }

        JsonNode summary() throws IOException {
            String[] lines = stderr.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    static Run gatewatch(byte[] stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("gatewatch").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        copy(p.getInputStream(), out);
        errReader.join();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long nonBlankLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
    }

    @Test
    void parse_writesOneEventPerLine_inOrder_andASummary() throws Exception {
        Run run = gatewatch(null, "parse", SAMPLE.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<JsonNode> events = run.events();
        assertThat(events).hasSize((int) nonBlankLines(SAMPLE));
        assertThat(events.get(0).at("/event/code").asText()).isEqualTo("AUT24804");
        assertThat(events.get(0).at("/source/ip").asText()).isEqualTo("176.134.164.62");
        JsonNode summary = run.summary();
        assertThat(summary.get("lines").asLong()).isEqualTo(events.size());
        assertThat(summary.get("parsed").asLong() + summary.get("unparsed").asLong()).isEqualTo(events.size());
        assertThat(summary.at("/formats/welf").asLong()).isPositive();
        assertThat(summary.at("/formats/standard").asLong()).isPositive();
        assertThat(summary.at("/formats/json").asLong()).isPositive();
    }

    @Test
    void parse_readsStandardInput_andGzipFiles(@TempDir Path tmp) throws Exception {
        byte[] sample = Files.readAllBytes(SAMPLE);
        Run fromStdin = gatewatch(sample, "parse", "--no-summary");
        assertThat(fromStdin.exit()).isZero();
        assertThat(fromStdin.stderr()).doesNotContain("\"summary\"");

        Path gz = tmp.resolve("sample.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(sample);
        }
        Run fromGzip = gatewatch(null, "parse", "--no-summary", gz.toString());
        assertThat(fromGzip.exit()).isZero();
        assertThat(fromGzip.stdout()).isEqualTo(fromStdin.stdout());
    }

    @Test
    void parse_withSeveralThreads_keepsInputOrder(@TempDir Path tmp) throws Exception {
        // Enough lines for several batches, so that the threads really interleave.
        List<String> sample = Files.readAllLines(SAMPLE);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            many.add(sample.get(i % sample.size()));
        }
        Path big = tmp.resolve("big.log");
        Files.write(big, many);
        Run one = gatewatch(null, "parse", "--no-summary", "--threads", "1", big.toString());
        Run four = gatewatch(null, "parse", "--no-summary", "--threads", "4", big.toString());
        assertThat(one.exit()).isZero();
        assertThat(four.exit()).isZero();
        assertThat(four.stdout()).isEqualTo(one.stdout());
        assertThat(one.events()).hasSize(6000);

        Run zero = gatewatch(null, "parse", "--threads", "0", big.toString());
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.stderr()).contains("--threads must be between 1 and 256");
    }

    @Test
    void parse_pretty_isTheSameJsonIndented() throws Exception {
        byte[] line = Files.readAllLines(SAMPLE).get(0).getBytes(StandardCharsets.UTF_8);
        Run compact = gatewatch(line, "parse", "--no-summary");
        Run pretty = gatewatch(line, "parse", "--no-summary", "--pretty");
        assertThat(pretty.stdout()).contains("\n  \"event\": {");
        assertThat(JSON.readTree(pretty.stdout())).isEqualTo(JSON.readTree(compact.stdout()));
    }

    @Test
    void parse_timezone_shiftsZoneLessTimes() throws Exception {
        byte[] line = Files.readAllLines(SAMPLE).get(0).getBytes(StandardCharsets.UTF_8);
        Run paris = gatewatch(line, "parse", "--no-summary", "--timezone", "Europe/Paris");
        assertThat(paris.events().get(0).get("@timestamp").asText()).isEqualTo("2021-01-28T12:46:08Z");
    }

    @Test
    void parse_missingFile_exits1WithAClearMessage_afterTheOtherFiles() throws Exception {
        Run run = gatewatch(null, "parse", "/nonexistent/file.log", SAMPLE.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("gatewatch parse: cannot read /nonexistent/file.log: no such file");
        assertThat(run.events()).hasSize((int) nonBlankLines(SAMPLE));
    }

    @Test
    void badOptions_exit2WithUsage() throws Exception {
        Run unknown = gatewatch(null, "parse", "--no-such-option");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unknown option: '--no-such-option'");

        Run badZone = gatewatch(null, "parse", "--timezone", "Mars/Olympus");
        assertThat(badZone.exit()).isEqualTo(2);
        assertThat(badZone.stderr()).contains("unknown time zone 'Mars/Olympus'");

        Run noCommand = gatewatch(null);
        assertThat(noCommand.exit()).isEqualTo(2);
        assertThat(noCommand.stderr()).contains("missing command");
    }

    @Test
    void intakes_areAddedListedAndRemoved_inTheDataDirectory(@TempDir Path data) throws Exception {
        Run add = gatewatch(null, "intake", "add", "vpn-prod", "--data", data.toString());
        assertThat(add.exit()).as(add.stderr()).isZero();
        JsonNode added = add.events().get(0);
        assertThat(added.get("name").asText()).isEqualTo("vpn-prod");
        assertThat(added.get("key").asText()).matches("[A-Za-z0-9]{40}");

        Run own = gatewatch(null, "intake", "add", "lab", "--key", "ABCDEFGHIJKLMNOPQRST", "--format", "welf",
                "--timezone", "Europe/Paris", "--data", data.toString());
        assertThat(own.exit()).isZero();

        Run list = gatewatch(null, "intake", "list", "--data", data.toString());
        assertThat(list.events()).extracting(n -> n.get("name").asText()).containsExactly("lab", "vpn-prod");
        assertThat(list.events().get(0).get("timezone").asText()).isEqualTo("Europe/Paris");

        Run twice = gatewatch(null, "intake", "add", "lab", "--data", data.toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.stderr()).contains("an intake named 'lab' already exists");

        Run remove = gatewatch(null, "intake", "remove", "lab", "--data", data.toString());
        assertThat(remove.exit()).isZero();
        Run again = gatewatch(null, "intake", "remove", "lab", "--data", data.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.stderr()).contains("no intake named 'lab'");

        Files.writeString(data.resolve("intakes.json"), "{\"broken");
        Run damaged = gatewatch(null, "intake", "list", "--data", data.toString());
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.stderr()).startsWith("gatewatch intake list: ").contains("intakes.json").doesNotContain("\tat ");
    }

    @Test
    void serve_receivesSyslog_writesTheJournal_andStopsCleanlyOnSigterm(@TempDir Path data) throws Exception {
        Process server = new ProcessBuilder(ROOT.resolve("gatewatch").toString(), "serve", "--data", data.toString(),
                "--host", "127.0.0.1", "--syslog-tcp-port", "0", "--syslog-udp-port", "0", "--relp-port", "0", "--http-port", "0")
                .directory(ROOT.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        java.io.BufferedReader err = new java.io.BufferedReader(
                new java.io.InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        JsonNode started = null;
        StringBuffer tail = new StringBuffer();
        Thread restReader = null;
        try {
            for (String line; (line = err.readLine()) != null; ) {
                if (line.startsWith("{\"event\":\"started\"")) {
                    started = JSON.readTree(line);
                    break;
                }
            }
            assertThat(started).as("start-up line").isNotNull();
            java.io.BufferedReader rest = err;
            restReader = Thread.ofVirtual().start(() -> rest.lines().forEach(l -> tail.append(l).append('\n')));
            assertThat(started.get("data").asText()).isEqualTo(data.toAbsolutePath().normalize().toString());
            String tcpPort = started.get("syslog_tcp").asText().replaceAll(".*:", "");
            String udpPort = started.get("syslog_udp").asText().replaceAll(".*:", "");
            String line = "id=firewall time=\"2021-01-28 13:46:08\" user=bob src=10.0.0.1 msg=\"AUT22673: Logout from 10.0.0.1\"";
            for (String[] args : List.of(
                    new String[] {"--tcp", "--port", tcpPort, "--octet-count", "--rfc5424"},
                    new String[] {"--udp", "--port", udpPort, "--rfc3164"})) {
                List<String> cmd = new ArrayList<>(List.of("logger", "--server", "127.0.0.1", "-t", "PulseSecure"));
                cmd.addAll(List.of(args));
                cmd.add(line);
                assertThat(new ProcessBuilder(cmd).start().waitFor()).isZero();
            }
            // Delivery is asynchronous: poll the journal (bounded) until both events are in.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            Run journal;
            do {
                Thread.sleep(100);
                journal = gatewatch(null, "journal", "--data", data.toString());
            } while (journal.events().size() < 2 && System.nanoTime() < deadline);
            assertThat(journal.events()).hasSize(2);
            for (JsonNode record : journal.events()) {
                assertThat(record.get("intake").asText()).isEqualTo("default");
                assertThat(record.at("/event/event/code").asText()).isEqualTo("AUT22673");
                assertThat(record.at("/event/source/ip").asText()).isEqualTo("10.0.0.1");
            }
        } finally {
            // SIGTERM, as a service manager sends it (Process.destroy would also close our end of stderr).
            new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start().waitFor();
        }
        assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        if (restReader != null) {
            restReader.join(10_000);
        }
        String rest = tail.toString();
        assertThat(server.exitValue()).as(rest).isZero();
        assertThat(rest).contains("\"event\":\"stopped\"").contains("\"received\":2").contains("\"journal_end\":2");
    }

    @Test
    void serve_refusesListenersItCannotBind_withExitCode2(@TempDir Path data) throws Exception {
        String[] ports = {"--host", "127.0.0.1", "--syslog-tcp-port", "0", "--syslog-udp-port", "0", "--relp-port", "0",
                "--http-port", "0"};
        List<String> malformed = new ArrayList<>(List.of("serve", "--data", data.toString(), "--listen", "tcp:1515"));
        malformed.addAll(List.of(ports));
        Run bad = gatewatch(null, malformed.toArray(String[]::new));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("gatewatch serve: ").contains("PROTOCOL:PORT:INTAKE");
        List<String> unknown = new ArrayList<>(List.of("serve", "--data", data.toString(), "--listen", "udp:0:nowhere"));
        unknown.addAll(List.of(ports));
        Run missing = gatewatch(null, unknown.toArray(String[]::new));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no intake named 'nowhere'").contains("gatewatch intake add nowhere")
                .doesNotContain("\tat ");
    }

    @Test
    void helpAndVersion_work() throws Exception {
        Run help = gatewatch(null, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("Usage: gatewatch").contains("parse");
        Run parseHelp = gatewatch(null, "parse", "--help");
        assertThat(parseHelp.exit()).isZero();
        assertThat(parseHelp.stdout()).contains("--timezone").contains("--pretty");
        Run version = gatewatch(null, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.stdout()).startsWith("gatewatch ");
    }
}

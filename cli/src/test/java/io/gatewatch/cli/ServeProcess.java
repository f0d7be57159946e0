package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code ./gatewatch serve} on free ports of 127.0.0.1, as a test starts it: its start-up
 * line read, the rest of its standard error kept, stopped with SIGTERM as a service manager does.
 */
final class ServeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private final Process process;
    private final JsonNode started;
    private final StringBuffer rest = new StringBuffer();
    private final Thread restReader;

    private ServeProcess(Process process, JsonNode started, BufferedReader err) {
        this.process = process;
        this.started = started;
        this.restReader = Thread.ofVirtual().start(() -> err.lines().forEach(l -> rest.append(l).append('\n')));
    }

    /** Starts the server on {@code data} with every listener but UDP on a free port, plus {@code args}. */
    static ServeProcess start(Path data, String... args) throws IOException {
        List<String> listeners = new ArrayList<>(List.of("--syslog-tcp-port", "0", "--syslog-udp-port", "-1", "--relp-port", "0",
                "--http-port", "0"));
        listeners.addAll(List.of(args));
        return startWith(data, listeners.toArray(String[]::new));
    }

    /**
     * Starts the server on {@code data} and 127.0.0.1 with exactly {@code args} for its listeners
     * (those not given keep their default ports): to choose which listen, or to restart a server
     * on the ports it had.
     */
    static ServeProcess startWith(Path data, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("gatewatch").toString(), "serve", "--data", data.toString(),
                "--host", "127.0.0.1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line = err.readLine();
        while (line != null && !line.startsWith("{\"event\":\"started\"")) {
            line = err.readLine(); // the launcher may say it is building first
        }
        if (line == null) {
            p.destroyForcibly();
        }
        assertThat(line).as("the start-up line of serve").isNotNull();
        return new ServeProcess(p, JSON.readTree(line), err);
    }

    /** The port of a listener named as in the start-up line: syslog_tcp, relp, http. */
    String port(String listener) {
        String address = started.get(listener).asText();
        return address.substring(address.lastIndexOf(':') + 1);
    }

    /** A value of the start-up line, e.g. api_token_file; null when absent. */
    String startedValue(String name) {
        JsonNode v = started.get(name);
        return v == null ? null : v.asText();
    }

    String defaultKey() {
        return started.get("default_intake_key").asText();
    }

    /** Stops it with SIGTERM; returns its exit code and what it printed after the start-up line. */
    LauncherTest.Run stop() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        restReader.join(10_000);
        return new LauncherTest.Run(process.exitValue(), "", rest.toString());
    }

    /** Kills it with SIGKILL, as a crash would (no shutdown, no flush), and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve dies on SIGKILL").isTrue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

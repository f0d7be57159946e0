package io.gatewatch.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code rsyslogd} (Debian's rsyslog and rsyslog-relp) as the sender, configured like
 * Sekoia.io's forwarder: lines it receives on a TCP input (LF-framed) go out over {@code omrelp}
 * in the RFC 5424 template that carries the intake key. It runs in the foreground with its own
 * configuration, pid file and work directory; the input picks a free port and rsyslog writes it
 * to a file, so that tests never depend on fixed ports. Shared with the CLI's tests.
 */
public final class Rsyslog implements AutoCloseable {
    private static final long START_SECONDS = 30;

    private final Process process;
    private final Path work;
    private final int inputPort;

    private Rsyslog(Process process, Path work, int inputPort) {
        this.process = process;
        this.work = work;
        this.inputPort = inputPort;
    }

    /**
     * Starts rsyslogd and waits (bounded) until its input listens.
     *
     * @param work a directory of its own: configuration, pid file, queue files, its output
     * @param relpPort where gatewatch listens for RELP
     * @param intakeKey the key the template puts in {@code [SEKOIA@53288 intake_key="…"]}
     * @param actionSettings more omrelp action parameters, such as its queue and retries
     *     ({@code queue.type="LinkedList" action.resumeRetryCount="-1"}); empty for none
     */
    public static Rsyslog start(Path work, int relpPort, String intakeKey, String actionSettings)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path portFile = work.resolve("input.port");
        Files.deleteIfExists(portFile);
        String conf = String.join("\n",
                "global(workDirectory=\"" + work + "\")",
                "module(load=\"imtcp\")",
                "module(load=\"omrelp\")",
                "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"0\" listenPortFileName=\"" + portFile
                        + "\" ruleset=\"forward\")",
                // The Sekoia.io forwarder's template, sent over RELP instead of TLS.
                "template(name=\"sekoia\" type=\"string\" string=\"<%pri%>1 %timestamp:::date-rfc3339% %hostname% "
                        + "%app-name% %procid% LOG [SEKOIA@53288 intake_key=\\\"" + intakeKey + "\\\"] %msg%\\n\")",
                "ruleset(name=\"forward\") {",
                "  action(type=\"omrelp\" target=\"127.0.0.1\" port=\"" + relpPort + "\" template=\"sekoia\" "
                        + actionSettings + ")",
                "}", "");
        Path confFile = work.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        String rsyslogd = Files.isExecutable(Path.of("/usr/sbin/rsyslogd")) ? "/usr/sbin/rsyslogd" : "rsyslogd";
        Process p = new ProcessBuilder(rsyslogd, "-n", "-f", confFile.toString(), "-i", work.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("rsyslogd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline && p.isAlive()) {
            String port = Files.exists(portFile) ? Files.readString(portFile).strip() : "";
            if (!port.isEmpty()) {
                return new Rsyslog(p, work, Integer.parseInt(port));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("rsyslogd did not start listening within " + START_SECONDS + " s; its output: "
                + Files.readString(work.resolve("rsyslogd.log")));
    }

    /** Sends lines to rsyslog's input, one TCP connection, LF after each. */
    public void send(Iterable<String> lines) throws IOException {
        try (Socket s = new Socket("127.0.0.1", inputPort);
                OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** What rsyslogd wrote on its standard output and error, for failure messages. */
    public String output() {
        try {
            return Files.readString(work.resolve("rsyslogd.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops rsyslogd (SIGTERM, as a service manager does), bounded. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

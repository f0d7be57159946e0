package io.gatewatch.server;

import static io.gatewatch.server.RelpFrames.frame;
import static io.gatewatch.server.RelpFrames.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.journal.JournalRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal falls behind (a writer held back, as by a stalled disk): TCP connections stop being
 * read, so their senders stall, while the event loops go on serving everything else; HTTP is told
 * to retry; once the journal catches up, everything sent is stored, once.
 */
class BackpressureTest {
    private static final int QUEUE = 64;
    /**
     * More than the kernel's socket buffers can hold (tens of MB at most here), so that the
     * sender cannot finish while the server does not read.
     */
    private static final int EVENTS = 260_000;
    private static final String PADDING = "x".repeat(200);

    @TempDir
    Path data;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void whileTheJournalIsBehind_tcpStallsWithoutBlockingTheEventLoops_httpGets503_andNothingIsLost() throws Exception {
        HeldJournal[] held = new HeldJournal[1];
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, -1, 0, 0, null, 4096, QUEUE);
        HttpClient http = HttpClient.newHttpClient();
        try (Server server = Server.start(config, j -> held[0] = new HeldJournal(j, true))) {
            URI plain = URI.create("http://127.0.0.1:" + server.httpPort() + "/plain");
            HttpRequest post = HttpRequest.newBuilder(plain).header("X-SEKOIAIO-INTAKE-KEY", server.defaultIntake().key())
                    .POST(HttpRequest.BodyPublishers.ofString("over http")).build();
            AtomicReference<Throwable> senderFailure = new AtomicReference<>();
            Thread sender;
            try {
                sender = Thread.ofPlatform().start(() -> {
                    try (Socket s = new Socket("127.0.0.1", server.syslogTcpPort());
                            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
                        for (int i = 0; i < EVENTS; i++) {
                            out.write(("<13>Oct 19 09:10:35 vpn PulseSecure: seq=" + i + " " + PADDING + "\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                    } catch (IOException | RuntimeException e) {
                        senderFailure.set(e);
                    }
                });
                await(() -> server.ingest().backpressure().pausedConnections() == 1, "the TCP connection paused");

                // Every event loop still serves: RELP sessions, spread over all of them, are answered.
                for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 2; i++) {
                    try (Socket relp = new Socket("127.0.0.1", server.relpPort())) {
                        relp.setSoTimeout(10_000);
                        frame(relp.getOutputStream(), 1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog");
                        assertThat(response(relp.getInputStream())).as("RELP session %d answered", i).contains("200 OK");
                    }
                }
                HttpResponse<String> overloaded = http.send(post, HttpResponse.BodyHandlers.ofString());
                assertThat(overloaded.statusCode()).isEqualTo(503);
                assertThat(overloaded.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(overloaded.body()).startsWith("{\"error\":").contains("behind");

                assertThat(sender.isAlive()).as("the sender is held up by TCP flow control").isTrue();
                assertThat(server.ingest().received()).as("what was read is bounded").isLessThan(EVENTS);
                assertThat(server.ingest().backpressure().queued())
                        .as("the queue exceeds its capacity by at most one read").isLessThan(QUEUE + 2_000);
            } finally {
                held[0].release();
            }
            sender.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(senderFailure.get()).isNull();
            assertThat(sender.isAlive()).isFalse();
            await(() -> server.journal().durableOffset() == EVENTS, "every event stored");
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).as("caught up").isEqualTo(200);
            assertThat(server.metrics().scrape()).contains("gatewatch_backpressure_pauses_total{listener=\"syslog-tcp\"}");

            BitSet seen = new BitSet(EVENTS);
            for (long next = 0; next < EVENTS; ) {
                List<JournalRecord> batch = server.journal().read(next, (int) Math.min(10_000, EVENTS - next));
                for (JournalRecord r : batch) {
                    String line = new String(r.payload(), StandardCharsets.US_ASCII);
                    int seq = Integer.parseInt(line.substring(line.indexOf("seq=") + 4, line.indexOf(' ', line.indexOf("seq="))));
                    assertThat(seen.get(seq)).as("seq %d stored once", seq).isFalse();
                    seen.set(seq);
                }
                next += batch.size();
            }
            assertThat(seen.cardinality()).isEqualTo(EVENTS);
        }
    }
}

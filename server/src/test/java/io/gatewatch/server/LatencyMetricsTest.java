package io.gatewatch.server;

import static io.gatewatch.server.RelpFrames.frame;
import static io.gatewatch.server.RelpFrames.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latency histograms on /metrics, after one event through each listener. */
class LatencyMetricsTest {
    private static final String LINE = "<13>Oct 19 09:10:35 vpn PulseSecure: id=firewall msg=\"AUT22673: Logout from 10.0.0.1\"";

    @TempDir
    Path data;

    @Test
    void eachListener_theJournalAndHttp_haveHistogramBuckets() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (Server server = Server.start(new ServerConfig(data, "127.0.0.1", 0, 0, 0, 0, null, 4096, 1024))) {
            try (Socket tcp = new Socket("127.0.0.1", server.syslogTcpPort()); OutputStream out = tcp.getOutputStream()) {
                out.write((LINE + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] b = LINE.getBytes(StandardCharsets.US_ASCII);
                udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), server.syslogUdpPort()));
            }
            try (Socket relp = new Socket("127.0.0.1", server.relpPort())) {
                relp.setSoTimeout(30_000);
                frame(relp.getOutputStream(), 1, "open", "relp_version=0\nrelp_software=test\ncommands=syslog");
                assertThat(response(relp.getInputStream())).contains("200 OK");
                frame(relp.getOutputStream(), 2, "syslog", LINE);
                assertThat(response(relp.getInputStream())).endsWith("200 OK");
            }
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/plain"))
                    .header("X-SEKOIAIO-INTAKE-KEY", server.defaultIntake().key())
                    .POST(HttpRequest.BodyPublishers.ofString(LINE)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.journal().durableOffset() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.journal().durableOffset()).isEqualTo(4);

            String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String listener : new String[] {"syslog-tcp", "syslog-udp", "relp", "http"}) {
                assertThat(PrometheusText.has(page, "gatewatch_event_durable_seconds_bucket", "listener=\"" + listener + "\"", "le=\"+Inf\""))
                        .as("reception-to-durable histogram of %s", listener).isTrue();
                assertThat(PrometheusText.value(page, "gatewatch_event_durable_seconds_count{listener=\"" + listener + "\"}"))
                        .isEqualTo(1.0);
            }
            assertThat(PrometheusText.has(page, "gatewatch_journal_sync_seconds_bucket", "le=\"+Inf\"")).isTrue();
            assertThat(PrometheusText.value(page, "gatewatch_journal_sync_seconds_count")).isPositive();
            assertThat(PrometheusText.has(page, "gatewatch_http_request_seconds_bucket", "route=\"/plain\"", "status=\"200\""))
                    .isTrue();
        }
    }
}

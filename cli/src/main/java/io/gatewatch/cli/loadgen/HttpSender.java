package io.gatewatch.cli.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP intake API as a Sekoia.io client uses it: {@code POST /plain/batch}, one event per line,
 * the key in {@code X-SEKOIAIO-INTAKE-KEY}. A 200 acknowledges the batch's events (those answered
 * {@code null} were refused); a 503 asks to send again after {@code Retry-After}, which this does;
 * any other answer fails the batch and ends the connection, since it would fail every batch alike.
 * The latency is that of a batch, from its first sending to its answer.
 */
final class HttpSender implements Sender {
    /** Sends of one batch after 503s, at most, before it counts as failed. */
    private static final int MAX_RETRIES = 60;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(CONNECT_TIMEOUT_MILLIS);

    private final URI uri;
    private final String key;
    private final EventPool pool;
    private final SequenceNumbers numbers;
    private final Pacer pacer;
    private final Counters counters;
    private final int batch;
    private final LatencyHistogram latencies = new LatencyHistogram();

    HttpSender(URI uri, String key, EventPool pool, SequenceNumbers numbers, Pacer pacer, Counters counters, int batch) {
        this.uri = uri;
        this.key = key;
        this.pool = pool;
        this.numbers = numbers;
        this.pacer = pacer;
        this.counters = counters;
        this.batch = batch;
    }

    @Override
    public void run() {
        // One client per connection: its pool then holds one keep-alive connection, as --connections says.
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build()) {
            byte[] body = new byte[batch * pool.maxLength()];
            for (SequenceNumbers.Block b; (b = numbers.claim(batch)) != null; ) {
                LockSupport.parkNanos(pacer.delayFor(b.size()));
                int length = 0;
                for (long seq = b.first(), end = b.first() + b.size(); seq < end; seq++) {
                    length += pool.copy(seq, body, length);
                }
                if (!post(client, body, length, b.size())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one batch until it is answered for good; false when the connection should stop. */
    private boolean post(HttpClient client, byte[] body, int length, int events) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("X-SEKOIAIO-INTAKE-KEY", key)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length))
                .build();
        long start = System.nanoTime();
        counters.sent.add(events);
        counters.bytes.add(length);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                counters.fail("http " + uri + ": " + e, events);
                return false;
            }
            int status = response.statusCode();
            if (status == 200) {
                latencies.recordNanos(System.nanoTime() - start);
                int refused = count(response.body(), "null");
                counters.acked.add(events - refused);
                if (refused > 0) {
                    counters.fail("http " + uri + ": events refused: " + response.body(), refused);
                }
                return true;
            }
            if (status == 503 && attempt < MAX_RETRIES) {
                counters.retries.increment();
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Duration.ofSeconds(Math.clamp(seconds, 1, 60)));
                continue;
            }
            counters.fail("http " + uri + ": " + status + " " + response.body().strip(), events);
            return false;
        }
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) {
            n++;
        }
        return n;
    }

    @Override
    public LatencyHistogram latencies() {
        return latencies;
    }
}

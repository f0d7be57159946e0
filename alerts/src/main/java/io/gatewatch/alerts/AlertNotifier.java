package io.gatewatch.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends each new alert through a {@link Delivery} (a webhook, a CEF forward). A send that fails is
 * retried with a doubling wait; when every attempt failed, the alert goes to a dead-letter file,
 * one JSON line each, so nothing is dropped silently.
 *
 * <p>One sender thread per notifier, so a slow receiver never holds detection up; the queue is
 * bounded and an alert that finds it full goes to the dead letters at once. Notifications still
 * waiting at a crash are lost (the alerts themselves are not): delivery is at most once.
 */
final class AlertNotifier implements Closeable {
    private static final Logger LOG = Logger.getLogger(AlertNotifier.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    /** Where alerts go. */
    interface Delivery extends Closeable {
        /** Where {@code alert} goes, for logs and dead letters; null when this delivery does not take it. */
        String target(StoredAlert alert);

        /** Sends it once; throws when the receiver did not take it. */
        void send(StoredAlert alert) throws IOException, InterruptedException;

        @Override
        default void close() {}
    }

    private final Delivery delivery;
    private final int attempts;
    private final long backoffMillis;
    private final Path deadLetters;
    private final BlockingQueue<StoredAlert> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread sender;
    private volatile boolean closing;

    AlertNotifier(String name, Delivery delivery, int attempts, long backoffMillis, Path deadLetters) {
        this.delivery = delivery;
        this.attempts = attempts;
        this.backoffMillis = backoffMillis;
        this.deadLetters = deadLetters;
        this.sender = Thread.ofPlatform().name("gatewatch-" + name).daemon(true).start(this::run);
    }

    /** Queues a new alert, when the delivery takes it. */
    void created(StoredAlert alert) {
        String target = delivery.target(alert);
        if (target != null && !queue.offer(alert)) {
            deadLetter(alert, target, 0, "the notification queue is full");
        }
    }

    private void run() {
        try {
            while (!closing || !queue.isEmpty()) {
                StoredAlert a = queue.poll(100, TimeUnit.MILLISECONDS);
                if (a != null) {
                    deliver(a);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(StoredAlert alert) throws InterruptedException {
        String lastError = null;
        long backoff = backoffMillis;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                delivery.send(alert);
                return;
            } catch (IOException | RuntimeException e) {
                lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (attempt < attempts) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        deadLetter(alert, delivery.target(alert), attempts, lastError);
    }

    private synchronized void deadLetter(StoredAlert alert, String target, int tried, String error) {
        LOG.warning(target + " did not take alert " + alert.shortId() + " after " + tried + " attempts: " + error);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("target", target);
                g.writeNumberField("attempts", tried);
                g.writeStringField("error", error);
                g.writeFieldName("alert");
                AlertJsonWriter.summary(g, alert);
                g.writeEndObject();
            }
            out.write('\n');
            Files.createDirectories(deadLetters.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(deadLetters, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(out.toByteArray()));
                ch.force(false);
            }
        } catch (IOException e) {
            LOG.severe("cannot write the dead letter of alert " + alert.shortId() + " to " + deadLetters + ": " + e);
        }
    }

    /** Sends what is queued (waiting up to 10 seconds), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        delivery.close();
    }
}

package io.gatewatch.detect.cti;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Polls one TAXII 2.1 collection into one source, every {@code interval}. The {@code added_after}
 * cursor is kept beside the source ({@code DATA/cti/<source>.taxii-cursor}), so a restart asks only
 * for what was added since.
 */
public final class TaxiiPoller implements Closeable {
    private static final Logger LOG = Logger.getLogger(TaxiiPoller.class.getName());

    /** A feed: which collection of which API root goes to which source, and how often. */
    public record Feed(String source, URI apiRoot, String collection, Duration interval) {
        public Feed {
            Objects.requireNonNull(apiRoot, "apiRoot");
            Objects.requireNonNull(collection, "collection");
            if (!SourceFile.validName(source)) {
                throw new IllegalArgumentException("invalid source name '" + source + "'");
            }
            if (interval.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("interval " + interval + " is under 10 seconds: feeds rate-limit");
            }
        }
    }

    private final Feed feed;
    private final TaxiiClient client;
    private final ThreatIntel intel;
    private final Path cursorFile;
    private ScheduledExecutorService timer;

    public TaxiiPoller(Feed feed, TaxiiClient client, ThreatIntel intel, Path dataDir) {
        this.feed = feed;
        this.client = client;
        this.intel = intel;
        this.cursorFile = dataDir.resolve(SourceFile.DIR).resolve(feed.source() + ".taxii-cursor");
    }

    /** One pull: every page added since the saved cursor; saves the new cursor. */
    public synchronized List<ImportSummary> pollOnce() throws IOException, InterruptedException {
        String after = null;
        try {
            after = Files.readString(cursorFile, StandardCharsets.UTF_8).strip();
            if (CtiTime.parseOrMin(after) == Long.MIN_VALUE) {
                after = null; // a damaged cursor: pull everything again, imports are idempotent
            }
        } catch (NoSuchFileException e) {
            // First pull: everything.
        }
        List<ImportSummary> summaries = new ArrayList<>();
        String next = client.pull(feed.apiRoot(), feed.collection(), after, intel, feed.source(), summaries);
        if (next != null && !next.equals(after)) {
            Files.createDirectories(cursorFile.getParent());
            Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
            Files.writeString(tmp, next + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cursorFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return summaries;
    }

    /** Polls now and then every interval, on a daemon thread; failures are logged and retried next time. */
    public synchronized void start() {
        if (timer != null) {
            throw new IllegalStateException("poller of " + feed.source() + " already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gatewatch-taxii-" + feed.source()).daemon(true).factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.warning("TAXII poll of " + feed.source() + " failed, retried in " + feed.interval() + ": " + e.getMessage());
            }
        }, 0, feed.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

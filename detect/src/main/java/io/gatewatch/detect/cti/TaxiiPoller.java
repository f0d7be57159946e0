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
    /** Feeds rate-limit: polling more often than this gains nothing and risks being locked out. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(TaxiiPoller.class.getName());

    /**
     * A feed: which collection of which API root goes to which source, and how often. The API
     * root is given, or found at each poll through a discovery URL (its default root, else the
     * first it lists), so that a server moving its root is followed.
     *
     * @param apiRoot the API root, or null when {@code discovery} is given
     * @param discovery the server's discovery URL, or null when {@code apiRoot} is given
     */
    public record Feed(String source, URI apiRoot, URI discovery, String collection, Duration interval) {
        public Feed {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(interval, "interval");
            if ((apiRoot == null) == (discovery == null)) {
                throw new IllegalArgumentException("a feed has an API root or a discovery URL, one of the two");
            }
            if (!SourceFile.validName(source)) {
                throw new IllegalArgumentException("invalid source name '" + source
                        + "': use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'");
            }
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("interval " + interval + " is under " + MIN_INTERVAL + ": feeds rate-limit");
            }
        }

        /** A feed of a known API root. */
        public Feed(String source, URI apiRoot, String collection, Duration interval) {
            this(source, apiRoot, null, collection, interval);
        }
    }

    /** Told the outcome of each scheduled poll (the server counts them). */
    public interface Listener {
        void polled(List<ImportSummary> summaries);

        void failed(Exception e);
    }

    private final Feed feed;
    private final TaxiiClient client;
    private final ThreatIntel intel;
    private final Path cursorFile;
    /** Guards {@link #timer} only: {@link #close()} must not wait for a poll that holds this object's lock. */
    private final Object lifecycle = new Object();
    private ScheduledExecutorService timer;

    public TaxiiPoller(Feed feed, TaxiiClient client, ThreatIntel intel, Path dataDir) {
        this.feed = feed;
        this.client = client;
        this.intel = intel;
        this.cursorFile = dataDir.resolve(SourceFile.DIR).resolve(feed.source() + ".taxii-cursor");
    }

    public Feed feed() {
        return feed;
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
        String next = client.pull(apiRoot(), feed.collection(), after, intel, feed.source(), summaries);
        if (next != null && !next.equals(after)) {
            Files.createDirectories(cursorFile.getParent());
            Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
            Files.writeString(tmp, next + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, cursorFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return summaries;
    }

    private URI apiRoot() throws IOException, InterruptedException {
        if (feed.apiRoot() != null) {
            return feed.apiRoot();
        }
        List<URI> roots = client.apiRoots(feed.discovery());
        if (roots.isEmpty()) {
            throw new IOException(feed.discovery().getPath() + ": the discovery lists no API root");
        }
        return roots.get(0);
    }

    /**
     * Polls now and then every interval, on a daemon thread. A failure is logged on one line with
     * its reason and retried at the next interval; what changed is logged on one line too.
     */
    public void start(Listener listener) {
        synchronized (lifecycle) {
            if (timer != null) {
                throw new IllegalStateException("poller of " + feed.source() + " already started");
            }
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("gatewatch-taxii-" + feed.source()).daemon(true).factory());
            timer.scheduleWithFixedDelay(() -> scheduledPoll(listener), 0, feed.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledPoll(Listener listener) {
        List<ImportSummary> summaries;
        try {
            summaries = pollOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
            return;
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // a request cut short by the stop, not a failure of the feed
            }
            LOG.warning("TAXII feed " + feed.source() + ": poll failed, retried in " + feed.interval() + ": " + reason(e));
            listener.failed(e);
            return;
        }
        long added = 0;
        long updated = 0;
        long revoked = 0;
        for (ImportSummary s : summaries) {
            added += s.added();
            updated += s.updated();
            revoked += s.revoked();
        }
        if (added + updated + revoked > 0) {
            LOG.info("TAXII feed " + feed.source() + ": " + added + " indicators added, " + updated + " updated, "
                    + revoked + " revoked, in " + summaries.size() + " pages");
        }
        listener.polled(summaries);
    }

    /**
     * The reason of a failure on one line. The client's own messages carry a URL's path and a
     * status, never a credential; some exceptions of the HTTP stack have no message of their own,
     * only a cause (a refused connection), so causes are followed to the first message.
     */
    static String reason(Exception e) {
        StringBuilder b = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            String m = t.getMessage();
            b.append(b.isEmpty() ? "" : ": ").append(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
            if (m != null && !m.isBlank()) {
                break;
            }
        }
        return b.toString().replaceAll("\\s+", " ").strip();
    }

    /** Stops polling: a request under way is interrupted, and waited for a few seconds at most. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (lifecycle) {
            t = timer;
        }
        if (t == null) {
            return;
        }
        t.shutdownNow();
        try {
            if (!t.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("TAXII feed " + feed.source() + ": the poll under way did not stop in 5 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

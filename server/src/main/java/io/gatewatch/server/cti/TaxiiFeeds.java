package io.gatewatch.server.cti;

import io.gatewatch.detect.cti.ImportSummary;
import io.gatewatch.detect.cti.TaxiiClient;
import io.gatewatch.detect.cti.TaxiiPoller;
import io.gatewatch.detect.cti.ThreatIntel;
import io.gatewatch.server.metrics.ServerMetrics;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The TAXII feeds of {@code serve}, polled for as long as it runs: one {@link TaxiiPoller} per
 * feed, each on its own thread and interval, importing into the server's own {@link ThreatIntel}.
 * An import swaps the new index in at once, and the retro-hunt, which reads the same object, hunts
 * the new indicators at its next check; the source file and the cursor are written as by
 * {@code cti pull}, so the command and the server can take over from one another.
 */
public final class TaxiiFeeds implements Closeable {
    private static final Logger LOG = Logger.getLogger(TaxiiFeeds.class.getName());

    private final List<TaxiiPoller> pollers;

    private TaxiiFeeds(List<TaxiiPoller> pollers) {
        this.pollers = pollers;
    }

    /** Starts polling every feed: the first poll of each runs at once. */
    public static TaxiiFeeds start(List<TaxiiFeed> feeds, ThreatIntel intel, Path dataDir, ServerMetrics metrics) {
        List<TaxiiPoller> pollers = new ArrayList<>();
        for (TaxiiFeed f : feeds) {
            TaxiiPoller p = new TaxiiPoller(f.feed(), new TaxiiClient(f.auth(), TaxiiClient.DEFAULT_TIMEOUT), intel, dataDir);
            String source = f.feed().source();
            p.start(new TaxiiPoller.Listener() {
                @Override
                public void polled(List<ImportSummary> summaries) {
                    metrics.taxiiPoll(source, true);
                }

                @Override
                public void failed(Exception e) {
                    metrics.taxiiPoll(source, false);
                }
            });
            pollers.add(p);
            LOG.info("TAXII feed " + source + ": collection " + f.feed().collection() + " polled every " + f.feed().interval());
        }
        return new TaxiiFeeds(List.copyOf(pollers));
    }

    /** Stops every poller, interrupting the polls under way. */
    @Override
    public void close() {
        for (TaxiiPoller p : pollers) {
            p.close();
        }
    }
}

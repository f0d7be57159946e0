package io.gatewatch.server.cti;

import io.gatewatch.detect.cti.TaxiiClient;
import io.gatewatch.detect.cti.TaxiiPoller;
import java.util.Objects;

/**
 * A TAXII collection that {@code serve} polls: the feed, and its credentials already read from
 * the environment (so a missing secret stops the start, not a poll hours later).
 */
public record TaxiiFeed(TaxiiPoller.Feed feed, TaxiiClient.Auth auth) {
    public TaxiiFeed {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(auth, "auth");
    }
}

package io.gatewatch.server.cti;

import io.gatewatch.detect.cti.TaxiiCredentials;
import io.gatewatch.detect.cti.TaxiiPoller;
import io.gatewatch.server.ConfigFile;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Threat intelligence in {@code serve}: the TAXII 2.1 collections it polls into sources, each on
 * its own interval. Sources imported by hand ({@code cti import}, {@code cti pull}) need nothing
 * here: the server reloads them.
 *
 * @param feeds one per source; no two feed the same source (they would share its cursor)
 */
public record CtiSettings(List<TaxiiFeed> feeds) {
    public CtiSettings {
        feeds = List.copyOf(feeds);
        Set<String> sources = new HashSet<>();
        for (TaxiiFeed f : feeds) {
            if (!sources.add(f.feed().source())) {
                throw new IllegalArgumentException("two feeds for source " + f.feed().source());
            }
        }
    }

    public static CtiSettings defaults() {
        return new CtiSettings(List.of());
    }

    /**
     * The {@code cti.feeds} of a configuration file, secrets read from {@code env} now.
     *
     * @throws IOException naming the file and the key at fault, e.g. {@code 'cti.feeds[0].interval'}
     */
    public static CtiSettings read(ConfigFile file, UnaryOperator<String> env) throws IOException {
        List<TaxiiFeed> feeds = new ArrayList<>();
        Map<String, String> keyOfSource = new HashMap<>();
        for (int i = 0; i < file.size("cti.feeds"); i++) {
            String key = "cti.feeds[" + i + "]";
            String source = file.requiredText(key + ".source");
            String earlier = keyOfSource.putIfAbsent(source, key);
            if (earlier != null) {
                throw file.problem(key + ".source", "is already the source of " + earlier + ": each feed keeps its own cursor");
            }
            URI apiRoot = file.url(key + ".api_root");
            URI discovery = file.url(key + ".discovery");
            if ((apiRoot == null) == (discovery == null)) {
                throw file.problem(key, "needs api_root or discovery, one of the two");
            }
            String collection = file.requiredText(key + ".collection");
            Duration interval = file.duration(key + ".interval", TaxiiPoller.DEFAULT_INTERVAL);
            if (interval.compareTo(TaxiiPoller.MIN_INTERVAL) < 0) {
                throw file.problem(key + ".interval", "must be at least " + TaxiiPoller.MIN_INTERVAL + ", not " + interval
                        + ": feeds rate-limit");
            }
            TaxiiCredentials credentials;
            try {
                credentials = new TaxiiCredentials(file.text(key + ".user"), file.text(key + ".password_env"),
                        file.text(key + ".token_env"));
            } catch (IllegalArgumentException e) {
                throw file.problem(key, ": " + e.getMessage());
            }
            TaxiiPoller.Feed feed;
            try {
                feed = new TaxiiPoller.Feed(source, apiRoot, discovery, collection, interval);
            } catch (IllegalArgumentException e) {
                // The other arguments were checked above: what is left to refuse is the name.
                throw file.problem(key + ".source", ": " + e.getMessage());
            }
            try {
                feeds.add(new TaxiiFeed(feed, credentials.resolve(env)));
            } catch (IllegalArgumentException e) {
                // resolve reads the token's variable when there is one, else the password's.
                throw file.problem(key + (credentials.tokenEnv() != null ? ".token_env" : ".password_env"), ": " + e.getMessage());
            }
        }
        return new CtiSettings(feeds);
    }
}

package io.gatewatch.detect.cti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The threat-intelligence sources of a data directory: each source's indicators, kept apart and
 * persisted under {@code DATA/cti/}, one index over all of them, and the matcher that reads it.
 * Imports merge by STIX id: a newer {@code modified} replaces an older one, a revocation turns the
 * indicator into a tombstone, an older copy changes nothing.
 *
 * <p>Imports are serialized by this object; matching runs concurrently on the index of the moment.
 */
public final class ThreatIntel {
    static final int MAX_SOURCES = 256;
    static final long MAX_PER_SOURCE = 5_000_000;
    private static final Logger LOG = Logger.getLogger(ThreatIntel.class.getName());

    private final Path dataDir;
    private final Map<String, Map<String, Indicator>> sources = new TreeMap<>();
    private final CtiMatcher matcher;
    /** Names, sizes and times of the source files last loaded: {@link #refresh()} compares them. */
    private String fingerprint;

    private ThreatIntel(Path dataDir, LongSupplier clock) {
        this.dataDir = dataDir;
        this.matcher = new CtiMatcher(CtiIndex.EMPTY, clock);
    }

    /** Loads every source of {@code DATA/cti/}; a source file that cannot be read is logged and left out. */
    public static ThreatIntel open(Path dataDir, LongSupplier clock) throws IOException {
        ThreatIntel t = new ThreatIntel(dataDir, clock);
        t.load();
        return t;
    }

    public CtiMatcher matcher() {
        return matcher;
    }

    /** Reloads the sources when their files changed (an import by another process). */
    public synchronized boolean refresh() throws IOException {
        if (fingerprint().equals(fingerprint)) {
            return false;
        }
        load();
        return true;
    }

    private synchronized void load() throws IOException {
        sources.clear();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            String source = name.substring(0, name.length() - SourceFile.SUFFIX.length());
            try {
                Map<String, Indicator> byId = new LinkedHashMap<>();
                for (Indicator i : SourceFile.read(file, source).indicators()) {
                    byId.put(i.id(), i);
                }
                sources.put(source, byId);
            } catch (IOException | RuntimeException e) {
                LOG.warning("threat intelligence source " + source + " not loaded: " + e.getMessage());
            }
        }
        fingerprint = fingerprint();
        rebuild();
    }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(dataDir.resolve(SourceFile.DIR), "*" + SourceFile.SUFFIX)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (SourceFile.validName(name.substring(0, name.length() - SourceFile.SUFFIX.length())) && out.size() < MAX_SOURCES) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            // No source imported yet.
        }
        out.sort(null);
        return out;
    }

    private String fingerprint() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : files()) {
            b.append(p.getFileName()).append(':').append(Files.size(p)).append(':')
                    .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
        return b.toString();
    }

    private void rebuild() {
        List<Indicator> all = new ArrayList<>();
        for (Map<String, Indicator> s : sources.values()) {
            all.addAll(s.values());
        }
        matcher.swap(CtiIndex.build(all));
    }

    /**
     * Imports a bundle into {@code source}, persists the source and swaps the new index in.
     *
     * @throws IllegalArgumentException for an invalid source name
     * @throws IOException when the bundle is not JSON or not a bundle, or the source cannot be written
     */
    public synchronized ImportSummary importBundle(String source, InputStream bundle) throws IOException {
        if (!SourceFile.validName(source)) {
            throw new IllegalArgumentException("invalid source name '" + source
                    + "': use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'");
        }
        if (!sources.containsKey(source) && sources.size() >= MAX_SOURCES) {
            throw new IllegalArgumentException("too many sources (" + MAX_SOURCES + "): reuse one with --source");
        }
        BundleReader.Contents contents = BundleReader.read(bundle, source);
        Map<String, Indicator> byId = sources.computeIfAbsent(source, k -> new LinkedHashMap<>());
        long added = 0;
        long updated = 0;
        long revoked = 0;
        long unchanged = 0;
        Map<String, Integer> unsupported = new TreeMap<>();
        Map<String, Integer> rejected = new TreeMap<>(contents.rejected());
        for (Indicator i : contents.indicators()) {
            Indicator old = byId.get(i.id());
            boolean newer = old == null || i.modified() > old.modified()
                    || i.modified() == old.modified() && i.revoked() && !old.revoked();
            if (!newer) {
                unchanged++;
                continue;
            }
            if (old == null && byId.size() >= MAX_PER_SOURCE) {
                rejected.merge("source holds " + MAX_PER_SOURCE + " indicators", 1, Integer::sum);
                continue;
            }
            if (i.revoked()) {
                if (old == null || !old.revoked()) {
                    revoked++;
                } else {
                    unchanged++;
                }
            } else if (old == null) {
                added++;
            } else {
                updated++;
            }
            if (!i.revoked() && i.unsupported() != null) {
                String reason = unsupported.size() < BundleReader.MAX_REASONS || unsupported.containsKey(i.unsupported())
                        ? i.unsupported() : "other";
                unsupported.merge(reason, 1, Integer::sum);
            }
            byId.put(i.id(), i);
        }
        SourceFile.write(SourceFile.path(dataDir, source), byId.values());
        fingerprint = fingerprint();
        rebuild();
        long total = byId.values().stream().filter(i -> !i.revoked()).count();
        return new ImportSummary(source, added, updated, revoked, unchanged, unsupported, rejected, contents.skipped(), total);
    }

    /**
     * The indicators matched per event (not revoked, with atoms), of every source: what a
     * retro-hunt searches the stored events for.
     */
    public synchronized List<Indicator> matchable() {
        List<Indicator> out = new ArrayList<>();
        for (Map<String, Indicator> s : sources.values()) {
            for (Indicator i : s.values()) {
                if (!i.revoked() && !i.atoms().isEmpty()) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** One line per source for {@code cti list}. */
    public record SourceInfo(String name, long indicators, long matchable, long revoked, long unsupported) {}

    public synchronized List<SourceInfo> sources() {
        List<SourceInfo> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Indicator>> e : sources.entrySet()) {
            long live = 0;
            long matchable = 0;
            long revoked = 0;
            for (Indicator i : e.getValue().values()) {
                if (i.revoked()) {
                    revoked++;
                } else {
                    live++;
                    matchable += i.atoms().isEmpty() ? 0 : 1;
                }
            }
            out.add(new SourceInfo(e.getKey(), live, matchable, revoked, live - matchable));
        }
        return out;
    }
}

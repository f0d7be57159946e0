package io.gatewatch.detect.cti;

import java.util.List;
import java.util.Objects;

/**
 * A STIX 2.1 indicator as gatewatch keeps it.
 *
 * @param id the STIX id ({@code indicator--uuid})
 * @param source the feed or file it came from; each source is kept apart
 * @param name its name, or null
 * @param pattern the STIX pattern text
 * @param atoms the observables it is matched on; empty when the pattern is parsed but not matched
 * @param unsupported why the pattern is not matched, or null when it is
 * @param validFrom epoch ms, {@link Long#MIN_VALUE} when absent
 * @param validUntil epoch ms (exclusive), {@link Long#MAX_VALUE} when absent
 * @param confidence 0–100, or -1 when the producer gave none
 * @param revoked revoked by its producer: kept as a tombstone so an older copy cannot come back
 * @param modified epoch ms of this version ({@code modified}, else {@code created}); newer replaces older
 * @param labels its {@code labels} and {@code indicator_types}
 */
public record Indicator(String id, String source, String name, String pattern, List<Atom> atoms, String unsupported,
        long validFrom, long validUntil, int confidence, boolean revoked, long modified, List<String> labels) {
    public Indicator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pattern, "pattern");
        atoms = List.copyOf(atoms);
        labels = List.copyOf(labels);
    }

    /** Whether it applies at {@code millis}: not revoked, within [valid_from, valid_until). */
    public boolean validAt(long millis) {
        return !revoked && millis >= validFrom && millis < validUntil;
    }

    /**
     * IPs marked as command-and-control are matched against {@code destination.ip} only: a C2
     * address as the source of a connection to the VPN is a scanner, not a beacon.
     */
    public boolean destinationOnly() {
        for (String l : labels) {
            if (l.equals("command-and-control") || l.equalsIgnoreCase("c2")) {
                return true;
            }
        }
        return false;
    }

    /** The observable type named in {@code threat.enrichments}: the first atom's, or {@code unknown}. */
    public String observableType() {
        return atoms.isEmpty() ? "unknown" : atoms.get(0).kind().stixType();
    }
}

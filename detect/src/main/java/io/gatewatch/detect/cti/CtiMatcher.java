package io.gatewatch.detect.cti;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Matches events against the current {@link CtiIndex}. The fields follow the observable-to-ECS
 * mapping of the hosted SIEM gatewatch replaces, cut down to what Connect Secure events carry:
 *
 * <ul>
 *   <li>{@code ipv4-addr}/{@code ipv6-addr}: {@code source.ip}, {@code destination.ip},
 *       {@code host.ip}. Not {@code related.ip}: here it is the union of those, so every hit would
 *       be reported twice; not {@code observer.ip}, the appliance itself. Command-and-control
 *       indicators match {@code destination.ip} only;
 *   <li>{@code domain-name}: {@code destination.domain}, {@code url.domain}, with parent domains;
 *   <li>{@code url}: {@code url.original};
 *   <li>{@code user-account:user_id}: {@code user.name}; {@code email-addr}: {@code user.name} when it
 *       is an address (Connect Secure realms often log in with one);
 *   <li>{@code file:hashes.*}: indexed, but these events have no {@code file.hash.*} field.
 * </ul>
 *
 * <p>Validity is checked at the event's {@code @timestamp} (the clock when it has none), so a
 * replayed or late event is judged by the indicators valid when it happened. Matching never
 * throws: an internal error is counted and the event passes unenriched.
 */
public final class CtiMatcher {
    /** Hits kept per event: a flood of overlapping CIDRs must not blow up one event. */
    static final int MAX_HITS = 16;

    private final LongSupplier clock;
    private final AtomicLong failures = new AtomicLong();
    private volatile CtiIndex index;

    public CtiMatcher(CtiIndex index, LongSupplier clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Replaces the index; events being matched finish on the old one. */
    public void swap(CtiIndex next) {
        index = Objects.requireNonNull(next, "index");
    }

    public CtiIndex index() {
        return index;
    }

    /** The hits on this event; an empty immutable list (no allocation) when there are none. */
    public List<CtiHit> match(EcsEvent e) {
        CtiIndex ix = index;
        if (ix.size() == 0) {
            return List.of();
        }
        List<CtiHit> hits = null;
        try {
            long at = e.getLong(EcsField.TIMESTAMP, Long.MIN_VALUE);
            if (at == Long.MIN_VALUE) {
                at = clock.getAsLong();
            }
            String v = e.getString(EcsField.SOURCE_IP);
            if (v != null) {
                hits = ix.ip("source.ip", v, false, at, hits);
            }
            v = e.getString(EcsField.DESTINATION_IP);
            if (v != null) {
                hits = ix.ip("destination.ip", v, true, at, hits);
            }
            if (e.has(EcsField.HOST_IP)) {
                for (String ip : e.getList(EcsField.HOST_IP)) {
                    hits = ix.ip("host.ip", ip, false, at, hits);
                }
            }
            v = e.getString(EcsField.DESTINATION_DOMAIN);
            if (v != null) {
                hits = ix.domain("destination.domain", v, at, hits);
            }
            v = e.getString(EcsField.URL_DOMAIN);
            if (v != null) {
                hits = ix.domain("url.domain", v, at, hits);
            }
            v = e.getString(EcsField.URL_ORIGINAL);
            if (v != null) {
                hits = ix.exact(Atom.Kind.URL, "url.original", v, v, at, hits);
            }
            v = e.getString(EcsField.USER_NAME);
            if (v != null) {
                hits = ix.exact(Atom.Kind.USER, "user.name", v, v, at, hits);
                if (v.indexOf('@') > 0) {
                    hits = ix.exact(Atom.Kind.EMAIL, "user.name", v, v.toLowerCase(Locale.ROOT), at, hits);
                }
            }
        } catch (RuntimeException ex) {
            failures.incrementAndGet();
        }
        return hits == null ? List.of() : hits;
    }

    /** Events whose matching failed on an internal error. */
    public long failures() {
        return failures.get();
    }
}

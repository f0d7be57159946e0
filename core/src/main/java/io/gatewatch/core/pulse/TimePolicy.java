package io.gatewatch.core.pulse;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read the appliance's zone-less local times ({@code time="2021-01-28 13:46:08"}).
 *
 * <p>The default, {@link #utc()}, reads them as UTC, as the reference parser does. A named zone
 * reads them in that zone. {@link #auto()} takes the UTC offset of the line's own RFC 5424 (or
 * ISO) syslog header: PCS writes the same wall-clock time in both, so the header's offset is the
 * appliance's; without such a header the time is read as UTC.
 */
public final class TimePolicy {
    private static final TimePolicy UTC = new TimePolicy(ZoneOffset.UTC, false);
    private static final TimePolicy AUTO = new TimePolicy(ZoneOffset.UTC, true);

    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final boolean fromHeader;

    private TimePolicy(ZoneId zone, boolean fromHeader) {
        this.zone = zone;
        this.fixedOffset = zone instanceof ZoneOffset o ? o : null;
        this.fromHeader = fromHeader;
    }

    public static TimePolicy utc() {
        return UTC;
    }

    public static TimePolicy auto() {
        return AUTO;
    }

    public static TimePolicy zone(ZoneId zone) {
        return new TimePolicy(Objects.requireNonNull(zone, "zone"), false);
    }

    /**
     * Parses {@code UTC}, {@code auto}, or any zone id Java knows ({@code Europe/Paris}, {@code +02:00}).
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static TimePolicy parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("utc")) {
            return UTC;
        }
        if (text.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            return zone(ZoneId.of(text));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + text
                    + "': use UTC, auto, a region such as Europe/Paris, or an offset such as +02:00", e);
        }
    }

    boolean fromHeader() {
        return fromHeader;
    }

    /** Seconds to subtract from a local epoch-second value to get UTC. */
    int offsetSeconds(long localEpochSecond, int headerOffset) {
        if (fromHeader) {
            return headerOffset == io.gatewatch.core.syslog.SyslogEnvelope.NO_OFFSET ? 0 : headerOffset;
        }
        if (fixedOffset != null) {
            return fixedOffset.getTotalSeconds();
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
        return zone.getRules().getOffset(local).getTotalSeconds();
    }

    @Override
    public String toString() {
        return fromHeader ? "auto" : zone.getId();
    }
}

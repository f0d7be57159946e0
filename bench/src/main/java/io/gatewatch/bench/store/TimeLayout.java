package io.gatewatch.bench.store;

/**
 * Where the events of a run sit in time: event {@code i} of {@code events} at an even step over
 * {@code spanMillis} ending at {@code endMillis}, received up to two seconds later.
 *
 * <p>The corpus's own clock moves about 1.25 s per line, so ten million lines would span 145 days
 * of 2025; spreading them over a few days that end now gives a day's window the share of events an
 * analyst's "last 24 hours" has on a busy gateway, and gives the store one partition per day.
 */
record TimeLayout(long endMillis, long spanMillis, long events) {
    static final long DAY_MILLIS = 86_400_000L;
    /** Reception lags the event time by up to this much, as a forwarding relay would. */
    static final long MAX_RECEPTION_DELAY_MILLIS = 2_000;

    TimeLayout {
        if (events < 1 || spanMillis < 1) {
            throw new IllegalArgumentException("empty layout");
        }
    }

    /** {@code days} days ending at the last whole minute before {@code nowMillis}. */
    static TimeLayout endingAt(long nowMillis, int days, long events) {
        long end = nowMillis - nowMillis % 60_000;
        return new TimeLayout(end, days * DAY_MILLIS, events);
    }

    long startMillis() {
        return endMillis - spanMillis;
    }

    /** The {@code @timestamp} of event {@code i}: increasing with {@code i}. */
    long timestampOf(long i) {
        return startMillis() + i * spanMillis / events;
    }

    /** When event {@code i} was received; its day is its partition. */
    long receivedAtOf(long i) {
        return timestampOf(i) + (i * 7_919) % MAX_RECEPTION_DELAY_MILLIS;
    }

    /** The last 24 hours of the layout: the analyst's default window. */
    long lastDayFromMillis() {
        return endMillis - DAY_MILLIS;
    }
}

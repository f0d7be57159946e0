package io.gatewatch.server.cti;

/**
 * Retro-hunt in {@code serve}: how far back newly imported indicators are searched, and how often
 * the sources are checked for new ones.
 *
 * @param days the stored events of the last {@code days} days are searched (1 to 3,650)
 * @param intervalMillis delay between two checks of the sources
 */
public record RetroHuntSettings(int days, long intervalMillis) {
    public static final int DEFAULT_DAYS = 7;

    public RetroHuntSettings {
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("retro-hunt days must be between 1 and 3650, not " + days);
        }
        if (intervalMillis < 10) {
            throw new IllegalArgumentException("retro-hunt interval must be at least 10 ms, not " + intervalMillis);
        }
    }

    public static RetroHuntSettings defaults() {
        return new RetroHuntSettings(DEFAULT_DAYS, CtiStage.REFRESH_MILLIS);
    }
}

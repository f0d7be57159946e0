package io.gatewatch.cli.loadgen;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code 90}, {@code 90s}, {@code 1500ms}, {@code 5m} or {@code 1h} (a bare number is seconds). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        int unitAt = 0;
        while (unitAt < v.length() && Character.isDigit(v.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt > 12) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 5m or 1h");
        }
        long n = Long.parseLong(v.substring(0, unitAt));
        return switch (v.substring(unitAt)) {
            case "ms" -> Duration.ofMillis(n);
            case "", "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 5m or 1h");
        };
    }
}

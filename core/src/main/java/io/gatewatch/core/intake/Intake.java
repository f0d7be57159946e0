package io.gatewatch.core.intake;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named stream of events and the key that senders prove it with: every event is tied to the
 * intake whose key it came with.
 *
 * @param name lower-case identifier, 1 to 63 of {@code [a-z0-9_-]}
 * @param key the intake key (16 to 128 of {@code [A-Za-z0-9_-]})
 * @param format which log format to expect; {@code auto} recognises each line
 * @param timezone how to read zone-less appliance times: {@code UTC}, {@code auto} or a zone id
 * @param createdAtMillis when it was registered
 */
public record Intake(String name, String key, String format, String timezone, long createdAtMillis) {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    static final java.util.Set<String> FORMATS = java.util.Set.of("auto", "welf", "standard", "json");

    public Intake {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("intake names are 1 to 63 of [a-z0-9_-], starting with a letter or digit; not '"
                    + name + "'");
        }
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("intake keys are 16 to 128 of [A-Za-z0-9_-]");
        }
        format = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format must be one of auto, welf, standard, json; not '" + format + "'");
        }
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone;
        // Validates the zone, with a message naming it.
        io.gatewatch.core.pulse.TimePolicy.parse(timezone);
    }
}

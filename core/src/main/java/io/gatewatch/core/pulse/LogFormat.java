package io.gatewatch.core.pulse;

import java.util.Locale;

/** The PCS/ICS log formats, as configured under the appliance's syslog "Filter". */
public enum LogFormat {
    WELF,
    STANDARD,
    JSON,
    /** Nothing we recognise: the line is kept as an unparsed event. */
    UNKNOWN;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name written to {@code pulse_secure.format}. */
    public String label() {
        return label;
    }
}

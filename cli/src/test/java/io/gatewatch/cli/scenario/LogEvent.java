package io.gatewatch.cli.scenario;

import java.time.Instant;

/**
 * One thing the appliance logs, before it is written as a line in one of its formats.
 *
 * @param time when, to the second (the WELF and Standard formats carry no fractions, so a finer
 *     time would differ between formats)
 * @param actor who the line is about
 * @param code the message code
 * @param text the message text after {@code "CODE: "}, as the appliance writes it
 */
public record LogEvent(Instant time, Actor actor, String code, String text) {
    public LogEvent {
        if (time.getNano() != 0) {
            throw new IllegalArgumentException("log times are whole seconds: " + time);
        }
    }
}

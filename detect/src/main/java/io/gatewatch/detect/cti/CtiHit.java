package io.gatewatch.detect.cti;

import java.util.Objects;

/**
 * One indicator matched on one field of an event.
 *
 * @param indicator the indicator
 * @param field the ECS field that matched ({@code source.ip})
 * @param value the field's value
 * @param atomic the observable of the indicator it matched ({@code 10.0.0.0/8}, the parent domain)
 */
public record CtiHit(Indicator indicator, String field, String value, String atomic) {
    public CtiHit {
        Objects.requireNonNull(indicator, "indicator");
    }
}

package io.gatewatch.detect.correlation;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.Utf8Text;
import io.gatewatch.detect.event.EventFields;
import java.util.List;

/**
 * Reads the first value at one ECS path, the way {@link EventFields#first} does, with the field
 * looked up once: group-by fields are read on every match, and most are plain fields (user.name,
 * source.ip) whose value is already a String. Paths inside object fields (labels.x) go through
 * {@link EventFields}.
 */
final class FieldReader {
    private final String path;
    private final EcsField field;

    FieldReader(String path) {
        this.path = path;
        this.field = EventFields.field(path);
    }

    /** The first value, or null when the event has none. */
    String first(EcsEvent event) {
        if (field == null) {
            return EventFields.first(event, path);
        }
        Object v = event.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Utf8Text t) {
            return t.toString();
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.getFirst());
        }
        return String.valueOf(v);
    }
}

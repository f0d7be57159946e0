package io.gatewatch.detect.event;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.Utf8Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an event's values by dotted ECS path, the way rules name fields: {@code source.ip},
 * {@code event.category} (a list: every element is a value), {@code labels.foo} and
 * {@code syslog.SD-ID.param} (inside object fields). Numbers and dates read as decimal text.
 */
public final class EventFields {
    private EventFields() {}

    /** The path's field when it is one of ours, else null (then it may lie inside an object field). */
    public static EcsField field(String path) {
        return EcsField.byPath(path);
    }

    /** Every value at {@code path}; empty when the event has none. */
    public static List<String> values(EcsEvent event, String path) {
        EcsField f = EcsField.byPath(path);
        if (f != null) {
            return values(event.get(f));
        }
        for (EcsField objectField : OBJECT_FIELDS) {
            String prefix = objectField.path() + ".";
            if (path.startsWith(prefix) && event.has(objectField)) {
                Object v = event.get(objectField);
                for (String part : path.substring(prefix.length()).split("\\.", -1)) {
                    v = v instanceof Map<?, ?> m ? m.get(part) : null;
                }
                return values(v);
            }
        }
        return List.of();
    }

    /** The first value at {@code path}, or null. */
    public static String first(EcsEvent event, String path) {
        List<String> v = values(event, path);
        return v.isEmpty() ? null : v.getFirst();
    }

    private static final List<EcsField> OBJECT_FIELDS = java.util.Arrays.stream(EcsField.values())
            .filter(f -> f.type() == io.gatewatch.core.ecs.FieldType.OBJECT).toList();

    private static List<String> values(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof Utf8Text t) {
            return List.of(t.toString());
        }
        if (v instanceof Long l) {
            return List.of(Long.toString(l));
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(String.valueOf(v));
    }
}

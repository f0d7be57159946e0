package io.gatewatch.detect.event;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import io.gatewatch.core.ecs.Utf8Text;
import java.util.ArrayList;
import java.util.Arrays;
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
        List<String> out = new ArrayList<>(1);
        addValues(event, resolve(path), out);
        return out;
    }

    /** The first value at {@code path}, or null. */
    public static String first(EcsEvent event, String path) {
        List<String> v = values(event, path);
        return v.isEmpty() ? null : v.getFirst();
    }

    /**
     * A path resolved once, so that reading it from many events costs no map lookup and no
     * string splitting (the detection hot path).
     */
    public static final class Path {
        private final String path;
        /** The field itself, or the object field the path lies inside; null when neither. */
        private final EcsField field;
        /** Keys inside the object field; empty for a plain field. */
        private final String[] keys;

        private Path(String path, EcsField field, String[] keys) {
            this.path = path;
            this.field = field;
            this.keys = keys;
        }

        public String path() {
            return path;
        }

        /** Whether events can have a value here: a known field, or a key inside an object field. */
        public boolean known() {
            return field != null;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** Resolves a dotted path; unknown paths resolve too, and read no values. */
    public static Path resolve(String path) {
        EcsField f = EcsField.byPath(path);
        if (f != null) {
            return new Path(path, f, NO_KEYS);
        }
        for (EcsField objectField : OBJECT_FIELDS) {
            String prefix = objectField.path() + ".";
            if (path.startsWith(prefix) && path.length() > prefix.length()) {
                return new Path(path, objectField, path.substring(prefix.length()).split("\\.", -1));
            }
        }
        return new Path(path, null, NO_KEYS);
    }

    /** Appends every value at {@code path} to {@code into}; appends nothing when the event has none. */
    public static void addValues(EcsEvent event, Path path, List<String> into) {
        EcsField f = path.field;
        if (f == null || !event.has(f)) {
            return;
        }
        Object v = event.get(f);
        for (String key : path.keys) {
            v = v instanceof Map<?, ?> m ? m.get(key) : null;
        }
        add(v, into);
    }

    private static final String[] NO_KEYS = new String[0];

    private static final List<EcsField> OBJECT_FIELDS = Arrays.stream(EcsField.values())
            .filter(f -> f.type() == FieldType.OBJECT).toList();

    private static void add(Object v, List<String> into) {
        if (v == null) {
            return;
        }
        if (v instanceof String s) {
            into.add(s);
        } else if (v instanceof Utf8Text t) {
            into.add(t.toString());
        } else if (v instanceof Long l) {
            into.add(Long.toString(l));
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                into.add(String.valueOf(o));
            }
        } else {
            into.add(String.valueOf(v));
        }
    }
}

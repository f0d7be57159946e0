package io.gatewatch.core.ecs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One normalized event: a slot per {@link EcsField}, filled by the parser, read by the writer,
 * the detection engine and the store.
 *
 * <p>Values by field type: {@code String} for keywords, text and IPs; {@code Long} for longs
 * and dates (epoch milliseconds); {@code List<String>} for lists; maps for {@link FieldType#OBJECT}.
 * Empty strings are never stored: setting one is a no-op, the same rule the reference parser
 * follows ("an empty value yields no field").
 *
 * <p>Not thread-safe; an event belongs to one stage at a time.
 */
public final class EcsEvent {
    static {
        if (EcsField.COUNT > 128) {
            throw new AssertionError("presence bits hold 128 fields, EcsField has " + EcsField.COUNT);
        }
    }

    private final Object[] values = new Object[EcsField.COUNT];
    /** Presence bits, one per field ordinal: lets the writer skip absent subtrees in O(1). */
    private long presentLow;
    private long presentHigh;

    public boolean has(EcsField field) {
        int i = field.ordinal();
        return i < 64 ? (presentLow & (1L << i)) != 0 : (presentHigh & (1L << (i - 64))) != 0;
    }

    /** True when any field of the given presence masks is set. */
    boolean hasAny(long maskLow, long maskHigh) {
        return (presentLow & maskLow) != 0 || (presentHigh & maskHigh) != 0;
    }

    public Object get(EcsField field) {
        return values[field.ordinal()];
    }

    public String getString(EcsField field) {
        Object v = values[field.ordinal()];
        if (v instanceof String s) {
            return s;
        }
        return v instanceof Utf8Text t ? t.toString() : null;
    }

    /** The long value of a LONG or DATE field, or {@code fallback} when absent. */
    public long getLong(EcsField field, long fallback) {
        Object v = values[field.ordinal()];
        return v instanceof Long l ? l : fallback;
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(EcsField field) {
        Object v = values[field.ordinal()];
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** Sets a string field; null or empty values are ignored. */
    public EcsEvent set(EcsField field, String value) {
        if (value != null && !value.isEmpty()) {
            put(field, value);
        }
        return this;
    }

    /** Sets a text field to raw UTF-8 bytes; empty text is ignored. */
    public EcsEvent setText(EcsField field, Utf8Text value) {
        if (value != null && !value.isEmpty()) {
            put(field, value);
        }
        return this;
    }

    /** Sets a string field unless it already has a value. */
    public EcsEvent setIfAbsent(EcsField field, String value) {
        if (!has(field)) {
            set(field, value);
        }
        return this;
    }

    public EcsEvent setLong(EcsField field, long value) {
        put(field, value);
        return this;
    }

    /** Sets a list field to an immutable list (shared constants are fine). */
    public EcsEvent setList(EcsField field, List<String> list) {
        if (list != null && !list.isEmpty()) {
            put(field, list);
        }
        return this;
    }

    /** Appends a value to a list field; null or empty values are ignored. */
    @SuppressWarnings("unchecked")
    public EcsEvent add(EcsField field, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        Object v = values[field.ordinal()];
        if (v instanceof ArrayList<?> l) {
            ((ArrayList<String>) l).add(value);
        } else {
            ArrayList<String> l = new ArrayList<>(4);
            if (v instanceof List<?> old) {
                l.addAll((List<String>) old);
            }
            l.add(value);
            put(field, l);
        }
        return this;
    }

    /** Adds {@code key=value} under an object field ({@code labels}). */
    @SuppressWarnings("unchecked")
    public EcsEvent putLabel(EcsField field, String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        Object v = values[field.ordinal()];
        Map<String, Object> map;
        if (v instanceof Map<?, ?> m) {
            map = (Map<String, Object>) m;
        } else {
            map = new LinkedHashMap<>();
            put(field, map);
        }
        map.put(key, value);
        return this;
    }

    /** Sets an object field to a nested map (syslog structured data). */
    public EcsEvent setObject(EcsField field, Map<String, ?> map) {
        if (map != null && !map.isEmpty()) {
            put(field, Collections.unmodifiableMap(map));
        }
        return this;
    }

    /**
     * Appends a map to an object field that holds a list of objects ({@code threat.enrichments});
     * empty maps are ignored.
     */
    @SuppressWarnings("unchecked")
    public EcsEvent addObject(EcsField field, Map<String, ?> item) {
        if (item == null || item.isEmpty()) {
            return this;
        }
        Object v = values[field.ordinal()];
        if (v instanceof ArrayList<?> l) {
            ((ArrayList<Object>) l).add(Collections.unmodifiableMap(item));
        } else {
            ArrayList<Object> l = new ArrayList<>(2);
            l.add(Collections.unmodifiableMap(item));
            put(field, l);
        }
        return this;
    }

    /** Sets {@code field} to the value it has in {@code from}, as it is (lists and maps shared). */
    public EcsEvent copy(EcsField field, EcsEvent from) {
        if (from.has(field)) {
            put(field, from.get(field));
        }
        return this;
    }

    public EcsEvent remove(EcsField field) {
        int i = field.ordinal();
        values[i] = null;
        if (i < 64) {
            presentLow &= ~(1L << i);
        } else {
            presentHigh &= ~(1L << (i - 64));
        }
        return this;
    }

    private void put(EcsField field, Object value) {
        int i = field.ordinal();
        values[i] = value;
        if (i < 64) {
            presentLow |= 1L << i;
        } else {
            presentHigh |= 1L << (i - 64);
        }
    }

    /** This event as one line of JSON with nested ECS objects. */
    public String toJson() {
        JsonOutput out = new JsonOutput(512);
        EcsJsonWriter.write(this, out);
        return out.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}

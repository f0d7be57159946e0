package io.gatewatch.core.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link EcsJsonWriter} wrote back into an {@link EcsEvent}: writing the event read
 * gives the same JSON again. Nested objects are walked by their dotted paths; a path that is no
 * ECS field, or a value of the wrong shape for its field, is skipped.
 *
 * <p>For JSON that gatewatch wrote (stored events), not for untrusted input: nesting is bounded,
 * sizes are not.
 */
public final class EcsJsonReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_DEPTH = 32;

    private EcsJsonReader() {}

    public static EcsEvent read(byte[] json, int offset, int length) throws IOException {
        EcsEvent event = new EcsEvent();
        try (JsonParser p = FACTORY.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an ECS event is a JSON object");
            }
            readObject(p, "", event, 0);
        }
        return event;
    }

    public static EcsEvent read(String json) throws IOException {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return read(bytes, 0, bytes.length);
    }

    /** The fields of the object whose START_OBJECT {@code p} is on, under {@code prefix}. */
    private static void readObject(JsonParser p, String prefix, EcsEvent event, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix.isEmpty() ? p.currentName() : prefix + '.' + p.currentName();
            JsonToken t = p.nextToken();
            EcsField field = EcsField.byPath(path);
            if (field == null) {
                if (t == JsonToken.START_OBJECT) {
                    readObject(p, path, event, depth + 1);
                } else {
                    p.skipChildren();
                }
                continue;
            }
            readValue(p, t, field, event, depth);
        }
    }

    private static void readValue(JsonParser p, JsonToken t, EcsField field, EcsEvent event, int depth)
            throws IOException {
        switch (field.type()) {
            case LONG -> {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    event.setLong(field, p.getLongValue());
                } else {
                    p.skipChildren();
                }
            }
            case DATE -> {
                if (t == JsonToken.VALUE_STRING) {
                    try {
                        event.setLong(field, Instant.parse(p.getText()).toEpochMilli());
                    } catch (DateTimeParseException e) {
                        // not a date the writer wrote: left out
                    }
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    event.setLong(field, p.getLongValue());
                } else {
                    p.skipChildren();
                }
            }
            case KEYWORD_LIST, IP_LIST -> {
                if (t == JsonToken.START_ARRAY) {
                    List<String> list = new ArrayList<>();
                    for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                        if (item.isScalarValue()) {
                            list.add(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                    event.setList(field, list);
                } else if (t.isScalarValue()) {
                    event.set(field, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            case OBJECT -> {
                if (t == JsonToken.START_OBJECT) {
                    event.setObject(field, map(p, depth + 1));
                } else if (t == JsonToken.START_ARRAY) {
                    for (Object item : list(p, depth + 1)) {
                        if (item instanceof Map<?, ?> m) {
                            event.addObject(field, castMap(m));
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            case KEYWORD, TEXT, IP -> {
                if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                    event.set(field, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    /** An object's entries as the writer's maps hold them: strings, maps and lists. */
    private static Map<String, Object> map(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Object v = any(p, p.nextToken(), depth);
            if (v != null) {
                map.put(key, v);
            }
        }
        return map;
    }

    private static List<Object> list(JsonParser p, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH);
        }
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            Object v = any(p, t, depth);
            if (v != null) {
                list.add(v);
            }
        }
        return list;
    }

    private static Object any(JsonParser p, JsonToken t, int depth) throws IOException {
        return switch (t) {
            case START_OBJECT -> map(p, depth + 1);
            case START_ARRAY -> list(p, depth + 1);
            case VALUE_NULL -> null;
            default -> p.getText();
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }
}
